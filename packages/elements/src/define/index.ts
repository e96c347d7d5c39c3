// defineToteElements: the elements, with carts built at once from registered adapters, as a
// bundle uses them. It brings createCart: the theme build's eager entry imports eager.ts.
import type { CartOptions } from '@tote/core'
import { type AdapterFactory, ToteCartElement } from '../cart-root/index.ts'
import { cartFromAttributes } from './build.ts'
import { adapterNamed, defineElements } from './eager.ts'
import { TOTE_ELEMENTS } from './elements.ts'

export { adapterNamed, defineElements, EAGER_ELEMENTS } from './eager.ts'
export { TOTE_ELEMENTS } from './elements.ts'

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
 *   adapters: { rest: (root) => createRestAdapter({ baseUrl: root.getAttribute('endpoint')! }) },
 * })
 */
export function defineToteElements(options: DefineToteElementsOptions = {}): void {
  Object.assign(ToteCartElement.adapters, options.adapters)
  if (options.recovery) ToteCartElement.recovery = options.recovery
  ToteCartElement.builder = (root, name) => {
    const adapter = adapterNamed(ToteCartElement.adapters, name)(root)
    return cartFromAttributes(root, adapter, ToteCartElement.recovery)
  }
  defineElements(TOTE_ELEMENTS, options.registry)
}
