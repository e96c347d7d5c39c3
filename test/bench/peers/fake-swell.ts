/**
 * A fake Swell frontend API on 127.0.0.1: the session cart routes `swell-js` calls
 * (`/api/cart`, `/api/cart/items`), with the public key check and the `X-Session` header that
 * ties a cart to a shopper (see docs/benchmarks.md for what it leaves out).
 */
import { randomUUID } from 'node:crypto'
import {
  type JsonAnswer,
  type JsonRequest,
  type JsonServer,
  startJsonServer,
} from './json-server.ts'

/** A product the fake sells, price in the store currency (major units, as Swell). */
export interface FakeSwellProduct {
  id: string
  name: string
  price: number
}

interface Item {
  id: string
  product_id: string
  quantity: number
}

interface StoredCart {
  id: string
  items: Item[]
  date_created: string
  date_updated: string
}

/** The fake and what it holds. */
export interface FakeSwell extends JsonServer {
  readonly store: string
  readonly publicKey: string
  /** The quantity of `productId` in the cart of every session (0 if none), summed. */
  quantity(productId: string): number
  /** How many carts exist. */
  carts(): number
}

/** A tote bag, stock not tracked: the product the benchmark clicks. */
export const SWELL_TOTE: FakeSwellProduct = {
  id: '5e31e67be53f9a59d89600f1',
  name: 'Canvas tote',
  price: 29,
}

const round = (value: number) => Math.round(value * 100) / 100

/**
 * Starts the fake. `POST /api/cart/items` starts a session cart when the request has no
 * `X-Session` (and answers the new session in the `X-Session` header); adding a product already
 * in the cart adds to its item's quantity; `PUT /api/cart/items/:id` sets a quantity (0
 * removes); `GET /api/cart` is `null` without a cart. Every route needs the public key as
 * `Authorization: Basic base64(key)`.
 */
export async function startFakeSwell(
  options: { products?: FakeSwellProduct[] } = {},
): Promise<FakeSwell> {
  const store = 'tote-bench'
  const publicKey = 'pk_benchmarkpublickey'
  const products = new Map((options.products ?? [SWELL_TOTE]).map((p) => [p.id, p]))
  const sessions = new Map<string, StoredCart>()
  let ids = 0
  const nextId = () => (++ids).toString(16).padStart(24, '0')
  const now = () => new Date().toISOString()

  function cartJson(cart: StoredCart) {
    const items = cart.items.map((item) => {
      const product = products.get(item.product_id) as FakeSwellProduct
      const total = round(product.price * item.quantity)
      return {
        id: item.id,
        product_id: item.product_id,
        product_name: product.name,
        variant_id: null,
        options: [],
        quantity: item.quantity,
        price: product.price,
        orig_price: product.price,
        price_total: total,
        discount_each: 0,
        discount_total: 0,
        tax_each: 0,
        tax_total: 0,
      }
    })
    const subTotal = round(items.reduce((sum, item) => sum + item.price_total, 0))
    return {
      id: cart.id,
      checkout_id: cart.id,
      checkout_url: `https://${store}.swell.store/checkout/${cart.id}`,
      currency: 'EUR',
      items,
      item_quantity: items.reduce((sum, item) => sum + item.quantity, 0),
      sub_total: subTotal,
      discount_total: 0,
      tax_total: 0,
      shipment_total: 0,
      grand_total: subTotal,
      abandoned: false,
      active: true,
      date_created: cart.date_created,
      date_updated: cart.date_updated,
    }
  }

  function handle(request: JsonRequest): JsonAnswer {
    const expected = `Basic ${Buffer.from(publicKey).toString('base64')}`
    if (request.headers.authorization !== expected) {
      return { status: 401, body: { error: 'Unauthorized' } }
    }
    const header = request.headers['x-session']
    let session = typeof header === 'string' && header !== '' ? header : null
    const answer = (body: unknown): JsonAnswer => ({
      body,
      headers: session ? { 'X-Session': session } : {},
    })
    let cart = session ? (sessions.get(session) ?? null) : null
    const { method, path } = request
    if (path === '/api/cart' && method === 'GET') return answer(cart ? cartJson(cart) : null)
    if (path === '/api/cart/items' && method === 'POST') {
      const body = (request.body ?? {}) as { product_id?: unknown; quantity?: unknown }
      const product = typeof body.product_id === 'string' ? products.get(body.product_id) : null
      if (!product) {
        return answer({ errors: { product_id: { code: 'INVALID', message: 'Product not found' } } })
      }
      const quantity = body.quantity === undefined ? 1 : Number(body.quantity)
      if (!Number.isInteger(quantity) || quantity < 1) {
        return answer({ errors: { quantity: { code: 'INVALID', message: 'Invalid quantity' } } })
      }
      if (!cart) {
        session = session ?? randomUUID()
        cart = { id: nextId(), items: [], date_created: now(), date_updated: now() }
        sessions.set(session, cart)
      }
      const existing = cart.items.find((item) => item.product_id === product.id)
      if (existing) existing.quantity += quantity
      else cart.items.push({ id: nextId(), product_id: product.id, quantity })
      cart.date_updated = now()
      return answer(cartJson(cart))
    }
    const match = /^\/api\/cart\/items\/([^/]+)$/.exec(path)
    if (match && method === 'PUT') {
      if (!cart) return answer(null)
      const item = cart.items.find((candidate) => candidate.id === match[1])
      const { quantity } = (request.body ?? {}) as { quantity?: unknown }
      if (!item) return answer({ errors: { id: { code: 'INVALID', message: 'Item not found' } } })
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
        return answer({ errors: { quantity: { code: 'INVALID', message: 'Invalid quantity' } } })
      }
      if (quantity === 0) cart.items = cart.items.filter((candidate) => candidate !== item)
      else item.quantity = quantity
      cart.date_updated = now()
      return answer(cartJson(cart))
    }
    return { status: 404, body: { error: `Cannot ${method} ${path}` } }
  }

  const server = await startJsonServer(handle)
  return {
    ...server,
    store,
    publicKey,
    quantity: (productId) =>
      [...sessions.values()].reduce(
        (sum, cart) =>
          sum + (cart.items.find((item) => item.product_id === productId)?.quantity ?? 0),
        0,
      ),
    carts: () => sessions.size,
  }
}
