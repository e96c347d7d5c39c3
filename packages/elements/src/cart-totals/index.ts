import { type Cart, type CartView, formatMoney, type Money } from '@tote/core'
import { ToteElement } from '../base/index.ts'
import { fillFields } from '../template/index.ts'

/** The discount the backend last confirmed, when there is one in the view's currency. */
function confirmedDiscount(cart: Cart, view: CartView): Money | null {
  const discount = cart.confirmed?.cost.discount ?? null
  return discount && discount.amount > 0 && discount.currency === view.currency ? discount : null
}

/**
 * `<tote-cart-totals>`: the cart's money in the theme's own markup, formatted in the cart's
 * locale (the root's `locale`, else the page's `lang`). Slots: `data-tote-field="subtotal"`,
 * `"discounts"` (the discounts the backend confirmed) and `"total"`. Elements marked
 * `data-tote-discounts` are hidden while there is no discount. While changes are not
 * confirmed the amounts are estimates: the element then has an `estimated` attribute and
 * its `data-tote-estimated` elements (such as "(estimated)") are shown, hidden otherwise.
 *
 * @example
 * <tote-cart-totals>
 *   <p>Subtotal <span data-tote-field="subtotal"></span></p>
 *   <p data-tote-discounts>Discounts −<span data-tote-field="discounts"></span></p>
 *   <p>Total <span data-tote-field="total"></span> <small data-tote-estimated>(estimated)</small></p>
 * </tote-cart-totals>
 */
export class ToteCartTotalsElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    return cart.$cart.subscribe((view) => {
      const format = (value: Money | null) =>
        value ? formatMoney(value, { locale: this.locale }) : ''
      const discount = confirmedDiscount(cart, view)
      const estimated = view.pending || view.subtotal.estimated || view.total.estimated
      fillFields(this, {
        subtotal: format(view.subtotal.amount),
        discounts: format(discount),
        total: format(view.total.amount),
      })
      this.toggleAttribute('estimated', estimated)
      for (const marker of this.querySelectorAll<HTMLElement>('[data-tote-estimated]'))
        marker.hidden = !estimated
      for (const row of this.querySelectorAll<HTMLElement>('[data-tote-discounts]'))
        row.hidden = discount === null
    })
  }
}
