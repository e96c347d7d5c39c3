import type { CartView, Money } from '@tote/core'
import { priceOf, type Storefront } from '../context.ts'
import { h } from '../dom.ts'

/** What the discount codes take off: subtotal − total, when both are known. */
export function discountOf(view: CartView): Money | null {
  const { subtotal, total } = view
  if (!subtotal.amount || !total.amount) return null
  const off = subtotal.amount.amount - total.amount.amount
  return off > 0 ? { amount: off, currency: total.amount.currency } : null
}

/** Subtotal, discount and total; the total is marked while changes are not confirmed. */
export function renderTotals(shop: Storefront): HTMLElement {
  const { cart, t } = shop
  const subtotal = h('dd', { attrs: { 'data-subtotal': true } })
  const discount = h('dd', { attrs: { 'data-discount': true } })
  const discountRow = h('div', { class: 'totals-row' }, h('dt', {}, t('discount')), discount)
  const total = h('dd', { attrs: { 'data-total': true } })
  cart.$cart.subscribe((view) => {
    subtotal.textContent = priceOf(shop, view.subtotal.amount)
    total.textContent = priceOf(shop, view.total.amount)
    const estimated = view.subtotal.estimated || view.total.estimated
    total.classList.toggle('is-estimated', estimated)
    total.title = estimated ? t('updating') : ''
    const off = discountOf(view)
    discountRow.hidden = off === null
    discount.textContent = off ? `−${priceOf(shop, off)}` : ''
  })
  return h(
    'dl',
    { class: 'totals' },
    h('div', { class: 'totals-row' }, h('dt', {}, t('subtotal')), subtotal),
    discountRow,
    h('div', { class: 'totals-row grand' }, h('dt', {}, t('total')), total),
  )
}
