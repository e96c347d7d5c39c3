import { ago, dateTime, delayInWords, price } from '../format.ts'
import { type Html, html } from '../html.ts'
import type { MerchantCart } from '../types.ts'

/** What the list of carts shows. */
export interface CartsData {
  state: 'abandoned' | 'checkout'
  carts: MerchantCart[]
  delayMinutes: number
  locale: string
  now: number
}

const EMAIL_STATUS: Record<string, string> = {
  queued: 'queued',
  sent: 'sent',
  cancelled: 'cancelled',
}

/** Carts in checkout or abandoned: what, when and for whom (docs/domain.md R1, R2). */
export function cartsPage(data: CartsData): Html {
  const { state, carts, locale, now } = data
  const delay = delayInWords(data.delayMinutes)
  const lead =
    state === 'abandoned'
      ? `Carts whose shopper gave an email at checkout and left them for more than ${delay}.`
      : `Carts whose shopper gave an email at checkout in the last ${delay}: still in checkout.`
  const tab = (target: CartsData['state'], label: string) =>
    html`<a href="/merchant/carts?state=${target}"${state === target ? html` aria-current="page"` : ''}>${label}</a>`
  return html`
<p class="lead">${lead}</p>
<nav class="tabs" aria-label="Cart state">${tab('abandoned', 'Abandoned')}${tab('checkout', 'In checkout')}</nav>
${
  carts.length === 0
    ? html`<p class="empty">${state === 'abandoned' ? 'No abandoned carts.' : 'No carts in checkout right now.'}</p>`
    : html`<table data-carts="${state}">
  <thead><tr><th>Customer</th><th>Items</th><th class="number">Total</th><th>Checkout started</th><th>Last update</th><th>Recovery email</th></tr></thead>
  <tbody>${carts.map(
    (cart) => html`<tr>
    <td>${cart.email}</td>
    <td><ul>${cart.lines.map((line) => html`<li>${line.quantity} × ${line.title}</li>`)}</ul></td>
    <td class="number">${price(cart.total, locale)}</td>
    <td>${cart.checkoutStartedAt ? dateTime(cart.checkoutStartedAt) : '—'}</td>
    <td>${dateTime(cart.updatedAt)}<div class="muted">${ago(cart.updatedAt, now)}</div></td>
    <td><span class="badge ${EMAIL_STATUS[cart.recoveryEmail ?? ''] ?? ''}">${cart.recoveryEmail ?? 'none'}</span></td>
  </tr>`,
  )}</tbody>
</table>
<p class="muted">Times in UTC, by the server's clock. Showing the ${carts.length} most recent.</p>`
}`
}
