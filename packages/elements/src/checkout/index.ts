import type { Cart } from '@tote/core'
import { on, safeUrl, ToteElement } from '../base/index.ts'

/**
 * `<tote-checkout>`: wraps the theme's own checkout form. Without script the form posts as
 * usual; with a cart it first sends every change the backend has not confirmed (so a quick
 * "+" before checking out is not lost), then goes to the cart's checkout URL. It dispatches
 * a cancelable `tote:checkout` (`detail.url`) first — cancel it to navigate yourself — and
 * has a `busy` attribute meanwhile. If the cart cannot check out, the form posts as usual.
 *
 * @example
 * <tote-checkout>
 *   <form action="/cart" method="post"><button name="checkout">Check out</button></form>
 * </tote-checkout>
 */
export class ToteCheckoutElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    return on<SubmitEvent>(this, 'submit', (event) => {
      const form = event.target
      if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return
      event.preventDefault()
      this.setAttribute('busy', '')
      cart
        .checkout()
        .then((checkoutUrl) => {
          const url = safeUrl(checkoutUrl)
          if (!url) throw new Error('the checkout URL is not http(s)')
          const detail = { url }
          const init = { detail, bubbles: true, composed: true, cancelable: true }
          if (this.dispatchEvent(new CustomEvent('tote:checkout', init))) {
            this.ownerDocument.location.assign(url)
          }
        })
        .catch(() => form.submit())
        .finally(() => this.removeAttribute('busy'))
    })
  }
}
