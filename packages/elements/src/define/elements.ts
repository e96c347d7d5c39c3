// Which elements Tote has, and defining them. Nothing here builds a cart, so the theme
// build's eager entry imports this file, never define/index.ts, whose defineToteElements
// brings createCart (see ARCHITECTURE.md).
import { ToteArgumentError } from '@tote/core'
import { ToteAddToCartElement } from '../add-to-cart/index.ts'
import { ToteCartCountElement } from '../cart-count/index.ts'
import { ToteCartLinesElement } from '../cart-lines/index.ts'
import { ToteCartElement } from '../cart-root/index.ts'
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
 * Defines every element of {@link TOTE_ELEMENTS} not defined yet in `registry`, and nothing
 * else: how `<tote-cart adapter>` builds its cart is left as it is (the theme build sets a
 * builder that loads the engine first).
 *
 * @example
 * defineElements()
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, element] of Object.entries(TOTE_ELEMENTS)) {
    if (!registry.get(name)) registry.define(name, element)
  }
}

/**
 * The factory `name` stands for among `adapters`, or an error that lists the known ones.
 *
 * @example
 * adapterNamed({ rest }, 'rest') // rest
 */
export function adapterNamed<T>(adapters: Record<string, T>, name: string): T {
  const factory = adapters[name]
  if (factory) return factory
  const known = Object.keys(adapters).join(', ') || 'none registered'
  throw new ToteArgumentError('adapter', `unknown adapter "${name}" (known: ${known})`)
}
