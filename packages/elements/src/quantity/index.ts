import type { Cart, CartLineView, Notice } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { actingFrom } from '../origin/index.ts'

/**
 * The most units of `line` there are, as far as the cart knows: its merchandise's
 * `quantityAvailable`, lowered by the last notice that said how many are left (a backend
 * that answers "only 2 left" without telling stock, such as Shopify's theme cart).
 */
function knownStock(line: CartLineView | undefined, notices: readonly Notice[]): number | null {
  if (!line) return null
  let stock = line.merchandise?.quantityAvailable ?? null
  for (const notice of notices) {
    const left = notice.to
    if (notice.lineKey !== line.key || typeof left !== 'number') continue
    if (notice.code === 'insufficient_stock') stock = stock === null ? left : Math.min(stock, left)
  }
  return stock
}

/**
 * `<tote-quantity>`: a quantity stepper for one line, wrapping the theme's buttons and
 * input. The line is the `line-key` attribute, else the `data-line-key` of the row around
 * it (inside `<tote-cart-lines>`). `[data-tote-step="1"]` / `[data-tote-step="-1"]` buttons
 * change the quantity by their step (down to 0, which removes the line); editing the
 * `<input>` sets it. The input follows the line. Never above the stock the cart knows (the
 * `quantityAvailable` of the line's merchandise, or what a notice about the line said is
 * left): the input gets it as `max`, the "+" buttons are disabled there, and a larger
 * number typed in is lowered to it.
 *
 * @example
 * <tote-quantity>
 *   <button data-tote-step="-1">−</button><input type="number" min="0"><button data-tote-step="1">+</button>
 * </tote-quantity>
 */
export class ToteQuantityElement extends ToteElement {
  /** The line this stepper changes. */
  get lineKey(): string | null {
    return (
      this.getAttribute('line-key') ??
      this.closest('[data-line-key]')?.getAttribute('data-line-key') ??
      null
    )
  }

  protected bind(cart: Cart): () => void {
    const key = this.lineKey
    if (!key) return () => {}
    const line = cart.line(key)
    const input = this.querySelector('input')
    const current = () => line.get()?.quantity ?? 0
    const stock = () => knownStock(line.get(), cart.$notices.get())
    const set = (wanted: number) => {
      const cap = stock()
      const quantity = cap === null ? wanted : Math.min(wanted, Math.max(cap, 0))
      if (input) input.value = String(quantity)
      try {
        actingFrom(this, 'cart', () => cart.setQuantity(key, quantity))
      } catch {
        // A quantity the cart refuses (above its maximum) leaves the line as it was.
        if (input) input.value = String(current())
      }
    }
    const show = () => {
      const value = line.get()
      if (!value) return
      const cap = stock()
      if (input) {
        input.value = String(value.quantity)
        if (cap === null) input.removeAttribute('max')
        else input.max = String(cap)
      }
      for (const button of this.querySelectorAll<HTMLButtonElement>('[data-tote-step]')) {
        const up = Number(button.getAttribute('data-tote-step')) > 0
        button.disabled = up && cap !== null && value.quantity >= cap
      }
    }
    const stops = [
      line.subscribe(show),
      cart.$notices.subscribe(show),
      on(this, 'click', (event) => {
        const step = (event.target as Element).closest('[data-tote-step]')
        if (!step || !this.contains(step)) return
        event.preventDefault()
        set(Math.max(0, current() + Number(step.getAttribute('data-tote-step'))))
      }),
    ]
    if (input) {
      stops.push(
        on(input, 'change', () => {
          const wanted = Number(input.value)
          if (input.value.trim() !== '' && Number.isInteger(wanted) && wanted >= 0) set(wanted)
          else {
            input.value = String(current())
          }
        }),
      )
    }
    return () => stopAll(stops)
  }
}
