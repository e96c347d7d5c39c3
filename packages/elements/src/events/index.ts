import type { CartEvent, CartSyncStatus, CartView, Notice, RecoveryReport } from '@tote/core'
import type { ToteAddToCartElement } from '../add-to-cart/index.ts'
import type { ToteCartCountElement } from '../cart-count/index.ts'
import type { ToteCartDrawerElement } from '../cart-drawer/index.ts'
import type { ToteCartLinesElement } from '../cart-lines/index.ts'
import type { ToteCartNoteElement } from '../cart-note/index.ts'
import type { ToteCartElement } from '../cart-root/index.ts'
import type { ToteCartTotalsElement } from '../cart-totals/index.ts'
import type { ToteCheckoutElement } from '../checkout/index.ts'
import type { ToteDiscountFormElement } from '../discount-form/index.ts'
import type { ToteEmailCaptureElement } from '../email-capture/index.ts'
import type { ToteNoticesElement } from '../notices/index.ts'
import type { ToteQuantityElement } from '../quantity/index.ts'
import type { ToteRecoveryElement } from '../recovery/index.ts'
import type { ToteShopifyEventsElement } from '../shopify-events/index.ts'

/**
 * The DOM events Tote elements dispatch (bubbling and composed), by name.
 *
 * @example
 * document.addEventListener('tote:cart-updated', (event) => badge.hidden = event.detail.count === 0)
 */
export interface ToteEventMap {
  /** The cart as the shopper sees it changed (also sent once when a cart is bound). */
  'tote:cart-updated': CustomEvent<CartView>
  /** What sync is doing changed. */
  'tote:status': CustomEvent<CartSyncStatus>
  /** A new notice to show (sold out, quantity lowered, price changed...). */
  'tote:notice': CustomEvent<Notice>
  /** An analytics event of the cart (`line_added`, `checkout_started`...); see `toGa4`. */
  'tote:analytics': CustomEvent<CartEvent>
  /** `<tote-add-to-cart>` added to the cart. */
  'tote:added': CustomEvent<{ lineKey: string; merchandiseId: string; quantity: number }>
  /** `<tote-recovery>` rebuilt the cart; the report says what changed. */
  'tote:recovered': CustomEvent<RecoveryReport>
  /** `<tote-recovery>` could not open the link (a `ToteError`). */
  'tote:recovery-failed': CustomEvent<unknown>
  /** `<tote-checkout>` is about to go to `detail.url`; cancel it to navigate yourself. */
  'tote:checkout': CustomEvent<{ url: string }>
  /** A `<tote-cart>` got (or lost) its cart. */
  'tote:ready': CustomEvent<unknown>
  /** A theme section is about to be replaced by `section` (cancelable). */
  'tote:section-render': CustomEvent<{ id: string; section: Element }>
  /** A theme section was replaced: re-bind theme code inside it. */
  'tote:section-rendered': CustomEvent<{ id: string }>
}

declare global {
  interface HTMLElementEventMap extends ToteEventMap {}
  interface DocumentEventMap extends ToteEventMap {}
  interface HTMLElementTagNameMap {
    'tote-cart': ToteCartElement
    'tote-add-to-cart': ToteAddToCartElement
    'tote-cart-count': ToteCartCountElement
    'tote-cart-lines': ToteCartLinesElement
    'tote-quantity': ToteQuantityElement
    'tote-email-capture': ToteEmailCaptureElement
    'tote-notices': ToteNoticesElement
    'tote-recovery': ToteRecoveryElement
    'tote-checkout': ToteCheckoutElement
    'tote-cart-totals': ToteCartTotalsElement
    'tote-cart-drawer': ToteCartDrawerElement
    'tote-discount-form': ToteDiscountFormElement
    'tote-cart-note': ToteCartNoteElement
    'tote-shopify-events': ToteShopifyEventsElement
  }
}
