import { HTMLElementBase, on, stopAll } from '../base/index.ts'

/**
 * `<tote-cart-drawer>`: a cart drawer made of the theme's own native `<dialog>`. It opens as
 * a modal dialog — the rest of the page is inert, so focus stays inside; Escape and a click
 * on the backdrop close it, and focus returns to what had it before. It opens when
 * `<tote-add-to-cart>` adds (unless `open-on-add="false"`), when a `[data-tote-open-cart]`
 * element anywhere on the page is clicked (such as the header's cart link, which still goes
 * to `/cart` without script), and when an app calls `Shopify.actions.openCart()` on a page
 * with `<tote-shopify-events>`. `[data-tote-close-cart]` elements inside close it. It has an
 * `open` attribute while open.
 *
 * @example
 * <a href="/cart" data-tote-open-cart>Cart (<tote-cart-count>0</tote-cart-count>)</a>
 * <tote-cart-drawer>
 *   <dialog aria-labelledby="cart-title">
 *     <h2 id="cart-title">Your cart</h2>
 *     <button type="button" data-tote-close-cart>Close</button>
 *     <tote-cart-lines>…</tote-cart-lines>
 *   </dialog>
 * </tote-cart-drawer>
 */
export class ToteCartDrawerElement extends HTMLElementBase {
  #stops: (() => void)[] = []
  #returnFocus: HTMLElement | null = null

  /** The theme's `<dialog>` inside. */
  get dialog(): HTMLDialogElement | null {
    return this.querySelector('dialog')
  }

  /** Opens the drawer as a modal dialog and remembers what had focus. */
  open(): void {
    const dialog = this.dialog
    if (!dialog || dialog.open) return
    const active = this.ownerDocument.activeElement
    this.#returnFocus = active instanceof HTMLElement && !dialog.contains(active) ? active : null
    dialog.showModal()
    this.setAttribute('open', '')
  }

  /** Closes the drawer; focus goes back to what had it when it opened. */
  close(): void {
    this.dialog?.close()
  }

  connectedCallback(): void {
    const document = this.ownerDocument
    const dialog = this.dialog
    if (!dialog) return
    this.#stops = [
      on(document, 'tote:added', () => {
        if (this.getAttribute('open-on-add') !== 'false') this.open()
      }),
      on(document, 'click', (event) => {
        const trigger = (event.target as Element).closest?.('[data-tote-open-cart]')
        if (!trigger || dialog.contains(trigger)) return
        event.preventDefault()
        this.open()
      }),
      on(dialog, 'click', (event) => {
        // A click on the dialog itself, not on its content, is a click on the backdrop.
        if (event.target === dialog || (event.target as Element).closest('[data-tote-close-cart]'))
          this.close()
      }),
      on(dialog, 'close', () => {
        this.removeAttribute('open')
        const target = this.#returnFocus
        this.#returnFocus = null
        if (target?.isConnected) target.focus()
      }),
    ]
  }

  disconnectedCallback(): void {
    stopAll(this.#stops)
    this.#stops = []
  }
}
