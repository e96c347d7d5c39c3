import type { ReadableAtom } from 'nanostores'
import type { CartAdapter } from '../adapter/types.ts'
import type { CartDetails, DeliveryAddress } from '../details/index.ts'
import type { ToteEnvironment } from '../env/index.ts'
import type { ToteError } from '../errors/index.ts'
import type { CartEvents } from '../events/index.ts'
import type { Messages } from '../i18n/index.ts'
import type { LineAttributes } from '../line-key/index.ts'
import type { CartSnapshot, Merchandise } from '../model/index.ts'
import type { Money } from '../money/index.ts'
import type { Notice } from '../notices/types.ts'
import type { recovery } from '../recovery/index.ts'

/**
 * A line as the shopper sees it: the confirmed line with their pending change on top.
 *
 * @example
 * cart.$lines.subscribe((lines: readonly CartLineView[]) => render(lines))
 */
export interface CartLineView {
  /** The line key: merchandise id + attributes. Stable before and after the backend confirms. */
  readonly key: string
  /** The backend's line id, once confirmed. */
  readonly id: string | null
  readonly merchandiseId: string
  /** What is in the line; `null` for an optimistic line whose merchandise is not known yet. */
  readonly merchandise: Merchandise | null
  readonly quantity: number
  readonly attributes: LineAttributes
  /** The selling plan (subscription) of the line; `null` for a one-time purchase. */
  readonly sellingPlanId: string | null
  /** Line costs; `estimated` when they include a change the backend has not confirmed. */
  readonly cost: {
    readonly unitPrice: Money | null
    readonly subtotal: Money | null
    readonly total: Money | null
    readonly estimated: boolean
  }
  /** Whether the shopper changed this line and the backend has not confirmed it yet. */
  readonly pending: boolean
}

/**
 * An amount that may include changes the backend has not confirmed yet.
 *
 * @example
 * const { amount, estimated }: EstimatedMoney = cart.$subtotal.get()
 * total.textContent = amount ? `${formatMoney(amount)}${estimated ? ' (estimated)' : ''}` : ''
 */
export interface EstimatedMoney {
  /** `null` while nothing is known (an empty cart without a currency). */
  readonly amount: Money | null
  /** `true` while pending changes are included, or a line's price is not known yet. */
  readonly estimated: boolean
}

/**
 * The cart as the shopper sees it: the backend's last snapshot with pending changes replayed on top.
 *
 * @example
 * const view: CartView = cart.$cart.get()
 */
export interface CartView {
  /** The backend's cart id, or `null` before the first write creates the cart. */
  readonly id: string | null
  readonly lines: readonly CartLineView[]
  /** Total number of units. */
  readonly count: number
  readonly subtotal: EstimatedMoney
  readonly total: EstimatedMoney
  readonly currency: string | null
  readonly note: string
  readonly attributes: LineAttributes
  readonly discountCodes: readonly { readonly code: string; readonly applicable: boolean | null }[]
  /** The checkout email, when captured (docs/domain.md R3). */
  readonly email: string | null
  readonly checkoutUrl: string | null
  /** Whether anything the shopper did is not confirmed yet. */
  readonly pending: boolean
  /**
   * Cart details (delivery address, buyer phone, gift cards, metafields) as the backend has
   * them with pending changes on top; absent until one is known.
   */
  readonly details?: Readonly<Partial<CartDetails>>
}

/**
 * What the sync engine is doing. It always comes back to `idle` or to `error` with a retry scheduled.
 *
 * @example
 * cart.$status.subscribe((status: CartSyncStatus) => {
 *   if (status.state === 'error') banner.textContent = status.error.message
 * })
 */
export type CartSyncStatus =
  | { readonly state: 'idle' }
  /** Loading the cart for the first time, or after a reload. */
  | { readonly state: 'loading' }
  /** A write or refresh is in flight. */
  | { readonly state: 'syncing' }
  /** The browser is offline; changes are kept and sent when it comes back. */
  | { readonly state: 'offline' }
  /** The last attempt failed; another is scheduled at `retryAt` (ms since epoch), or call `retry()`. */
  | {
      readonly state: 'error'
      readonly error: ToteError
      readonly retryAt: number
      readonly attempt: number
    }

/**
 * Input of {@link Cart.add}.
 *
 * @example
 * const input: AddToCartInput = { merchandiseId: 'variant-1', quantity: 2, attributes: { engraving: 'Ada' } }
 */
export interface AddToCartInput {
  /** The variant to add. */
  merchandiseId: string
  /**
   * How many to add to what the line already has.
   * @default 1
   */
  quantity?: number
  /** Line attributes (engraving, gift message). Lines with other attributes are other lines. */
  attributes?: LineAttributes
  /**
   * The selling plan (subscription) to buy the variant on, such as Shopify's
   * `gid://shopify/SellingPlan/1` (or its number for the theme adapter). Left out, a one-time
   * purchase. The same variant on another plan is another line.
   */
  sellingPlanId?: string
  /** The merchandise, when the page knows it, so the optimistic line shows title and price at once. */
  merchandise?: Merchandise
}

/**
 * Options of {@link createCart}.
 *
 * @example
 * const options: CartOptions = { adapter: createRestAdapter({ baseUrl: 'https://api.shop.example' }), locale: 'nb-NO' }
 */
export interface CartOptions {
  /** The backend adapter, such as `createRestAdapter(...)` or `createShopifyAdapter(...)`. */
  adapter: CartAdapter
  /**
   * Where the cart and its unsent changes persist.
   * @default 'tote:cart'
   */
  storageKey?: string
  /**
   * Locale for money and number formatting and plural rules in notice messages.
   * @default the document's language, else 'en'
   */
  locale?: string
  /**
   * Notice messages: English is built in; a catalogue from `@tote/core/messages/fr` or
   * `@tote/core/messages/nb` gives French or Norwegian, and any key can be overridden.
   * A key left out keeps its English message.
   *
   * @example
   * import { fr } from '@tote/core/messages/fr'
   * createCart({ adapter, locale: 'fr', messages: fr })
   * createCart({ adapter, locale: 'fr', messages: { ...fr, out_of_stock: '%{title} : victime de son succès' } })
   */
  messages?: Partial<Messages>
  /**
   * The largest quantity one line may have.
   * @default 999
   */
  maxQuantity?: number
  /**
   * Milliseconds before an adapter call is abandoned as a timeout.
   * @default 15000
   */
  timeoutMs?: number
  /** Backoff for transient failures: `min(maxMs, baseMs × 2^attempt)` with jitter. */
  retry?: { baseMs?: number; maxMs?: number }
  /**
   * Refresh the cart when the window regains focus after this many milliseconds.
   * @default 60000
   */
  refreshAfterMs?: number
  /**
   * While the shopper keeps clicking right after a write, the next batch waits for a pause
   * this long (at most one second), so a burst of clicks becomes one more request.
   * @default 100
   */
  batchWindowMs?: number
  /** Presentment country for new carts (ISO 3166-1 alpha-2), for backends that price by market. */
  country?: string
  /**
   * Keep the checkout email in `localStorage` so it survives a reload.
   * @default false
   */
  persistEmail?: boolean
  /** The environment (storage, timers, network, tabs); browser defaults. Tests pass fakes. */
  env?: Partial<ToteEnvironment>
  /**
   * Rules a delivery address must follow before it is sent, such as `militaryAddressRules`
   * from `@tote/core/address` (docs/domain.md R16); they throw a `ToteArgumentError`.
   *
   * @example
   * import { militaryAddressRules } from '@tote/core/address'
   * createCart({ adapter, addressRules: militaryAddressRules })
   */
  addressRules?: (address: DeliveryAddress) => void
  /**
   * Abandoned-cart recovery, from `@tote/core/recovery`, which `openRecovery` needs. Left
   * out, `openRecovery` rejects and the cart does not carry the reconciliation code.
   *
   * @example
   * import { recovery } from '@tote/core/recovery'
   * const cart = createCart({ adapter, recovery })
   * await cart.openRecovery(location.href)
   */
  recovery?: typeof recovery
}

/**
 * A cart: read-only stores to render from, and actions that change them at once.
 *
 * @example
 * const cart: Cart = createCart({ adapter })
 * cart.$count.subscribe((count) => { badge.textContent = String(count) })
 */
export interface Cart {
  /** The whole cart as the shopper sees it. */
  readonly $cart: ReadableAtom<CartView>
  /** The lines. */
  readonly $lines: ReadableAtom<readonly CartLineView[]>
  /** Total units in the cart. */
  readonly $count: ReadableAtom<number>
  /** Subtotal, flagged `estimated` while changes are pending. */
  readonly $subtotal: ReadableAtom<EstimatedMoney>
  /** What sync is doing. */
  readonly $status: ReadableAtom<CartSyncStatus>
  /** Notices to show the shopper (sold out, quantity lowered, price changed...). */
  readonly $notices: ReadableAtom<readonly Notice[]>
  /** A store of one line, which changes only when that line does. */
  line(lineKey: string): ReadableAtom<CartLineView | undefined>
  /** Adds units of a variant; returns the line key. */
  add(input: AddToCartInput): string
  /** Sets a line's quantity; `0` removes it. */
  setQuantity(lineKey: string, quantity: number): void
  /** Removes a line. */
  remove(lineKey: string): void
  /** Removes every line. */
  clear(): void
  /** Sets the cart note. */
  setNote(note: string): void
  /** Replaces the cart attributes. */
  setAttributes(attributes: LineAttributes): void
  /** Adds a discount code; the backend says whether it applies. */
  applyDiscountCode(code: string): void
  /** Removes a discount code. */
  removeDiscountCode(code: string): void
  /**
   * Sets the delivery address (`null` removes it). Needs an adapter with the
   * `deliveryAddress` detail; throws `unsupported` otherwise. Military addresses follow
   * docs/domain.md R16: check them with `checkMilitaryAddress` from `@tote/core/address`.
   *
   * @example
   * cart.setDeliveryAddress({ address1: '1 Rue de Rivoli', city: 'Paris', zip: '75001', countryCode: 'FR' })
   */
  setDeliveryAddress(address: DeliveryAddress | null): void
  /** Sets the buyer's phone number (E.164, such as `+16135551111`; `null` removes it). */
  setBuyerPhone(phone: string | null): void
  /** Applies a gift card code; the backend says what it covers. */
  applyGiftCardCode(code: string): void
  /** Removes a gift card, by its code or the last characters the cart shows. */
  removeGiftCardCode(code: string): void
  /** Sets a cart metafield (`null` removes it). */
  setMetafield(key: string, value: string | null): void
  /** Removes a notice from `$notices`. */
  dismissNotice(id: string): void
  /** Starts sync (done by the first subscriber or action; calling it again does nothing). */
  start(): void
  /** Retries at once after a failure instead of waiting for the scheduled retry. */
  retry(): void
  /** Fetches the cart from the backend (server wins; pending changes replay on top). */
  refresh(): Promise<void>
  /** Resolves when every change is confirmed or rejected and nothing is in flight. */
  settled(): Promise<void>
  /**
   * Adapter-specific extras of the last write, such as the theme sections the Shopify AJAX
   * adapter re-renders with each change (`extensions.sections`).
   */
  readonly $extensions: ReadableAtom<Readonly<Record<string, unknown>>>
  /** The checkout email capture state. */
  readonly $email: ReadableAtom<EmailCaptureState>
  /**
   * Records the shopper's checkout email on the cart, which makes it recoverable
   * (docs/domain.md R3) and creates their customer profile (R13). Throws a `ToteArgumentError`
   * for a malformed address, before anything is sent. The same address twice is one write.
   */
  captureEmail(email: string, options?: { consent?: boolean }): Promise<void>
  /**
   * Opens an abandoned-cart recovery link (a URL or a token): rebuilds the cart as it was,
   * reconciles it with the catalogue as it is now and makes it the active cart.
   * A bad link rejects with a `ToteError` (`invalid_recovery_link`) and leaves a usable cart.
   * Needs the `recovery` option of `createCart`; without it, rejects with `unsupported`.
   *
   * @example
   * const cart = createCart({ adapter, recovery }) // recovery from '@tote/core/recovery'
   * const { notices, counts } = await cart.openRecovery(location.href)
   */
  openRecovery(link: string, options?: OpenRecoveryOptions): Promise<RecoveryReport>
  /**
   * Listens to analytics events (`line_added`, `line_removed`, `quantity_changed`,
   * `email_captured`, `checkout_started`, `cart_recovered`); returns an unsubscribe function.
   * `toGa4(event)` from `@tote/core/analytics` maps them to GA4 ecommerce events.
   *
   * @example
   * cart.on('line_added', (event) => gtag('event', ...Object.values(toGa4(event))))
   */
  on<Type extends keyof CartEvents>(
    type: Type,
    listener: (event: CartEvents[Type]) => void,
  ): () => void
  /** Sends every pending change, then returns the checkout URL (and emits `checkout_started`). */
  checkout(): Promise<string>
  /** The last snapshot the backend confirmed. */
  readonly confirmed: CartSnapshot | null
  /** Stops sync and removes every timer and listener. The stores keep their last value. */
  destroy(): void
}

/**
 * The state of checkout email capture.
 *
 * @example
 * cart.$email.subscribe((email: EmailCaptureState) => { field.ariaBusy = String(email.state === 'saving') })
 */
export type EmailCaptureState =
  | { readonly state: 'idle'; readonly email: string | null }
  | { readonly state: 'saving'; readonly email: string }
  | { readonly state: 'saved'; readonly email: string }
  | { readonly state: 'error'; readonly email: string; readonly error: ToteError }

/**
 * Options of {@link Cart.openRecovery}.
 *
 * @example
 * await cart.openRecovery(link, { onExistingCart: 'replace' })
 */
export interface OpenRecoveryOptions {
  /**
   * What to do when the shopper already has a different, non-empty cart:
   * `merge` carries its lines into the recovered cart (nothing the shopper chose is lost; a
   * line in both keeps the larger quantity, so opening a link twice never doubles it);
   * `replace` makes the recovered cart the active one and leaves the other on the backend.
   * @default 'merge'
   */
  onExistingCart?: 'replace' | 'merge'
}

/**
 * Where opening a recovery link stands, as the React and Vue bindings' `useRecovery` give it;
 * `status` narrows the rest. Once `done`, `report` holds the counts of what changed; the
 * notices themselves are in the cart's `$notices` (render them there, once).
 *
 * @example
 * if (state.status === 'done') banner.textContent = `${state.report.counts.removed} removed`
 * else if (state.status === 'error') banner.textContent = state.error.message
 */
export type RecoveryState =
  /** No link to open. */
  | { readonly status: 'idle'; readonly report: null; readonly error: null }
  /** Rebuilding the cart from the link. */
  | { readonly status: 'loading'; readonly report: null; readonly error: null }
  /** The cart is back; `report.counts` says what changed since it was abandoned. */
  | {
      readonly status: 'done'
      readonly report: Pick<RecoveryReport, 'counts'>
      readonly error: null
    }
  /** The link could not be opened (a `ToteError`, such as `invalid_recovery_link`). */
  | { readonly status: 'error'; readonly report: null; readonly error: Error }

/**
 * What changed between the abandoned cart and the catalogue now (docs/domain.md R11, R12).
 *
 * @example
 * const { notices, counts }: RecoveryReport = await cart.openRecovery(link)
 */
export interface RecoveryReport {
  /** The notices raised, one per change; also pushed to `$notices`. */
  readonly notices: readonly Notice[]
  readonly counts: {
    readonly removed: number
    readonly lowered: number
    readonly repriced: number
    readonly currencyChanged: number
  }
}
