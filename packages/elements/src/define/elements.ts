// Every element Tote has. The theme build's engine defines them (those of EAGER_ELEMENTS are
// defined already); a page never imports this file before the engine (see ARCHITECTURE.md).
import { ToteCartCountElement } from '../cart-count/index.ts'
import { ToteCartDrawerElement } from '../cart-drawer/index.ts'
import { ToteCartLinesElement } from '../cart-lines/index.ts'
import { ToteCartNoteElement } from '../cart-note/index.ts'
import { ToteCartTotalsElement } from '../cart-totals/index.ts'
import { ToteDiscountFormElement } from '../discount-form/index.ts'
import { ToteEmailCaptureElement } from '../email-capture/index.ts'
import { ToteNoticesElement } from '../notices/index.ts'
import { ToteQuantityElement } from '../quantity/index.ts'
import { ToteRecoveryElement } from '../recovery/index.ts'
import { ToteShopifyEventsElement } from '../shopify-events/index.ts'
import { EAGER_ELEMENTS } from './eager.ts'

/**
 * Every Tote element, by tag name (`tote-cart` first: the others find it as they connect).
 *
 * @example
 * customElements.define('my-cart-count', class extends TOTE_ELEMENTS['tote-cart-count'] {})
 */
export const TOTE_ELEMENTS = {
  ...EAGER_ELEMENTS,
  'tote-cart-count': ToteCartCountElement,
  'tote-cart-lines': ToteCartLinesElement,
  'tote-quantity': ToteQuantityElement,
  'tote-email-capture': ToteEmailCaptureElement,
  'tote-notices': ToteNoticesElement,
  'tote-recovery': ToteRecoveryElement,
  'tote-cart-totals': ToteCartTotalsElement,
  'tote-cart-drawer': ToteCartDrawerElement,
  'tote-discount-form': ToteDiscountFormElement,
  'tote-cart-note': ToteCartNoteElement,
  'tote-shopify-events': ToteShopifyEventsElement,
} as const
