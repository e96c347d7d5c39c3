import { dateTime, price } from '../format.ts'
import { type Html, html } from '../html.ts'

/** An order as `GET /v1/merchant/orders` answers it. */
export interface MerchantOrderSummary {
  id: string
  total: { amount: number; currency: string }
  recovered: boolean
  createdAt: string
  tags?: string[]
}

/** The shop's orders, newest first, with the ones that came back through a recovery email marked. */
export function ordersPage(orders: MerchantOrderSummary[], locale: string): Html {
  return html`
<p class="lead">Orders placed at checkout. <strong>Recovered</strong> marks an order whose cart got a recovery email first (docs/domain.md R10).</p>
${
  orders.length === 0
    ? html`<p class="empty">No orders yet.</p>`
    : html`<table data-orders>
  <thead><tr><th>Order</th><th>Placed</th><th class="number">Total</th><th></th><th>Tags</th></tr></thead>
  <tbody>${orders.map(
    (order) => html`<tr>
    <td>${order.id}</td>
    <td>${dateTime(order.createdAt)}</td>
    <td class="number">${price(order.total, locale)}</td>
    <td>${order.recovered ? html`<span class="badge good">recovered</span>` : ''}</td>
    <td>${(order.tags ?? []).map((tag) => html`<span class="badge">${tag}</span> `)}</td>
  </tr>`,
  )}</tbody>
</table>`
}`
}
