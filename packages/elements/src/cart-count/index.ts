import type { Cart } from '@tote/core'
import { ToteElement } from '../base/index.ts'

/**
 * `<tote-cart-count>`: shows the number of units in the cart as its text, and has an
 * `empty` attribute while there are none (style it with `tote-cart-count[empty]`).
 *
 * @example
 * <a href="/cart">Cart (<tote-cart-count>0</tote-cart-count>)</a>
 */
export class ToteCartCountElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    return cart.$count.subscribe((count) => {
      this.textContent = String(count)
      this.toggleAttribute('empty', count === 0)
    })
  }
}
