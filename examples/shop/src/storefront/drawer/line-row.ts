import type { CartLineView } from '@tote/core'
import { priceOf, type Storefront } from '../context.ts'
import { h, safeImageUrl } from '../dom.ts'

/** One line of the drawer, built once and updated in place (so a focused input stays focused). */
export interface LineRow {
  element: HTMLLIElement
  update(line: CartLineView): void
}

export function lineRow(shop: Storefront, key: string): LineRow {
  const { cart, t } = shop
  const image = h('img', { class: 'line-image', attrs: { alt: '', width: 72, height: 72 } })
  const title = h('a', { class: 'line-title' })
  const variant = h('span', { class: 'line-variant' })
  const unit = h('span', { class: 'line-unit' })
  const total = h('span', { class: 'line-total' })
  const input = h('input', {
    attrs: { type: 'number', min: 0, max: 999, inputmode: 'numeric', 'aria-label': t('quantity') },
    on: {
      change: () => {
        const quantity = Number(input.value)
        if (Number.isInteger(quantity) && quantity >= 0 && quantity <= 999) {
          cart.setQuantity(key, quantity)
        }
      },
    },
  })
  let quantity = 0
  const step = (by: number, label: string, symbol: string) =>
    h(
      'button',
      {
        class: 'step',
        attrs: { type: 'button', 'aria-label': label },
        on: { click: () => cart.setQuantity(key, Math.max(0, quantity + by)) },
      },
      symbol,
    )
  const element = h(
    'li',
    { class: 'line', attrs: { 'data-line-key': key } },
    image,
    h(
      'div',
      { class: 'line-info' },
      title,
      variant,
      unit,
      h(
        'div',
        { class: 'line-actions' },
        h(
          'div',
          { class: 'stepper' },
          step(-1, t('one_less'), '−'),
          input,
          step(1, t('one_more'), '+'),
        ),
        h(
          'button',
          {
            class: 'link-button',
            attrs: { type: 'button' },
            on: { click: () => cart.remove(key) },
          },
          t('remove'),
        ),
      ),
    ),
    total,
  )
  return {
    element,
    update(line) {
      quantity = line.quantity
      const merchandise = line.merchandise
      const url = safeImageUrl(merchandise?.image?.url)
      if (url) image.src = url
      image.hidden = !url
      title.textContent = merchandise?.productTitle ?? line.merchandiseId
      if (merchandise) title.href = `/products/${encodeURIComponent(merchandise.productId)}`
      variant.textContent = merchandise?.title ?? ''
      unit.textContent = priceOf(shop, line.cost.unitPrice)
      total.textContent = priceOf(shop, line.cost.total)
      total.classList.toggle('is-estimated', line.cost.estimated)
      if (document.activeElement !== input) input.value = String(line.quantity)
      element.classList.toggle('is-pending', line.pending)
    },
  }
}

/**
 * The drawer's lines, kept by key and updated in place, in the cart's order: a quantity being
 * typed is never replaced under the shopper's fingers.
 */
export function renderLines(shop: Storefront): HTMLUListElement {
  const list = h('ul', { class: 'lines' })
  const rows = new Map<string, LineRow>()
  shop.cart.$lines.subscribe((lines) => {
    const seen = new Set<string>()
    lines.forEach((line, index) => {
      seen.add(line.key)
      let row = rows.get(line.key)
      if (!row) {
        row = lineRow(shop, line.key)
        rows.set(line.key, row)
      }
      row.update(line)
      if (list.children[index] !== row.element) {
        list.insertBefore(row.element, list.children[index] ?? null)
      }
    })
    for (const [key, row] of rows) {
      if (!seen.has(key)) {
        row.element.remove()
        rows.delete(key)
      }
    }
  })
  return list
}
