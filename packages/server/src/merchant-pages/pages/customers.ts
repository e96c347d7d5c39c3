import { dateTime } from '../format.ts'
import { type Html, html } from '../html.ts'

/** A customer profile as `GET /v1/merchant/customers` answers it (docs/domain.md R13–R15). */
export interface MerchantCustomer {
  id: string
  email: string | null
  marketingConsent: boolean
  tags?: string[]
  note?: string
  ordersCount?: number
  createdAt: string
  erasure?: { status: 'pending' | 'completed' } | null
}

/** The shop's customer profiles, newest first, searchable by address. */
export function customersPage(
  customers: MerchantCustomer[],
  query: string,
  next: string | null,
): Html {
  return html`
<p class="lead">A profile is created when a shopper gives their email at checkout. Staff notes are never shown to customers.</p>
<form method="get" action="/merchant/customers" class="row" role="search">
  <label class="sr-only" for="customer-query">Email contains</label>
  <input id="customer-query" type="text" name="query" value="${query}" placeholder="Email contains…">
  <button type="submit" class="secondary">Search</button>
</form>
<p></p>
${
  customers.length === 0
    ? html`<p class="empty">${query ? 'No customer matches.' : 'No customers yet.'}</p>`
    : html`<table data-customers>
  <thead><tr><th>Email</th><th>Marketing</th><th>Tags</th><th class="number">Orders</th><th>Since</th><th>Note</th></tr></thead>
  <tbody>${customers.map(
    (customer) => html`<tr>
    <td>${customer.email ?? html`<span class="muted">erased</span>`}${customer.erasure?.status === 'pending' ? html` <span class="badge queued">erasure pending</span>` : ''}</td>
    <td>${customer.marketingConsent ? html`<span class="badge good">agreed</span>` : html`<span class="badge">no</span>`}</td>
    <td>${(customer.tags ?? []).map((tag) => html`<span class="badge">${tag}</span> `)}</td>
    <td class="number">${customer.ordersCount ?? '—'}</td>
    <td>${dateTime(customer.createdAt)}</td>
    <td class="muted">${customer.note ?? ''}</td>
  </tr>`,
  )}</tbody>
</table>`
}
${next ? html`<p><a href="/merchant/customers?${new URLSearchParams({ ...(query ? { query } : {}), cursor: next }).toString()}">Older customers →</a></p>` : ''}`
}
