import type { CartView } from '@tote/core'
import { priceOf, type Storefront } from '../context.ts'
import { h, replace, safeImageUrl } from '../dom.ts'
import { discountOf } from '../drawer/totals.ts'

/** A read-only summary of the cart: lines and totals, kept up to date from `$cart`. */
export function cartSummary(shop: Storefront): HTMLElement {
  const { t } = shop
  const list = h('ul', { class: 'summary-lines' })
  const totals = h('dl', { class: 'totals' })
  const render = (view: CartView) => {
    replace(
      list,
      ...view.lines.map((line) => {
        const url = safeImageUrl(line.merchandise?.image?.url)
        return h(
          'li',
          { class: 'summary-line', attrs: { 'data-line-key': line.key } },
          h(
            'span',
            { class: 'thumb' },
            url ? h('img', { attrs: { src: url, alt: '', width: 56, height: 56 } }) : null,
            h('span', { class: 'qty-badge' }, String(line.quantity)),
          ),
          h(
            'span',
            { class: 'summary-title' },
            line.merchandise?.productTitle ?? line.merchandiseId,
            line.merchandise?.title ? h('small', {}, line.merchandise.title) : null,
          ),
          h('span', { class: 'summary-price' }, priceOf(shop, line.cost.total)),
        )
      }),
    )
    const off = discountOf(view)
    replace(
      totals,
      h(
        'div',
        { class: 'totals-row' },
        h('dt', {}, t('subtotal')),
        h('dd', {}, priceOf(shop, view.subtotal.amount)),
      ),
      off
        ? h(
            'div',
            { class: 'totals-row' },
            h('dt', {}, t('discount')),
            h('dd', {}, `−${priceOf(shop, off)}`),
          )
        : null,
      h(
        'div',
        { class: 'totals-row grand' },
        h('dt', {}, t('total')),
        h('dd', { attrs: { 'data-total': true } }, priceOf(shop, view.total.amount)),
      ),
    )
  }
  shop.cart.$cart.subscribe(render)
  return h('div', { class: 'summary' }, list, totals)
}
