import {
  type AdapterCapabilities,
  type AdapterContext,
  type CartAdapter,
  type CartOp,
  type CartSnapshot,
  type CartWriteResult,
  type CreateCartInput,
  type Merchandise,
  type RecoveryResult,
  ToteAdapterError,
  ToteArgumentError,
} from '@tote/core/adapter'
import { createClient } from '../client/index.ts'
import { toSnapshot } from '../mapping/index.ts'
import { type LinePlan, planOps } from '../plan/index.ts'
import { verifyMedusaRecoveryLink } from '../recovery/index.ts'
import { type CartState, storeCalls } from '../store/index.ts'
import { writeBatch } from '../write/index.ts'

/**
 * How the adapter opens recovery links. Medusa has none of its own: the app signs links with
 * `createMedusaRecoveryLink` and either gives the adapter its key(s), or a function that checks a
 * link (on its server, say) and answers the cart id it opens.
 *
 * @example
 * const recovery: MedusaRecoveryOptions = { verify: (link) => api.openRecoveryLink(link) }
 */
export type MedusaRecoveryOptions =
  | {
      /** HMAC keys, the newest first; a link signed with any of them opens. */
      key: string | readonly string[]
      /** The clock expiry is checked against. @default Date.now */
      now?: () => number
    }
  | {
      /** Checks a link; answers the cart id it opens, or `null` when it opens none. */
      verify(link: string): string | null | Promise<string | null>
    }

/** Options of {@link createMedusaAdapter}. */
export interface MedusaAdapterOptions {
  /** The Medusa server's URL, such as `https://shop.example.com` (the Store API is at `/store`). */
  baseUrl: string
  /** A publishable API key (`pk_…`), sent as `x-publishable-api-key`; its sales channels scope the products. */
  publishableKey: string
  /** The region new carts are created in: it sets their currency. */
  regionId: string
  /**
   * ISO 3166-1 country for the new cart's shipping address, so Medusa computes taxes for it
   * (it should be one of the region's countries); `createCart({ country })` wins.
   * @default none
   */
  country?: string
  /** Opens signed recovery links; without it, `capabilities.recovery` is `false`. */
  recovery?: MedusaRecoveryOptions
  /**
   * The storefront's checkout page for a cart (Medusa has no hosted checkout).
   * @default no checkout URL (`null`)
   */
  checkoutUrl?: (cartId: string) => string
  /** Timeout per request in milliseconds. @default 10000 */
  timeoutMs?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch
}

function assertOptions(options: MedusaAdapterOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ToteArgumentError('options', 'expected an options object')
  }
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\/[^/]/.test(options.baseUrl)) {
    throw new ToteArgumentError(
      'options.baseUrl',
      'expected an http(s) URL such as "https://shop.example.com"',
    )
  }
  if (typeof options.publishableKey !== 'string' || options.publishableKey === '') {
    throw new ToteArgumentError('options.publishableKey', 'expected a publishable API key ("pk_…")')
  }
  // The key travels in a header: only visible ASCII can go there (a placeholder copied from
  // the docs, "pk_…", would otherwise fail later inside fetch with an uncoded TypeError).
  if (!/^[\x21-\x7e]+$/.test(options.publishableKey)) {
    throw new ToteArgumentError(
      'options.publishableKey',
      'expected the publishable API key from Medusa\'s admin ("pk_" and letters or digits), got characters a header cannot carry',
    )
  }
  if (typeof options.regionId !== 'string' || options.regionId === '') {
    throw new ToteArgumentError('options.regionId', 'expected a region id ("reg_…")')
  }
  if (options.country !== undefined && !/^[A-Za-z]{2}$/.test(options.country)) {
    throw new ToteArgumentError('options.country', 'expected an ISO 3166-1 code such as "DE"')
  }
}

/**
 * Creates a Tote adapter for the Medusa v2 Store API cart (`/store/carts`).
 *
 * Carts live in a region (its currency prices them), scoped by a publishable key. A line is a
 * variant plus its metadata (Tote's attributes), which is Medusa's own merge rule. The Store API
 * changes one line per request, so a batch is one request per changed line plus one for
 * attributes and discount codes — no reads in between, since every answer is the whole cart.
 * Quantities are targets and a resend is corrected back to them: Medusa takes no idempotency
 * key. Stock refusals come back as notices; a completed cart (`completed_at`) is
 * `cart_completed`.
 *
 * @example
 * const adapter = createMedusaAdapter({
 *   baseUrl: 'https://shop.example.com',
 *   publishableKey: 'pk_…',
 *   regionId: 'reg_…',
 * })
 */
export function createMedusaAdapter(options: MedusaAdapterOptions): CartAdapter {
  assertOptions(options)
  const store = storeCalls(
    createClient({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      publishableKey: options.publishableKey,
      timeoutMs: options.timeoutMs ?? 10_000,
      fetch: options.fetch,
    }),
  )
  const capabilities: AdapterCapabilities = Object.freeze({
    email: true,
    recovery: options.recovery !== undefined,
    // Medusa carts have no note.
    notes: false,
    attributes: true,
    discounts: true,
    // The Store API takes no Idempotency-Key: targets make resends harmless instead.
    idempotency: false,
  })
  // The region of the last cart read: merchandise is priced where the shopper's cart is.
  let regionId = options.regionId

  function snapshotOf(state: CartState): CartSnapshot {
    if (state.cart.region_id) regionId = state.cart.region_id
    return toSnapshot(state.cart, {
      version: state.version,
      checkoutUrl: options.checkoutUrl ? options.checkoutUrl(state.cart.id) : null,
    })
  }

  async function write(
    cartId: string,
    batch: ReturnType<typeof planOps>,
    ctx: AdapterContext,
    start?: CartState,
  ): Promise<CartWriteResult> {
    const outcome = await writeBatch(
      { store, cartId, ctx, regionId },
      batch,
      start ?? null,
      start !== undefined,
    )
    return { cart: snapshotOf(outcome.state), notices: outcome.notices }
  }

  async function openLink(link: string): Promise<string> {
    const { recovery } = options
    if (!recovery) {
      throw new ToteAdapterError('unsupported', 'this Medusa adapter has no recovery options')
    }
    if (typeof link !== 'string' || link.trim() === '') {
      throw invalidLink('malformed', 'the recovery link is empty')
    }
    if ('verify' in recovery) {
      const cartId = await recovery.verify(link)
      if (typeof cartId !== 'string' || cartId === '') {
        throw invalidLink('tampered', 'the recovery link was refused')
      }
      return cartId
    }
    const check = await verifyMedusaRecoveryLink(link, {
      key: recovery.key,
      now: (recovery.now ?? Date.now)(),
    })
    if (!check.ok) throw invalidLink(check.reason, `the recovery link is ${check.reason}`)
    return check.cartId
  }

  return {
    name: 'medusa',
    capabilities,

    async create(input: CreateCartInput, ctx: AdapterContext): Promise<CartWriteResult> {
      const batch = planOps(input.ops.map(withoutLineId))
      const country = input.country ?? options.country
      const base = {
        region_id: options.regionId,
        ...(country ? { shipping_address: { country_code: country.toLowerCase() } } : {}),
        ...(batch.meta.attributes && Object.keys(batch.meta.attributes).length > 0
          ? { metadata: batch.meta.attributes }
          : {}),
      }
      const lines = batch.plans.filter((plan) => plan.quantity > 0)
      const codes = batch.meta.discountCodes ?? []
      // One request when Medusa takes it all. It refuses the whole creation for one line out
      // of stock or one unknown code: then the cart is made bare and the batch written to it,
      // so each refusal gets its own notice.
      const whole = await store.createCart(
        {
          ...base,
          ...(lines.length > 0 ? { items: lines.map(itemInput) } : {}),
          ...(codes.length > 0 ? { promo_codes: codes } : {}),
        },
        ctx,
      )
      if (whole.ok) {
        return write(whole.state.cart.id, batch, ctx, whole.state)
      }
      const bare = await store.createCart(base, ctx)
      if (!bare.ok) {
        throw new ToteAdapterError(
          'rejected',
          `Medusa refused to create a cart: ${bare.error.message ?? bare.status}`,
          { status: bare.status },
        )
      }
      return write(bare.state.cart.id, batch, ctx)
    },

    async get(cartId: string, ctx: AdapterContext): Promise<CartSnapshot | null> {
      const state = await store.readCart(cartId, ctx)
      return state === null ? null : snapshotOf(state)
    },

    async apply(
      cartId: string,
      ops: readonly CartOp[],
      ctx: AdapterContext,
    ): Promise<CartWriteResult> {
      return write(cartId, planOps(ops), ctx)
    },

    async captureEmail(cartId, input, ctx): Promise<CartWriteResult> {
      // Medusa has no field for marketing consent: only the address is sent.
      const outcome = await store.updateCart(cartId, { email: input.email }, ctx)
      if (outcome.ok) return { cart: snapshotOf(outcome.state), notices: [] }
      const state = await store.readCart(cartId, ctx)
      if (state === null) {
        throw new ToteAdapterError('cart_not_found', `Medusa has no cart ${cartId}`, {
          status: 404,
        })
      }
      if (state.cart.completed_at) {
        throw new ToteAdapterError('cart_completed', `cart ${cartId} was turned into an order`)
      }
      throw new ToteAdapterError(
        'rejected',
        `Medusa refused the email: ${outcome.error.message ?? outcome.status}`,
        { status: outcome.status },
      )
    },

    async merchandise(ids: readonly string[], ctx: AdapterContext): Promise<Merchandise[]> {
      return ids.length === 0 ? [] : store.merchandise(ids, regionId, ctx)
    },

    async recover(link: string, ctx: AdapterContext): Promise<RecoveryResult> {
      // One read for the cart as the shopper left it (Medusa prices a line when it is written,
      // so its prices are the ones they saw), one query for its variants now.
      const cartId = await openLink(link)
      const state = await store.readCart(cartId, ctx)
      if (state === null) throw invalidLink('unknown', 'the cart of this link is gone')
      if (state.cart.completed_at) {
        throw invalidLink('completed', 'this cart was already turned into an order')
      }
      const cart = snapshotOf(state)
      const ids = cart.lines.map((line) => line.merchandise.id)
      const merchandise =
        ids.length === 0
          ? []
          : await store.merchandise(ids, state.cart.region_id ?? options.regionId, ctx)
      // Medusa keeps a line's price until the line is written: recovery sends each repriced
      // line at its own quantity (@tote/core/recovery), so Medusa prices it as it is now.
      return { cart, merchandise }
    },
  }
}

function withoutLineId(op: CartOp): CartOp {
  return op.type === 'setLine' ? { ...op, lineId: null } : op
}

function itemInput(plan: LinePlan) {
  return {
    variant_id: plan.merchandiseId,
    quantity: plan.quantity,
    ...(Object.keys(plan.attributes).length > 0 ? { metadata: plan.attributes } : {}),
  }
}

function invalidLink(reason: string, message: string): ToteAdapterError {
  return new ToteAdapterError('invalid_recovery_link', message, { details: { reason } })
}
