import { type AdapterContext, type Merchandise, ToteAdapterError } from '@tote/core/adapter'
import {
  CART_FIELDS,
  type Outcome,
  PRODUCT_FIELDS,
  type StoreClient,
  type StoreRequest,
} from '../client/index.ts'
import { productMerchandise } from '../mapping/index.ts'
import { CartBodySchema, type MedusaCart, ProductPageSchema } from '../schemas/index.ts'

/** A cart as one answer gave it, with the version of the request that got it. */
export interface CartState {
  cart: MedusaCart
  version: number
}

/** The most variant ids asked for in one product query (the URL stays well under 8 KB). */
const LOOKUP_PAGE = 100

/**
 * The Store API calls the adapter makes, one small function per route. Cart routes always ask
 * for {@link CART_FIELDS}; every answer is parsed with the shapes of `schemas/`.
 */
export function storeCalls(client: StoreClient) {
  const cartPath = (cartId: string) => `carts/${encodeURIComponent(cartId)}`

  function cartOf(outcome: Outcome & { ok: true }): CartState {
    const { cart } = client.parse(CartBodySchema, outcome.body, 'cart')
    return { cart, version: outcome.version }
  }

  async function cartRequest(request: StoreRequest, ctx: AdapterContext) {
    const outcome = await client.send(
      { ...request, query: { ...request.query, fields: CART_FIELDS } },
      ctx,
    )
    return outcome.ok ? { ok: true as const, state: cartOf(outcome) } : outcome
  }

  return {
    /** `GET /store/carts/:id`; `null` when Medusa has no such cart (404). */
    async readCart(cartId: string, ctx: AdapterContext): Promise<CartState | null> {
      const outcome = await cartRequest({ method: 'GET', path: cartPath(cartId) }, ctx)
      if (outcome.ok) return outcome.state
      if (outcome.status === 404) return null
      throw new ToteAdapterError(
        'rejected',
        `Medusa refused to read cart ${cartId}: ${outcome.error.message ?? outcome.status}`,
        { status: outcome.status },
      )
    },

    /** `POST /store/carts`: a new cart, with its first items, metadata and codes. */
    createCart(body: Record<string, unknown>, ctx: AdapterContext) {
      return cartRequest({ method: 'POST', path: 'carts', json: body }, ctx)
    },

    /** `POST /store/carts/:id`: email, metadata (merged) and promotion codes (replaced). */
    updateCart(cartId: string, body: Record<string, unknown>, ctx: AdapterContext) {
      return cartRequest({ method: 'POST', path: cartPath(cartId), json: body }, ctx)
    },

    /** `POST /store/carts/:id/line-items`: adds to the line with that variant and metadata. */
    addItem(
      cartId: string,
      item: { variantId: string; quantity: number; metadata: Record<string, string> },
      ctx: AdapterContext,
    ) {
      const json = {
        variant_id: item.variantId,
        quantity: item.quantity,
        ...(Object.keys(item.metadata).length > 0 ? { metadata: item.metadata } : {}),
      }
      return cartRequest({ method: 'POST', path: `${cartPath(cartId)}/line-items`, json }, ctx)
    },

    /** `POST /store/carts/:id/line-items/:line`: sets the quantity (absolute). */
    setItemQuantity(cartId: string, itemId: string, quantity: number, ctx: AdapterContext) {
      const path = `${cartPath(cartId)}/line-items/${encodeURIComponent(itemId)}`
      return cartRequest({ method: 'POST', path, json: { quantity } }, ctx)
    },

    /**
     * `DELETE /store/carts/:id/line-items/:line`. Medusa answers `{ deleted, parent }` (the
     * cart), and succeeds for an id it does not have, so a resent removal is harmless.
     */
    async removeItem(cartId: string, itemId: string, ctx: AdapterContext) {
      const outcome = await client.send(
        {
          method: 'DELETE',
          path: `${cartPath(cartId)}/line-items/${encodeURIComponent(itemId)}`,
          query: { fields: CART_FIELDS },
        },
        ctx,
      )
      if (!outcome.ok) return outcome
      const parent = (outcome.body as { parent?: unknown } | null)?.parent
      return { ok: true as const, state: cartOf({ ...outcome, body: { cart: parent } }) }
    },

    /**
     * The merchandise with these variant ids as it is now, priced for `regionId`: one
     * `GET /store/products?variants[id][]=…` per hundred ids (published products of the
     * publishable key's sales channels only), stock from `inventory_quantity`.
     */
    async merchandise(
      ids: readonly string[],
      regionId: string,
      ctx: AdapterContext,
    ): Promise<Merchandise[]> {
      const wanted = [...new Set(ids)]
      const found = new Map<string, Merchandise>()
      for (let start = 0; start < wanted.length; start += LOOKUP_PAGE) {
        const page = wanted.slice(start, start + LOOKUP_PAGE)
        const outcome = await client.send(
          {
            method: 'GET',
            path: 'products',
            query: {
              'variants[id][]': page,
              region_id: regionId,
              fields: PRODUCT_FIELDS,
              // At most one product per id.
              limit: String(page.length),
            },
          },
          ctx,
        )
        if (!outcome.ok) {
          throw new ToteAdapterError(
            'rejected',
            `Medusa refused the product lookup: ${outcome.error.message ?? outcome.status}`,
            { status: outcome.status },
          )
        }
        const { products } = client.parse(ProductPageSchema, outcome.body, 'products')
        for (const product of products) {
          for (const item of productMerchandise(product)) found.set(item.id, item)
        }
      }
      return wanted.flatMap((id) => found.get(id) ?? [])
    },
  }
}

/** The Store API calls of one adapter. */
export type StoreCalls = ReturnType<typeof storeCalls>
