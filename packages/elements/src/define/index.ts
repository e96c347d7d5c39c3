import type { CartOptions } from '@tote/core'
import { ToteAddToCartElement } from '../add-to-cart/index.ts'
import { ToteCartCountElement } from '../cart-count/index.ts'
import { ToteCartLinesElement } from '../cart-lines/index.ts'
import { type AdapterFactory, ToteCartElement } from '../cart-root/index.ts'
import { ToteCheckoutElement } from '../checkout/index.ts'
import { ToteEmailCaptureElement } from '../email-capture/index.ts'
import { ToteNoticesElement } from '../notices/index.ts'
import { ToteQuantityElement } from '../quantity/index.ts'
import { ToteRecoveryElement } from '../recovery/index.ts'

/**
 * Every Tote element, by tag name.
 *
 * @example
 * customElements.define('my-cart-count', class extends TOTE_ELEMENTS['tote-cart-count'] {})
 */
export const TOTE_ELEMENTS = {
  'tote-cart': ToteCartElement,
  'tote-add-to-cart': ToteAddToCartElement,
  'tote-cart-count': ToteCartCountElement,
  'tote-cart-lines': ToteCartLinesElement,
  'tote-quantity': ToteQuantityElement,
  'tote-email-capture': ToteEmailCaptureElement,
  'tote-notices': ToteNoticesElement,
  'tote-recovery': ToteRecoveryElement,
  'tote-checkout': ToteCheckoutElement,
} as const

/**
 * Options of {@link defineToteElements}.
 *
 * @example
 * const options: DefineToteElementsOptions = { adapters: { memory: () => adapter }, recovery }
 */
export interface DefineToteElementsOptions {
  /** Adapters `<tote-cart adapter="...">` can name, each built from the element's attributes. */
  adapters?: Record<string, AdapterFactory>
  /**
   * Abandoned-cart recovery for the carts `<tote-cart adapter="...">` builds, which
   * `<tote-recovery>` needs: `recovery` from `@tote/core/recovery`. Left out, those carts
   * leave it out of the bundle and `<tote-recovery>` shows an error.
   *
   * @example
   * import { recovery } from '@tote/core/recovery'
   * defineToteElements({ adapters, recovery })
   */
  recovery?: CartOptions['recovery']
  /**
   * Where to define the elements.
   * @default window.customElements
   */
  registry?: CustomElementRegistry
}

/**
 * Defines the Tote elements, each only if its name is not defined yet (so two copies of
 * Tote on one page do not clash), and registers adapters for `<tote-cart adapter>`.
 *
 * @example
 * defineToteElements({
 *   adapters: { rest: (root) => createRestAdapter({ endpoint: root.getAttribute('endpoint')! }) },
 * })
 */
export function defineToteElements(options: DefineToteElementsOptions = {}): void {
  Object.assign(ToteCartElement.adapters, options.adapters)
  if (options.recovery) ToteCartElement.recovery = options.recovery
  const registry = options.registry ?? customElements
  for (const [name, element] of Object.entries(TOTE_ELEMENTS)) {
    if (!registry.get(name)) registry.define(name, element)
  }
}
