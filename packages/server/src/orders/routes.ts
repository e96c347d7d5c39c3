import type { Context, Hono } from 'hono'
import { ProtocolError } from '../http/errors.ts'
import type { RouteDependencies } from '../http/route-dependencies.ts'
import { MAX_TAGS, TagInput } from '../tags/index.ts'
import { z } from '../zod/index.ts'
import {
  addOrderNote,
  type BillingAddress,
  getMerchantOrder,
  listMerchantOrders,
  setBillingAddress,
  setOrderTags,
} from './index.ts'

const OrderIdParam = z.string().check(z.regex(/^order_[A-Za-z0-9_-]{1,64}$/))

const Line = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))
const OptionalLine = (max: number) =>
  z._default(z.nullable(z.string().check(z.trim(), z.maxLength(max))), null)

/** `PUT /v1/merchant/orders/{orderId}/billing-address` */
export const BillingAddressBody = z.object({
  name: Line(200),
  company: OptionalLine(200),
  line1: Line(200),
  line2: OptionalLine(200),
  city: Line(100),
  region: OptionalLine(100),
  postalCode: OptionalLine(20),
  country: z.string().check(z.regex(/^[A-Z]{2}$/)),
  phone: OptionalLine(40),
})

/** `PATCH /v1/merchant/orders/{orderId}` */
export const OrderUpdateBody = z.object({
  tags: z.array(TagInput).check(z.maxLength(MAX_TAGS)),
})

/** `POST /v1/merchant/orders/{orderId}/notes` */
export const OrderNoteBody = z.object({
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)),
})

/** `GET /v1/merchant/orders` query. */
export const OrderListQuery = z.object({
  tag: z.optional(TagInput),
  customerId: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
})

function orderIdOf(c: Context): string {
  const parsed = OrderIdParam.safeParse(c.req.param('orderId'))
  if (!parsed.success) throw notFound()
  return parsed.data
}

const notFound = () => new ProtocolError(404, 'order_not_found', 'No such order')

/** Empty optional lines are left out of a stored address: `''` and `null` say the same. */
function cleanAddress(address: z.output<typeof BillingAddressBody>): BillingAddress {
  const orNull = (value: string | null) => (value ? value : null)
  return {
    name: address.name,
    company: orNull(address.company),
    line1: address.line1,
    line2: orNull(address.line2),
    city: address.city,
    region: orNull(address.region),
    postalCode: orNull(address.postalCode),
    country: address.country,
    phone: orNull(address.phone),
  }
}

/**
 * The merchant's order routes (docs/domain.md R18, R20, R21), behind the merchant token: the
 * orders with their tags, billing address and staff timeline, which no storefront route
 * returns. Register them after the merchant token check.
 */
export function registerOrderRoutes(app: Hono, deps: RouteDependencies): void {
  const { storage, ctx, readJson } = deps
  const answer = async (c: Context, orderId: string, status = 200) => {
    const order = await getMerchantOrder(storage, ctx.shopId, orderId)
    if (!order) throw notFound()
    return c.json({ order }, status as 200)
  }

  app.get('/v1/merchant/orders', async (c) => {
    const query = OrderListQuery.safeParse(c.req.query())
    if (!query.success) {
      throw new ProtocolError(400, 'invalid_request', 'The query is invalid', {
        issues: query.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          code: issue.code,
          message: issue.message,
        })),
      })
    }
    return c.json({ orders: await listMerchantOrders(storage, ctx.shopId, query.data) })
  })

  app.get('/v1/merchant/orders/:orderId', async (c) => answer(c, orderIdOf(c)))

  app.patch('/v1/merchant/orders/:orderId', async (c) => {
    const orderId = orderIdOf(c)
    const body = await readJson(c, OrderUpdateBody)
    if (!(await storage.transaction((tx) => setOrderTags(tx, ctx, orderId, body.tags))))
      throw notFound()
    return answer(c, orderId)
  })

  app.put('/v1/merchant/orders/:orderId/billing-address', async (c) => {
    const orderId = orderIdOf(c)
    const address = cleanAddress(await readJson(c, BillingAddressBody))
    const outcome = await storage.transaction((tx) => setBillingAddress(tx, ctx, orderId, address))
    if (outcome === 'not_found') throw notFound()
    if (outcome === 'locked') {
      throw new ProtocolError(
        409,
        'billing_address_locked',
        "This order's billing address is set and cannot be changed",
        { orderId },
      )
    }
    return answer(c, orderId)
  })

  app.post('/v1/merchant/orders/:orderId/notes', async (c) => {
    const orderId = orderIdOf(c)
    const body = await readJson(c, OrderNoteBody)
    const event = await storage.transaction((tx) => addOrderNote(tx, ctx, orderId, body.text))
    if (!event) throw notFound()
    return c.json({ event }, 201)
  })
}
