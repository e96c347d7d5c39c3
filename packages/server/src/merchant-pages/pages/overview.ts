import { barChart } from '../chart.ts'
import { ago, delayInWords, percent, price } from '../format.ts'
import type { HistoryBucket, HistoryPeriod } from '../history.ts'
import { type Html, html } from '../html.ts'
import type { MerchantCart, MerchantSettings, MerchantStats } from '../types.ts'

/** What the overview shows. */
export interface OverviewData {
  stats: MerchantStats
  settings: MerchantSettings
  history: HistoryBucket[]
  period: HistoryPeriod
  recentAbandoned: MerchantCart[]
  currency: string
  locale: string
  now: number
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
})
const HOUR_LABEL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
})

/** Statistics (docs/domain.md R10) as cards and charts over time, and the latest abandoned carts. */
export function overviewPage(data: OverviewData): Html {
  const { stats, settings, history, period, locale, currency, now } = data
  const money = (amount: number) => price({ amount, currency }, locale)
  const label = (start: number) =>
    period === 'hours' ? HOUR_LABEL.format(start) : DAY_LABEL.format(start)
  const series = (pick: (bucket: HistoryBucket) => number) =>
    history.map((bucket) => ({ label: label(bucket.start), value: pick(bucket) }))
  const labelEvery = period === 'hours' ? 4 : 2
  const cards: [string, string][] = [
    ['Abandoned carts', String(stats.abandoned)],
    ['Abandoned value', price(stats.value, locale)],
    ['Recovery emails sent', String(stats.emailsSent)],
    ['Carts recovered', String(stats.recovered)],
    ['Recovered value', price(stats.recoveredValue, locale)],
    ['Recovery rate', percent(stats.recoveryRate)],
  ]
  const span = period === 'hours' ? 'the last 24 hours, by hour' : 'the last 14 days, by day'
  return html`
<p class="lead">${
    settings.enabled
      ? `Recovery emails are on: each goes out ${delayInWords(settings.delayMinutes)} after a cart's last update.`
      : 'Recovery emails are off: no abandoned cart gets an email.'
  } <a href="/merchant/settings">Change</a></p>
<section class="cards" aria-label="Totals">
  ${cards.map(([name, value]) => html`<div class="card"><div class="label">${name}</div><div class="value">${value}</div></div>`)}
</section>
<h2 id="over-time">Over time <span class="muted">(${span}, UTC)</span></h2>
<nav class="tabs" aria-label="Period">
  <a href="/merchant?period=days#over-time"${period === 'days' ? html` aria-current="page"` : ''}>14 days</a>
  <a href="/merchant?period=hours#over-time"${period === 'hours' ? html` aria-current="page"` : ''}>24 hours</a>
</nav>
<section class="charts">
  <div class="panel"><h3>Recovery emails sent</h3>${barChart({ title: `Recovery emails sent, ${span}`, bars: series((b) => b.emailsSent), colour: '#6b8f84', labelEvery })}</div>
  <div class="panel"><h3>Carts recovered</h3>${barChart({ title: `Carts recovered, ${span}`, bars: series((b) => b.recovered), colour: '#2f6f5e', labelEvery })}</div>
  <div class="panel"><h3>Recovered value</h3>${barChart({ title: `Recovered value, ${span}`, bars: series((b) => b.recoveredValue), colour: '#c98b1c', format: money, labelEvery, minimumTop: 1000 })}</div>
</section>
<h2>Latest abandoned carts</h2>
${
  data.recentAbandoned.length === 0
    ? html`<p class="empty">No cart is abandoned right now. A cart is abandoned once its shopper gave an email at checkout and left it for longer than the delay.</p>`
    : html`<table>
  <thead><tr><th>Customer</th><th>Items</th><th class="number">Total</th><th>Last update</th><th>Email</th></tr></thead>
  <tbody>${data.recentAbandoned.map(
    (cart) =>
      html`<tr><td>${cart.email}</td><td>${cart.lines.map((line) => `${line.quantity} × ${line.title}`).join(', ')}</td><td class="number">${price(cart.total, locale)}</td><td>${ago(cart.updatedAt, now)}</td><td><span class="badge ${cart.recoveryEmail ?? ''}">${cart.recoveryEmail ?? 'none'}</span></td></tr>`,
  )}</tbody>
</table>
<p><a href="/merchant/carts?state=abandoned">All abandoned carts</a></p>`
}`
}
