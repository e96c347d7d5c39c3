import { type Cart, type CartLineView, formatMoney, type Money, type Notice } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { actingFrom } from '../origin/index.ts'
import { type FieldValue, fillFields, keyedList, templateOf } from '../template/index.ts'

/**
 * The `data-tote-field` values of a line: `title`, `variant`, `options`, `quantity`,
 * `price` (unit), `compare-at-price`, `subtotal`, `total`, `image`, and `attribute:NAME`
 * for each line attribute.
 *
 * @example
 * lineFields(line, 'fr').title // 'Mug'
 */
export function lineFields(line: CartLineView, locale?: string): Record<string, FieldValue> {
  const format = (money: Money | null | undefined) => (money ? formatMoney(money, { locale }) : '')
  const item = line.merchandise
  const fields: Record<string, FieldValue> = {
    title: item?.productTitle ?? '',
    variant: item?.title ?? '',
    options: item?.options.map((option) => option.value).join(' / ') ?? '',
    quantity: String(line.quantity),
    price: format(line.cost.unitPrice),
    'compare-at-price': format(item?.compareAtPrice),
    subtotal: format(line.cost.subtotal),
    total: format(line.cost.total),
    image: item?.image ? { url: item.image.url, alt: item.image.alt ?? item.productTitle } : null,
  }
  for (const [name, value] of Object.entries(line.attributes)) fields[`attribute:${name}`] = value
  return fields
}

/**
 * `<tote-cart-lines>`: renders each line from the theme's `<template>` (its first element
 * is cloned per line, with `data-line-key` set and `pending` while unconfirmed), filling
 * `data-tote-field` slots (see {@link lineFields}). Rows go into a `[data-tote-lines]`
 * element inside, else after the template. A click on `[data-tote-action="remove"]` removes
 * the line; `<tote-quantity>` inside a row steps it. A row's `[data-tote-field="notice"]`
 * slot shows that line's notices (such as "only 2 left"), and the row has a `notice`
 * attribute meanwhile. `[data-tote-fallback]` content (a server-rendered list) is removed
 * once the cart is bound. Has `empty` while no lines.
 *
 * @example
 * <tote-cart-lines>
 *   <template><li><img data-tote-field="image"> <span data-tote-field="title"></span>
 *     <span data-tote-field="total"></span> <button data-tote-action="remove">×</button></li></template>
 *   <ul data-tote-lines></ul>
 * </tote-cart-lines>
 */
export class ToteCartLinesElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    const template = templateOf(this)
    if (!template) throw new Error('<tote-cart-lines> needs a <template> child for its lines')
    for (const fallback of this.querySelectorAll('[data-tote-fallback]')) fallback.remove()
    const container = this.querySelector('[data-tote-lines]') ?? this
    const list = keyedList<CartLineView>({
      template,
      container,
      after: container === this ? template : null,
      keyAttribute: 'data-line-key',
      key: (line) => line.key,
      fill: (row, line) => {
        fillFields(row, lineFields(line, this.locale))
        row.toggleAttribute('pending', line.pending)
      },
    })
    const showNotices = () => showLineNotices(container, cart.$notices.get())
    const stops = [
      cart.$lines.subscribe((lines) => {
        list.update(lines)
        this.toggleAttribute('empty', lines.length === 0)
        showNotices()
      }),
      cart.$notices.subscribe(showNotices),
      on(this, 'click', (event) => {
        const button = (event.target as Element).closest('[data-tote-action="remove"]')
        const key = button?.closest('[data-line-key]')?.getAttribute('data-line-key')
        if (!key || !this.contains(button)) return
        event.preventDefault()
        actingFrom(button, 'cart', () => cart.remove(key))
      }),
    ]
    return () => {
      stopAll(stops)
      list.clear()
    }
  }
}

/** Writes each row's notices (their messages, once each) into its `notice` slot. */
function showLineNotices(container: Element, notices: readonly Notice[]): void {
  for (const row of container.querySelectorAll('[data-line-key]')) {
    const key = row.getAttribute('data-line-key')
    const messages = new Set(notices.filter((n) => n.lineKey === key).map((n) => n.message))
    row.toggleAttribute('notice', messages.size > 0)
    fillFields(row, { notice: [...messages].join(' ') })
  }
}
