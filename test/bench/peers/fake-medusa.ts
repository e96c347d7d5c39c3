/**
 * A fake Medusa v2 Store API on 127.0.0.1: the cart and product routes a storefront calls to
 * put things in a cart, with Medusa's route shapes, status codes and error bodies (see
 * docs/benchmarks.md for what it leaves out).
 */
import {
  type JsonAnswer,
  type JsonRequest,
  type JsonServer,
  startJsonServer,
} from './json-server.ts'

/** A variant the fake sells: price in the region's currency (major units, as Medusa 2). */
export interface FakeMedusaVariant {
  id: string
  productId: string
  productTitle: string
  title: string
  price: number
}

interface LineItem {
  id: string
  variant_id: string
  quantity: number
  metadata: Record<string, unknown>
}

interface StoredCart {
  id: string
  region_id: string
  email: string | null
  metadata: Record<string, unknown> | null
  items: LineItem[]
  created_at: string
  updated_at: string
}

/** The fake and what it holds. */
export interface FakeMedusa extends JsonServer {
  readonly publishableKey: string
  readonly regionId: string
  /** The quantity of `variantId` in cart `cartId` as the fake holds it (0 if none). */
  quantity(cartId: string, variantId: string): number
  /** The ids of every cart created. */
  cartIds(): string[]
}

/** A notebook, stock not tracked: the variant the benchmark clicks. */
export const MEDUSA_NOTEBOOK: FakeMedusaVariant = {
  id: 'variant_01NOTEBOOKDOT',
  productId: 'prod_01NOTEBOOK',
  productTitle: 'Notebook A5',
  title: 'Dot grid',
  price: 9.95,
}

const error = (status: number, type: string, message: string): JsonAnswer => ({
  status,
  body: { type, message },
})

const round = (value: number) => Math.round(value * 100) / 100

/** Medusa's deep-equal test for line item metadata: absent and `{}` both count as none. */
function sameMetadata(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const none = (value: Record<string, unknown>) => Object.keys(value).length === 0
  if (none(a) && none(b)) return true
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Starts the fake. It serves `POST /store/carts`, `GET|POST /store/carts/:id`,
 * `POST /store/carts/:id/line-items`, `POST|DELETE /store/carts/:id/line-items/:line_id` and
 * `GET /store/products`, each behind the `x-publishable-api-key` header. Adding a variant that
 * is in the cart with the same metadata adds to that line item, as Medusa's add-to-cart
 * workflow does; a quantity of 0 removes the line item.
 */
export async function startFakeMedusa(
  options: { variants?: FakeMedusaVariant[] } = {},
): Promise<FakeMedusa> {
  const publishableKey = 'pk_01BENCHMARK'
  const regionId = 'reg_01EUROPE'
  const currency = 'eur'
  const variants = new Map((options.variants ?? [MEDUSA_NOTEBOOK]).map((v) => [v.id, v]))
  const carts = new Map<string, StoredCart>()
  let ids = 0
  const nextId = (prefix: string) => `${prefix}_01BENCH${String(++ids).padStart(6, '0')}`
  const now = () => new Date().toISOString()

  function itemJson(cart: StoredCart, item: LineItem) {
    const variant = variants.get(item.variant_id) as FakeMedusaVariant
    const total = round(variant.price * item.quantity)
    return {
      id: item.id,
      cart_id: cart.id,
      variant_id: item.variant_id,
      product_id: variant.productId,
      title: variant.productTitle,
      product_title: variant.productTitle,
      variant_title: variant.title,
      thumbnail: null,
      quantity: item.quantity,
      unit_price: variant.price,
      compare_at_unit_price: null,
      is_tax_inclusive: false,
      metadata: item.metadata,
      subtotal: total,
      total,
      original_total: total,
      discount_total: 0,
      tax_total: 0,
    }
  }

  function cartJson(cart: StoredCart) {
    const items = cart.items.map((item) => itemJson(cart, item))
    const total = round(items.reduce((sum, item) => sum + item.total, 0))
    return {
      id: cart.id,
      currency_code: currency,
      region_id: cart.region_id,
      email: cart.email,
      completed_at: null,
      metadata: cart.metadata,
      created_at: cart.created_at,
      updated_at: cart.updated_at,
      items,
      promotions: [],
      total,
      subtotal: total,
      item_total: total,
      item_subtotal: total,
      tax_total: 0,
      discount_total: 0,
      shipping_total: 0,
      original_total: total,
    }
  }

  /** Validates `{ variant_id, quantity, metadata? }` as Medusa's line item validator does. */
  function itemInput(
    body: unknown,
  ): { variant_id: string; quantity: number; metadata: Record<string, unknown> } | JsonAnswer {
    const input = body as { variant_id?: unknown; quantity?: unknown; metadata?: unknown } | null
    if (typeof input?.variant_id !== 'string') {
      return error(400, 'invalid_data', "Invalid request: Field 'variant_id' is required")
    }
    if (typeof input.quantity !== 'number' || !Number.isFinite(input.quantity)) {
      return error(400, 'invalid_data', "Invalid request: Field 'quantity' is required")
    }
    if (!variants.has(input.variant_id)) {
      return error(400, 'invalid_data', `Variants with IDs ${input.variant_id} do not exist`)
    }
    const metadata = (input.metadata ?? {}) as Record<string, unknown>
    return { variant_id: input.variant_id, quantity: input.quantity, metadata }
  }

  function addItem(
    cart: StoredCart,
    input: { variant_id: string; quantity: number; metadata: Record<string, unknown> },
  ) {
    const existing = cart.items.find(
      (item) => item.variant_id === input.variant_id && sameMetadata(item.metadata, input.metadata),
    )
    if (existing) existing.quantity += input.quantity
    else cart.items.push({ id: nextId('cali'), ...input })
    cart.updated_at = now()
  }

  function products(query: URLSearchParams): JsonAnswer {
    const wanted = query.getAll('variants[id][]')
    const byProduct = new Map<string, FakeMedusaVariant[]>()
    for (const variant of variants.values()) {
      if (wanted.length > 0 && !wanted.includes(variant.id)) continue
      byProduct.set(variant.productId, [...(byProduct.get(variant.productId) ?? []), variant])
    }
    const list = [...byProduct.values()].map((group) => ({
      id: group[0]?.productId,
      title: group[0]?.productTitle,
      thumbnail: null,
      variants: group.map((variant) => ({
        id: variant.id,
        title: variant.title,
        thumbnail: null,
        manage_inventory: false,
        allow_backorder: false,
        inventory_quantity: 0,
        options: [{ value: variant.title, option: { title: 'Ruling' } }],
        calculated_price: query.has('region_id')
          ? {
              calculated_amount: variant.price,
              original_amount: variant.price,
              currency_code: currency,
            }
          : undefined,
      })),
    }))
    return { body: { products: list, count: list.length, offset: 0, limit: list.length } }
  }

  function handle(request: JsonRequest): JsonAnswer {
    const { method, path } = request
    if (!path.startsWith('/store/')) return error(404, 'not_found', `Cannot ${method} ${path}`)
    if (typeof request.headers['x-publishable-api-key'] !== 'string') {
      return error(
        400,
        'not_allowed',
        'Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.',
      )
    }
    if (request.headers['x-publishable-api-key'] !== publishableKey) {
      return error(
        400,
        'not_allowed',
        'A valid publishable key is required to proceed with the request',
      )
    }
    if (method === 'GET' && path === '/store/products') return products(request.query)
    if (method === 'POST' && path === '/store/carts') {
      const body = (request.body ?? {}) as {
        region_id?: unknown
        items?: unknown
        email?: unknown
        metadata?: unknown
      }
      if (body.region_id !== undefined && body.region_id !== regionId) {
        return error(404, 'not_found', `Region with id: ${String(body.region_id)} was not found`)
      }
      const cart: StoredCart = {
        id: nextId('cart'),
        region_id: regionId,
        email: typeof body.email === 'string' ? body.email : null,
        metadata: (body.metadata as Record<string, unknown> | undefined) ?? null,
        items: [],
        created_at: now(),
        updated_at: now(),
      }
      for (const raw of (body.items as unknown[] | undefined) ?? []) {
        const input = itemInput(raw)
        if ('body' in input) return input
        addItem(cart, input)
      }
      carts.set(cart.id, cart)
      return { body: { cart: cartJson(cart) } }
    }
    const match = /^\/store\/carts\/([^/]+)(\/line-items(?:\/([^/]+))?)?$/.exec(path)
    if (!match) return error(404, 'not_found', `Cannot ${method} ${path}`)
    const cart = carts.get(decodeURIComponent(match[1] as string))
    if (!cart) return error(404, 'not_found', `Cart id not found: ${match[1]}`)
    const [, , lineItems, lineId] = match
    if (!lineItems) {
      if (method === 'GET') return { body: { cart: cartJson(cart) } }
      if (method !== 'POST') return error(404, 'not_found', `Cannot ${method} ${path}`)
      const body = (request.body ?? {}) as { email?: unknown; metadata?: unknown }
      if (typeof body.email === 'string') cart.email = body.email
      if (body.metadata && typeof body.metadata === 'object') {
        cart.metadata = { ...cart.metadata, ...(body.metadata as Record<string, unknown>) }
      }
      cart.updated_at = now()
      return { body: { cart: cartJson(cart) } }
    }
    if (!lineId) {
      if (method !== 'POST') return error(404, 'not_found', `Cannot ${method} ${path}`)
      const input = itemInput(request.body)
      if ('body' in input) return input
      addItem(cart, input)
      return { body: { cart: cartJson(cart) } }
    }
    const item = cart.items.find((candidate) => candidate.id === decodeURIComponent(lineId))
    if (method === 'DELETE') {
      cart.items = cart.items.filter((candidate) => candidate !== item)
      return { body: { id: lineId, object: 'line-item', deleted: true, parent: cartJson(cart) } }
    }
    if (method !== 'POST') return error(404, 'not_found', `Cannot ${method} ${path}`)
    if (!item) return error(404, 'not_found', `Line item with id: ${lineId} was not found`)
    const { quantity } = (request.body ?? {}) as { quantity?: unknown }
    if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) {
      return error(400, 'invalid_data', "Invalid request: Field 'quantity' is required")
    }
    if (quantity === 0) cart.items = cart.items.filter((candidate) => candidate !== item)
    else item.quantity = quantity
    cart.updated_at = now()
    return { body: { cart: cartJson(cart) } }
  }

  const server = await startJsonServer(handle)
  return {
    ...server,
    publishableKey,
    regionId,
    quantity: (cartId, variantId) =>
      carts.get(cartId)?.items.find((item) => item.variant_id === variantId)?.quantity ?? 0,
    cartIds: () => [...carts.keys()],
  }
}
