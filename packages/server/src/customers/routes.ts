import type { Context, Hono } from 'hono'
import { ProtocolError } from '../http/errors.ts'
import type { RouteDependencies } from '../http/route-dependencies.ts'
import { MAX_TAGS, TagInput } from '../tags/index.ts'
import { z } from '../zod/index.ts'
import {
  decodeCursor,
  deleteCustomers,
  getCustomer,
  listCustomers,
  requestErasure,
  updateCustomer,
} from './index.ts'

/** A customer id path parameter. */
const CustomerIdParam = z.string().check(z.regex(/^cus_[A-Za-z0-9_-]{1,64}$/))

/** `GET /v1/merchant/customers` query. */
export const CustomerListQuery = z.object({
  query: z.optional(z.string().check(z.maxLength(254))),
  tag: z.optional(TagInput),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.optional(
    z.string().check(
      z.maxLength(500),
      z.refine((cursor) => decodeCursor(cursor) !== null, 'not a cursor of this list'),
    ),
  ),
})

/** `PATCH /v1/merchant/customers/{customerId}` */
export const CustomerUpdateBody = z.object({
  tags: z.optional(z.array(TagInput).check(z.maxLength(MAX_TAGS))),
  note: z.optional(z.string().check(z.maxLength(5000))),
})

/** `POST /v1/merchant/customers/delete` */
export const CustomerDeleteBody = z.object({
  ids: z
    .array(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(z.minLength(1), z.maxLength(250)),
})

function customerIdOf(c: Context): string {
  const parsed = CustomerIdParam.safeParse(c.req.param('customerId'))
  if (!parsed.success) throw new ProtocolError(404, 'customer_not_found', 'No such customer')
  return parsed.data
}

const notFound = () => new ProtocolError(404, 'customer_not_found', 'No such customer')

/**
 * The merchant's customer routes (docs/domain.md R13–R15), behind the merchant token: list and
 * search profiles, tag them, keep a staff note, delete one or many, request an erasure.
 * Register them after the merchant token check.
 */
export function registerCustomerRoutes(app: Hono, deps: RouteDependencies): void {
  const { storage, ctx, readJson } = deps

  app.get('/v1/merchant/customers', async (c) => {
    const query = CustomerListQuery.safeParse(c.req.query())
    if (!query.success) {
      throw new ProtocolError(400, 'invalid_request', 'The query is invalid', {
        issues: query.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          code: issue.code,
          message: issue.message,
        })),
      })
    }
    return c.json(await listCustomers(storage, ctx.shopId, query.data))
  })

  app.get('/v1/merchant/customers/:customerId', async (c) => {
    const customer = await getCustomer(storage, ctx.shopId, customerIdOf(c))
    if (!customer) throw notFound()
    return c.json({ customer })
  })

  app.patch('/v1/merchant/customers/:customerId', async (c) => {
    const customerId = customerIdOf(c)
    const body = await readJson(c, CustomerUpdateBody)
    const customer = await storage.transaction((tx) => updateCustomer(tx, ctx, customerId, body))
    if (!customer) throw notFound()
    return c.json({ customer })
  })

  app.delete('/v1/merchant/customers/:customerId', async (c) => {
    const customerId = customerIdOf(c)
    const result = await storage.transaction((tx) => deleteCustomers(tx, ctx.shopId, [customerId]))
    if (result.notFound.length > 0) throw notFound()
    const kept = result.kept[0]
    if (kept) {
      throw new ProtocolError(
        409,
        'customer_not_deletable',
        'This customer has an order history, an active subscription or a pending erasure request',
        { reasons: kept.reasons },
      )
    }
    return c.body(null, 204)
  })

  app.post('/v1/merchant/customers/delete', async (c) => {
    const body = await readJson(c, CustomerDeleteBody)
    return c.json(await storage.transaction((tx) => deleteCustomers(tx, ctx.shopId, body.ids)))
  })

  app.post('/v1/merchant/customers/:customerId/erasure', async (c) => {
    const customerId = customerIdOf(c)
    const erasure = await storage.transaction((tx) => requestErasure(tx, ctx, customerId))
    if (!erasure) throw notFound()
    return c.json({ erasure }, 202)
  })
}
