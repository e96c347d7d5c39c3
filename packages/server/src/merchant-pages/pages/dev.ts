import type { OutboxEntry } from '../../email/mailer.ts'
import { ago, dateTime, delayInWords } from '../format.ts'
import { type Html, html, safeHref } from '../html.ts'
import { csrfField } from '../layout.ts'

/** What the development page shows. */
export interface DevData {
  /** The outbox's emails, newest first; `null` when emails do not go to an outbox. */
  emails: OutboxEntry[] | null
  /** Whether the server's clock can be moved ahead. */
  canFastForward: boolean
  delayMinutes: number
  enabled: boolean
  /** The server's time and the real time (ms). */
  serverNow: number
  realNow: number
  csrf: string
}

/** The jumps the page offers, in minutes: the shop's delay, an hour, a day. */
export function fastForwardChoices(delayMinutes: number): number[] {
  return [...new Set([delayMinutes, 60, 1440])].sort((a, b) => a - b)
}

/**
 * Development tools: move the server's clock ahead and run the abandonment sweep, so a
 * recovery email arrives at once; and the outbox, where "sent" emails land.
 */
export function devPage(data: DevData, notice: Html | ''): Html {
  const ahead = Math.max(0, Math.round((data.serverNow - data.realNow) / 60_000))
  return html`
<p class="lead">Development only: these tools exist because the server runs with development routes.</p>
${notice}
${
  data.canFastForward
    ? html`<section class="panel dev" aria-labelledby="clock">
  <h2 id="clock">Fast-forward</h2>
  <p>The server's clock reads <strong>${dateTime(data.serverNow)} UTC</strong>${ahead > 0 ? html`, ${delayInWords(ahead)} ahead of the real time` : ''}.
    Moving it ahead runs the abandonment sweep at once: every cart whose delay has passed gets its email.
    ${data.enabled ? `The delay is ${delayInWords(data.delayMinutes)}.` : html`Recovery emails are <strong>off</strong>: <a href="/merchant/settings">turn them on</a> first.`}</p>
  <form method="post" action="/merchant/dev/fast-forward" class="row">
    ${csrfField(data.csrf)}
    ${fastForwardChoices(data.delayMinutes).map(
      (minutes) =>
        html`<button type="submit" name="minutes" value="${minutes}">+ ${delayInWords(minutes)}${minutes === data.delayMinutes ? ' (the delay)' : ''}</button>`,
    )}
  </form>
</section>`
    : ''
}
<h2>Outbox</h2>
${
  data.emails === null
    ? html`<p class="empty">Emails go to a mail server, not to an outbox.</p>`
    : data.emails.length === 0
      ? html`<p class="empty">No emails yet. Give an email at checkout in the shop, then fast-forward past the delay.</p>`
      : html`<table data-outbox>
  <thead><tr><th>Sent</th><th>To</th><th>Subject</th><th></th></tr></thead>
  <tbody>${data.emails.map(
    (email) => html`<tr>
    <td>${dateTime(email.createdAt)}<div class="muted">${ago(email.createdAt, data.serverNow)}</div></td>
    <td>${email.to}</td>
    <td><a href="/merchant/dev/emails/${encodeURIComponent(email.id)}">${email.subject}</a></td>
    <td>${email.recoveryUrl ? html`<a class="button" href="${safeHref(email.recoveryUrl)}" target="_blank" rel="noopener" data-recovery-link>Open the recovery link</a>` : ''}</td>
  </tr>`,
  )}</tbody>
</table>`
}`
}

/** One email of the outbox: its envelope, the recovery link, and the email in a sandboxed frame. */
export function devEmailPage(email: OutboxEntry): Html {
  return html`
<p class="lead"><a href="/merchant/dev">← Outbox</a></p>
<dl class="panel">
  <dt class="muted">From</dt><dd>${email.from}</dd>
  <dt class="muted">To</dt><dd>${email.to}</dd>
  <dt class="muted">Subject</dt><dd>${email.subject}</dd>
  <dt class="muted">Sent</dt><dd>${dateTime(email.createdAt)} UTC</dd>
</dl>
${email.recoveryUrl ? html`<p><a class="button" href="${safeHref(email.recoveryUrl)}" target="_blank" rel="noopener" data-recovery-link>Open the recovery link</a></p>` : ''}
<iframe class="email" title="The email" src="/merchant/dev/emails/${encodeURIComponent(email.id)}/html" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`
}
