// The elements a page defines at once, before the engine has loaded, and how elements are
// defined. The theme build's eager entry imports this file only: the other elements (and
// define/elements.ts, which imports them all) are defined when the engine arrives, since
// until then they have nothing to do — the theme's markup shows as it is (ARCHITECTURE.md).
import { ToteArgumentError } from '@tote/core'
import { ToteAddToCartElement } from '../add-to-cart/index.ts'
import { ToteCartElement } from '../cart-root/index.ts'
import { ToteCheckoutElement } from '../checkout/index.ts'

/**
 * The elements that must act before the engine has loaded: the root, which starts building
 * its cart, and those whose forms the shopper may submit at once (held until the cart is
 * there, see `ToteElement`). The theme build defines only these at first.
 *
 * @example
 * defineElements(EAGER_ELEMENTS)
 */
export const EAGER_ELEMENTS = {
  'tote-cart': ToteCartElement,
  'tote-add-to-cart': ToteAddToCartElement,
  'tote-checkout': ToteCheckoutElement,
} as const

/**
 * Defines each of `elements` not defined yet in `registry`, and nothing else: how
 * `<tote-cart adapter>` builds its cart is left as it is (the theme build sets a builder
 * that loads the engine first).
 *
 * @example
 * defineElements(TOTE_ELEMENTS)
 */
export function defineElements(
  elements: Readonly<Record<string, CustomElementConstructor>>,
  registry: CustomElementRegistry = customElements,
): void {
  for (const [name, element] of Object.entries(elements)) {
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
