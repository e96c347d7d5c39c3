// The cart's events: their types, the emitter `createCart` sends them with, and the
// builders it makes them with. `@tote/core/analytics` re-exports the types and builders.
import type { CartSnapshot, Merchandise } from '../model/index.ts'
import type { Money } from '../money/index.ts'
import type { RecoveryCounts } from '../recovery/index.ts'

/**
 * A line as analytics sees it: what it is, its unit price and a quantity.
 *
 * @example
 * const item: EventItem = {
 *   lineKey: 'v1', merchandiseId: 'v1', productId: 'p1', title: 'Mug', variant: 'Blue',
 *   unitPrice: { amount: 1250, currency: 'EUR' }, quantity: 2,
 * }
 */
export interface EventItem {
  readonly lineKey: string
  readonly merchandiseId: string
  /** `''` while an optimistic line's merchandise is not known yet. */
  readonly productId: string
  /** The product's title; `''` while not known. */
  readonly title: string
  /** The variant's title, such as `M / Blue`; `''` when it has none. */
  readonly variant: string
  /** `null` while not known (an optimistic line added without its merchandise). */
  readonly unitPrice: Money | null
  /** Units: in line events the units added or removed, elsewhere the line's quantity. */
  readonly quantity: number
}

/** Fields shared by the events about one line. */
interface LineEventFields {
  readonly cartId: string | null
  readonly lineKey: string
  readonly merchandiseId: string
  /** The units added (positive) or removed (negative). */
  readonly quantityDelta: number
  /** The line's quantity after the change. */
  readonly quantity: number
  /** What the change is worth: unit price × units changed; `null` when the price is unknown. */
  readonly value: Money | null
  /** The line, with `quantity` = the units changed. */
  readonly item: EventItem
}

/**
 * The shopper added a line to the cart.
 *
 * @example
 * events.on('line_added', (event) => console.log(event.quantityDelta))
 */
export interface LineAddedEvent extends LineEventFields {
  readonly type: 'line_added'
}

/**
 * The shopper removed a line from the cart.
 *
 * @example
 * events.on('line_removed', (event) => console.log(event.value))
 */
export interface LineRemovedEvent extends LineEventFields {
  readonly type: 'line_removed'
}

/**
 * The shopper changed the quantity of a line that stays in the cart.
 *
 * @example
 * events.on('quantity_changed', (event) => console.log(event.quantityDelta > 0 ? 'more' : 'less'))
 */
export interface QuantityChangedEvent extends LineEventFields {
  readonly type: 'quantity_changed'
}

/**
 * The checkout email was saved on the cart. The address itself is never part of an event:
 * analytics tools are third parties (docs/domain.md R2).
 *
 * @example
 * events.on('email_captured', (event) => console.log(event.consent))
 */
export interface EmailCapturedEvent {
  readonly type: 'email_captured'
  readonly cartId: string
  /** Whether the shopper agreed to marketing email. */
  readonly consent: boolean
  /** The cart's total; `null` when it has no currency yet. */
  readonly value: Money | null
}

/**
 * The shopper went to checkout.
 *
 * @example
 * events.on('checkout_started', (event) => console.log(event.items.length))
 */
export interface CheckoutStartedEvent {
  readonly type: 'checkout_started'
  readonly cartId: string
  readonly value: Money
  readonly items: readonly EventItem[]
  readonly discountCodes: readonly string[]
}

/**
 * A recovery link was opened and its cart became the active one (docs/domain.md R1, R11, R12).
 *
 * @example
 * events.on('cart_recovered', (event) => console.log(event.counts.removed))
 */
export interface CartRecoveredEvent {
  readonly type: 'cart_recovered'
  readonly cartId: string
  readonly value: Money
  readonly items: readonly EventItem[]
  /** What reconciliation changed (see `reconcileRecovery`). */
  readonly counts: RecoveryCounts
}

/**
 * Every analytics event Tote emits.
 *
 * @example
 * function track(event: CartEvent) { if (event.type === 'line_added') console.log(event.item) }
 */
export type CartEvent =
  | LineAddedEvent
  | LineRemovedEvent
  | QuantityChangedEvent
  | EmailCapturedEvent
  | CheckoutStartedEvent
  | CartRecoveredEvent

/**
 * The events by type, as `cart.on` takes them.
 *
 * @example
 * const events = createEmitter<CartEvents>()
 */
export type CartEvents = { [Event in CartEvent as Event['type']]: Event }

/**
 * A listener of one event type.
 *
 * @example
 * const log: Listener<LineAddedEvent> = (event) => console.log(event.lineKey)
 */
export type Listener<Event> = (event: Event) => void

/**
 * A tiny typed event emitter.
 *
 * @example
 * const off = emitter.on('line_added', (event) => console.log(event.lineKey))
 * off()
 */
export interface Emitter<Events extends object> {
  /** Calls `listener` on each event of `type`; returns a function that stops it. */
  on<Type extends keyof Events>(type: Type, listener: Listener<Events[Type]>): () => void
  /** Stops calling `listener` for `type` (does nothing if it was not listening). */
  off<Type extends keyof Events>(type: Type, listener: Listener<Events[Type]>): void
  /** Calls every listener of `type`, in the order they started listening. */
  emit<Type extends keyof Events>(type: Type, event: Events[Type]): void
}

/**
 * Options of {@link createEmitter}.
 *
 * @example
 * createEmitter<CartEvents>({ onError: (error) => console.warn('analytics failed', error) })
 */
export interface EmitterOptions {
  /**
   * Receives what a listener throws. The other listeners still run and `emit` never throws,
   * so a broken analytics script cannot break the cart.
   * @default rethrows in a microtask, where the page's error reporting sees it
   */
  onError?: (error: unknown) => void
}

/**
 * Creates a typed emitter. Listeners are called synchronously, in the order they were
 * added; one added during an `emit` waits for the next event.
 *
 * @example
 * const events = createEmitter<CartEvents>()
 * const off = events.on('line_added', (event) => console.log(event.quantityDelta))
 * events.emit('line_added', event)
 * off()
 */
export function createEmitter<Events extends object>(
  options: EmitterOptions = {},
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>()
  const onError =
    options.onError ??
    ((error: unknown) =>
      queueMicrotask(() => {
        throw error
      }))

  const off: Emitter<Events>['off'] = (type, listener) => {
    const set = listeners.get(type)
    set?.delete(listener)
    if (set?.size === 0) listeners.delete(type)
  }

  return {
    on(type, listener) {
      const set = listeners.get(type) ?? new Set()
      listeners.set(type, set)
      set.add(listener)
      return () => off(type, listener)
    },
    off,
    emit(type, event) {
      const set = listeners.get(type)
      if (!set) return
      for (const listener of [...set] as Listener<typeof event>[]) {
        try {
          listener(event)
        } catch (error) {
          onError(error)
        }
      }
    },
  }
}

/**
 * What the line event factories read from a line: a `CartLine` or a line view both fit.
 *
 * @example
 * const optimistic: EventLineSource = { key: 'v1', merchandiseId: 'v1', merchandise: null, cost: { unitPrice: null } }
 */
export interface EventLineSource {
  readonly key: string
  /** The merchandise id, when the line carries it beside its merchandise. */
  readonly merchandiseId?: string
  readonly merchandise: Pick<Merchandise, 'id' | 'productId' | 'productTitle' | 'title'> | null
  readonly cost: { readonly unitPrice: Money | null }
}

/**
 * Describes a line for analytics, with `quantity` units.
 *
 * @example
 * toEventItem(cart.lines[0], 2) // { lineKey, merchandiseId, title, unitPrice, quantity: 2, ... }
 */
export function toEventItem(line: EventLineSource, quantity: number): EventItem {
  const merchandise = line.merchandise
  return {
    lineKey: line.key,
    merchandiseId: line.merchandiseId ?? merchandise?.id ?? '',
    productId: merchandise?.productId ?? '',
    title: merchandise?.productTitle ?? '',
    variant: merchandise?.title ?? '',
    unitPrice: line.cost.unitPrice,
    quantity,
  }
}

/**
 * The event for a line whose quantity went from `from` to `to`: `line_added` from 0,
 * `line_removed` to 0, `quantity_changed` otherwise, `null` when nothing changed.
 *
 * @example
 * lineChangeEvent(line, { from: 0, to: 2, cartId: 'c1' }) // { type: 'line_added', quantityDelta: 2, ... }
 */
export function lineChangeEvent(
  line: EventLineSource,
  change: { from: number; to: number; cartId: string | null },
): LineAddedEvent | LineRemovedEvent | QuantityChangedEvent | null {
  const { from, to, cartId } = change
  const delta = to - from
  if (delta === 0) return null
  const unitPrice = line.cost.unitPrice
  const item = toEventItem(line, Math.abs(delta))
  const fields = {
    cartId,
    lineKey: line.key,
    merchandiseId: item.merchandiseId,
    quantityDelta: delta,
    quantity: to,
    value: unitPrice && {
      amount: unitPrice.amount * Math.abs(delta),
      currency: unitPrice.currency,
    },
    item,
  }
  if (from === 0) return { type: 'line_added', ...fields }
  if (to === 0) return { type: 'line_removed', ...fields }
  return { type: 'quantity_changed', ...fields }
}

/**
 * The `checkout_started` event of a cart.
 *
 * @example
 * events.emit('checkout_started', checkoutStartedEvent(cart))
 */
export function checkoutStartedEvent(cart: CartSnapshot): CheckoutStartedEvent {
  return {
    type: 'checkout_started',
    cartId: cart.id,
    value: cart.cost.total,
    items: cart.lines.map((line) => toEventItem(line, line.quantity)),
    discountCodes: cart.discountCodes.filter((code) => code.applicable).map((code) => code.code),
  }
}

/**
 * The `cart_recovered` event of a recovered cart and its reconciliation counts.
 *
 * @example
 * const { cart, report } = reconcileRecovery(result)
 * events.emit('cart_recovered', cartRecoveredEvent(cart, report.counts))
 */
export function cartRecoveredEvent(cart: CartSnapshot, counts: RecoveryCounts): CartRecoveredEvent {
  return {
    type: 'cart_recovered',
    cartId: cart.id,
    value: cart.cost.total,
    items: cart.lines.map((line) => toEventItem(line, line.quantity)),
    counts,
  }
}
