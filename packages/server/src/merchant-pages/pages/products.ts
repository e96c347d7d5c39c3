import { price } from '../format.ts'
import { type Html, html, safeHref } from '../html.ts'
import { csrfField } from '../layout.ts'
import type { MerchantVariant } from '../types.ts'

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  )
}

/** `1290` EUR → `"12.90"`: the price as the form shows it. */
export function toMajor(amount: number, currency: string): string {
  return (amount / 10 ** currencyDigits(currency)).toFixed(currencyDigits(currency))
}

/** `"12.9"` EUR → `1290`; `null` for text that is not a price. */
export function toMinor(text: string, currency: string): number | null {
  const digits = currencyDigits(currency)
  const match = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text)
  if (!match || (match[2] ?? '').length > digits) return null
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0)
}

/**
 * Every variant with its price and stock, each editable: what the merchant changes here is
 * what a shopper opening a recovery link is told about (docs/domain.md R11, R12).
 */
export function productsPage(
  variants: MerchantVariant[],
  csrf: string,
  locale: string,
  notice: Html | '',
): Html {
  return html`
<p class="lead">Prices and stock as shoppers see them now. A recovered cart shows sold-out items removed, quantities lowered to the stock left and new prices, each with a message.</p>
${notice}
<table>
  <thead><tr><th></th><th>Product</th><th class="number">Price</th><th class="number">Stock</th><th></th></tr></thead>
  <tbody>${variants.map((variant) => {
    const form = `variant-${variant.id}`
    return html`<tr data-variant="${variant.id}">
    <td>${variant.image ? html`<img class="thumb" src="${safeHref(variant.image.url)}" alt="">` : ''}</td>
    <td><strong>${variant.productTitle}</strong> <span class="muted">${variant.title}</span>
      ${variant.compareAtPrice ? html`<div class="muted">Compare at ${price(variant.compareAtPrice, locale)}</div>` : ''}
      ${variant.quantityAvailable === 0 ? html`<span class="badge bad">sold out</span>` : ''}</td>
    <td class="number"><label class="sr-only" for="${form}-price">Price of ${variant.productTitle} – ${variant.title} (${variant.price.currency})</label>
      <input form="${form}" id="${form}-price" type="text" inputmode="decimal" name="price" size="7" value="${toMajor(variant.price.amount, variant.price.currency)}" required></td>
    <td class="number"><label class="sr-only" for="${form}-stock">Stock of ${variant.productTitle} – ${variant.title}</label>
      <input form="${form}" id="${form}-stock" class="stock-input" type="number" name="stock" min="0" step="1" value="${variant.quantityAvailable ?? ''}" placeholder="not tracked"></td>
    <td><form id="${form}" method="post" action="/merchant/products">${csrfField(csrf)}<input type="hidden" name="variantId" value="${variant.id}"><button type="submit" class="secondary">Save</button></form></td>
  </tr>`
  })}</tbody>
</table>
<p class="muted">Leave the stock empty for merchandise whose stock is not tracked.</p>`
}
