import type { CartDetails } from '../details/index.ts'
import type { LineAttributes } from '../line-key/index.ts'
import type { CartSnapshot, Merchandise } from '../model/index.ts'
import type { NoticeInput } from '../notices/types.ts'

/**
 * One change in a batch sent to the backend. Line changes are **targets** (the quantity the
 * shopper wants), never deltas: sending the same batch twice leaves the same cart, so a
 * retry after a lost response never duplicates a line, even on backends without
 * idempotency keys.
 *
 * @example
 * const op: CartOp = {
 *   type: 'setLine', merchandiseId: 'v1', attributes: {}, quantity: 2, lineKey: 'v1', lineId: null,
 * }
 */
export type CartOp =
  | {
      type: 'setLine'
      merchandiseId: string
      attributes: LineAttributes
      /** The wanted quantity; `0` removes the line. */
      quantity: number
      /**
       * The selling plan (subscription) of the line; absent for a one-time purchase. Lines
       * that differ by plan are different lines: an adapter never folds them.
       */
      sellingPlanId?: string
      /** The line's key (`lineKey(merchandiseId, attributes, sellingPlanId)`). */
      lineKey: string
      /** The backend's line id when known, for backends that update lines by id. */
      lineId: string | null
    }
  | { type: 'setNote'; note: string }
  | { type: 'setAttributes'; attributes: LineAttributes }
  | { type: 'setDiscountCodes'; codes: readonly string[] }
  | SetDetailOp

/**
 * Sets one cart detail (see {@link CartDetails}) to a target value: a delivery address, the
 * buyer's phone, the gift card codes, the cart metafields.
 *
 * @example
 * const op: SetDetailOp = { type: 'setDetail', name: 'buyerPhone', value: '+4712345678' }
 */
export type SetDetailOp = {
  [Name in keyof CartDetails]: { type: 'setDetail'; name: Name; value: CartDetails[Name] }
}[keyof CartDetails]

/**
 * What every adapter call receives.
 *
 * @example
 * const response = await fetch(url, { signal: ctx.signal, headers: { 'Idempotency-Key': ctx.idempotencyKey } })
 */
export interface AdapterContext {
  /** Aborted when Tote gives up on the call (timeout, `destroy()`). */
  signal: AbortSignal
  /**
   * One key per batch, reused when the same batch is retried. Backends that take an
   * `Idempotency-Key` should send it; the same key must give the same result.
   */
  idempotencyKey: string
  /**
   * The cart's BCP 47 locale (`createCart({ locale })`), for backends that localize titles
   * and messages, such as Shopify's `@inContext(language:)`.
   */
  locale?: string
}

/**
 * What a write returns: the cart as the backend now has it, and its warnings.
 *
 * @example
 * const result: CartWriteResult = { cart: parseCartSnapshot(body.cart), notices: [] }
 */
export interface CartWriteResult {
  cart: CartSnapshot
  /**
   * Expected outcomes the backend reported: a line clamped to stock, a discount code
   * refused. They are data, not errors; core turns them into localized notices.
   */
  notices: NoticeInput[]
  /** Adapter-specific extras, such as re-rendered theme sections. */
  extensions?: Record<string, unknown>
}

/**
 * The result of resolving a recovery link.
 *
 * @example
 * const result: RecoveryResult = { cart: abandoned, merchandise: await adapter.merchandise(ids, ctx) }
 */
export interface RecoveryResult {
  /** The cart as it was, with the prices the shopper saw. */
  cart: CartSnapshot
  /**
   * The merchandise of its lines as it is now. A line whose merchandise is missing here
   * was removed from the catalogue (discontinued).
   */
  merchandise: Merchandise[]
}

/**
 * Input to {@link CartAdapter.create}.
 *
 * @example
 * const input: CreateCartInput = { ops: [{ type: 'setNote', note: 'Gift' }], country: 'NO' }
 */
export interface CreateCartInput {
  /** Changes to apply as the cart is created, in the same round trip where possible. */
  ops: CartOp[]
  /** Presentment country (ISO 3166-1 alpha-2), for backends that price by market (docs/domain.md R19). */
  country?: string
}

/**
 * Email capture input.
 *
 * @example
 * const input: CaptureEmailInput = { email: 'ada@example.com', consent: false }
 */
export interface CaptureEmailInput {
  email: string
  /** Whether the shopper agreed to marketing email. */
  consent: boolean
}

/**
 * What an adapter supports; core checks these before calling.
 *
 * @example
 * const capabilities: AdapterCapabilities = {
 *   email: true, recovery: true, notes: true, attributes: true, discounts: true, idempotency: false,
 * }
 */
export interface AdapterCapabilities {
  email: boolean
  recovery: boolean
  notes: boolean
  attributes: boolean
  discounts: boolean
  /** Whether the backend honours `Idempotency-Key`. */
  idempotency: boolean
  /** Whether lines may carry a selling plan (subscriptions). @default false */
  sellingPlans?: boolean
  /** The cart details the backend can set; the cart refuses the others. @default [] */
  details?: readonly (keyof CartDetails)[]
}

/**
 * The bridge between Tote and one backend. Small and batch-shaped: each write takes a
 * batch of target-state {@link CartOp}s and returns the whole cart.
 *
 * Failures are thrown as `ToteAdapterError` with a code (`network`, `timeout`,
 * `invalid_response`, `server_error`, `rate_limited`, `conflict`, `rejected`,
 * `cart_not_found`, `cart_completed`, `cart_expired`); expected commerce outcomes come back
 * as `notices` on a result. An adapter parses its backend's own shapes where it maps them;
 * the sync engine then parses every result with `parseWriteResult`, `parseCartSnapshot` and
 * `parseRecoveryResult`, so what an adapter returns is never trusted.
 *
 * `@tote/testing` has a conformance suite every adapter should pass.
 *
 * @example
 * const adapter: CartAdapter = createRestAdapter({ baseUrl: 'https://api.shop.example' })
 * const cart = createCart({ adapter })
 */
export interface CartAdapter {
  readonly name: string
  readonly capabilities: AdapterCapabilities
  /** Creates a cart, applying `input.ops` in the same round trip where the backend allows. */
  create(input: CreateCartInput, ctx: AdapterContext): Promise<CartWriteResult>
  /**
   * Optional: the shopper's current cart on backends that keep it themselves (a cookie, as
   * a theme's cart does). Called on start when no cart id is stored; `null` when none.
   */
  current?(ctx: AdapterContext): Promise<CartSnapshot | null>
  /** The cart as the backend has it; `null` when it is gone (start over). */
  get(cartId: string, ctx: AdapterContext): Promise<CartSnapshot | null>
  /** Applies one batch of changes. */
  apply(cartId: string, ops: readonly CartOp[], ctx: AdapterContext): Promise<CartWriteResult>
  /** Records the shopper's checkout email on the cart (docs/domain.md R3, R13). */
  captureEmail(
    cartId: string,
    input: CaptureEmailInput,
    ctx: AdapterContext,
  ): Promise<CartWriteResult>
  /** The merchandise with these ids, as it is now; unknown ids are left out. */
  merchandise(ids: readonly string[], ctx: AdapterContext): Promise<Merchandise[]>
  /** Resolves a recovery link (URL or token) into the cart as it was and its merchandise now. */
  recover(link: string, ctx: AdapterContext): Promise<RecoveryResult>
}
