import type { Cart } from '@tote/core'
import { emit, on, ToteElement } from '../base/index.ts'

const PROPERTY = /^properties\[(.+)\]$/

/**
 * `<tote-add-to-cart>`: wraps the theme's own `<form action="/cart/add">`. Without script
 * the form posts as usual; with a cart it adds in place instead, reading the variant from
 * the `id` field (else the `merchandise-id` attribute), `quantity`, and `properties[...]`
 * fields as line attributes (blank ones are left out). Dispatches `tote:added`.
 *
 * @example
 * <tote-add-to-cart>
 *   <form action="/cart/add" method="post">
 *     <input type="hidden" name="id" value="4242">
 *     <input type="number" name="quantity" value="1">
 *     <input name="properties[Engraving]">
 *     <button>Add to cart</button>
 *   </form>
 * </tote-add-to-cart>
 */
export class ToteAddToCartElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    return on<SubmitEvent>(this, 'submit', (event) => {
      const form = event.target
      if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return
      const data = new FormData(form)
      const attributes: Record<string, string> = {}
      for (const [name, value] of data) {
        const property = PROPERTY.exec(name)?.[1]
        if (property && typeof value === 'string' && value.trim() !== '')
          attributes[property] = value
      }
      const merchandiseId = String(data.get('id') ?? this.getAttribute('merchandise-id') ?? '')
      const quantity = data.has('quantity') ? Number(data.get('quantity')) : 1
      let lineKey: string
      try {
        lineKey = cart.add({ merchandiseId, quantity, attributes })
      } catch {
        // Input the cart refuses goes to the backend as a plain post, as without script.
        return
      }
      event.preventDefault()
      emit(this, 'tote:added', { lineKey, merchandiseId, quantity })
    })
  }
}
