/**
 * `@tote/core/analytics`: Tote's cart events for analytics tools. A cart emits them
 * (`cart.on('line_added', ...)`); this entry maps them to GA4 ecommerce events, lists every
 * event type, and builds the same events from a cart snapshot, for a server or a test.
 *
 * @example
 * import { CART_EVENT_TYPES, toGa4 } from '@tote/core/analytics'
 *
 * for (const type of CART_EVENT_TYPES) {
 *   cart.on(type, (event) => {
 *     const { name, params } = toGa4(event)
 *     gtag('event', name, params)
 *   })
 * }
 *
 * @module
 */
import type { CartEvent, EventItem } from '../events/index.ts'
import { type Money, toDecimalString } from '../money/index.ts'

export type {
  CartEvent,
  CartEvents,
  CartRecoveredEvent,
  CheckoutStartedEvent,
  EmailCapturedEvent,
  EventItem,
  EventLineSource,
  LineAddedEvent,
  LineRemovedEvent,
  QuantityChangedEvent,
} from '../events/index.ts'
export {
  cartRecoveredEvent,
  checkoutStartedEvent,
  lineChangeEvent,
  toEventItem,
} from '../events/index.ts'

/**
 * Every event type, to listen to all of them.
 *
 * @example
 * for (const type of CART_EVENT_TYPES) cart.on(type, send)
 */
export const CART_EVENT_TYPES: readonly CartEvent['type'][] = [
  'line_added',
  'line_removed',
  'quantity_changed',
  'email_captured',
  'checkout_started',
  'cart_recovered',
]

/**
 * One item of a GA4 ecommerce event.
 *
 * @example
 * const item: Ga4Item = { item_id: 'v1', item_name: 'Mug', price: 12.5, quantity: 2, currency: 'EUR' }
 */
export interface Ga4Item {
  item_id: string
  item_name: string
  item_variant?: string
  /** The unit price in major units (`12.5` for 12.50 €). */
  price?: number
  quantity: number
  currency?: string
}

/**
 * A GA4 event: its name and parameters, ready for `gtag('event', name, params)` or, as
 * `{ event: name, ecommerce: params }`, for the Google Tag Manager data layer.
 *
 * @example
 * const ga4 = toGa4(event)
 * if (ga4) gtag('event', ga4.name, ga4.params)
 */
export interface Ga4Event {
  name: 'add_to_cart' | 'remove_from_cart' | 'begin_checkout' | 'generate_lead' | 'cart_recovered'
  params: {
    currency?: string
    /** In major units. */
    value?: number
    items?: Ga4Item[]
    coupon?: string
    lead_source?: string
    lines_removed?: number
    lines_lowered?: number
    lines_repriced?: number
    currency_changed?: boolean
  }
}

/**
 * Maps a Tote event to its GA4 ecommerce event: `line_added` → `add_to_cart`,
 * `line_removed` → `remove_from_cart`, `quantity_changed` → either (by the sign of the
 * change), `checkout_started` → `begin_checkout`, `email_captured` → `generate_lead`,
 * `cart_recovered` → the custom `cart_recovered`. Amounts are in major units.
 *
 * @example
 * toGa4(lineAdded)
 * // { name: 'add_to_cart', params: { currency: 'EUR', value: 25,
 * //   items: [{ item_id: 'v1', item_name: 'Mug', price: 12.5, quantity: 2, currency: 'EUR' }] } }
 */
export function toGa4(event: CartEvent): Ga4Event {
  switch (event.type) {
    case 'line_added':
    case 'line_removed':
    case 'quantity_changed':
      return {
        name: event.quantityDelta > 0 ? 'add_to_cart' : 'remove_from_cart',
        params: { ...amount(event.value), items: [ga4Item(event.item)] },
      }
    case 'checkout_started':
      return {
        name: 'begin_checkout',
        params: {
          ...amount(event.value),
          ...(event.discountCodes.length > 0 && { coupon: event.discountCodes.join(',') }),
          items: event.items.map(ga4Item),
        },
      }
    case 'email_captured':
      return {
        name: 'generate_lead',
        params: { ...amount(event.value), lead_source: 'checkout_email' },
      }
    case 'cart_recovered':
      return {
        name: 'cart_recovered',
        params: {
          ...amount(event.value),
          items: event.items.map(ga4Item),
          lines_removed: event.counts.removed,
          lines_lowered: event.counts.lowered,
          lines_repriced: event.counts.repriced,
          currency_changed: event.counts.currencyChanged > 0,
        },
      }
  }
}

function majorUnits(value: Money): number {
  return Number(toDecimalString(value))
}

function amount(value: Money | null): { currency?: string; value?: number } {
  return value ? { currency: value.currency, value: majorUnits(value) } : {}
}

function ga4Item(item: EventItem): Ga4Item {
  return {
    item_id: item.merchandiseId,
    item_name: item.title,
    ...(item.variant && { item_variant: item.variant }),
    ...(item.unitPrice && { price: majorUnits(item.unitPrice), currency: item.unitPrice.currency }),
    quantity: item.quantity,
  }
}
