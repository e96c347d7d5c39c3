import type { Cart } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { actingFrom } from '../origin/index.ts'

/**
 * `<tote-cart-note>`: the cart note (gift message, delivery instructions) in the theme's own
 * `<textarea>` (or `<input>`). The note is saved on the cart when the field changes (when it
 * loses focus after an edit), and the field shows the cart's note while the shopper is not
 * typing in it. Has a `pending` attribute until the backend confirms the note.
 *
 * @example
 * <tote-cart-note>
 *   <label>A note for the shop <textarea name="note"></textarea></label>
 * </tote-cart-note>
 */
export class ToteCartNoteElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    const field = this.querySelector<HTMLTextAreaElement | HTMLInputElement>('textarea, input')
    if (!field) return () => {}
    return stopAll.bind(null, [
      cart.$cart.subscribe((view) => {
        if (this.ownerDocument.activeElement !== field) field.value = view.note
        this.toggleAttribute('pending', view.note !== (cart.confirmed?.note ?? ''))
      }),
      on(field, 'change', () => actingFrom(this, 'cart', () => cart.setNote(field.value))),
    ])
  }
}
