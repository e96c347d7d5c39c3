import { MAX_DELAY_MINUTES, MIN_DELAY_MINUTES } from '../../abandonment/index.ts'
import { dateTime, delayInWords } from '../format.ts'
import { type Html, html } from '../html.ts'
import { csrfField } from '../layout.ts'
import type { MerchantSettings } from '../types.ts'

/** The units the delay can be typed in. */
export const DELAY_UNITS = { minutes: 1, hours: 60, days: 1440 } as const
/** `minutes`, `hours` or `days`. */
export type DelayUnit = keyof typeof DELAY_UNITS

/** The largest unit that writes `minutes` as a whole number. */
export function delayUnitOf(minutes: number): DelayUnit {
  if (minutes % 1440 === 0) return 'days'
  if (minutes % 60 === 0) return 'hours'
  return 'minutes'
}

/**
 * The abandonment settings form: on or off (docs/domain.md R7, R8), the delay from 20 minutes
 * to 2 days (R5), and who gets the email, where the server lets the merchant choose.
 */
export function settingsPage(settings: MerchantSettings, csrf: string, notice: Html | ''): Html {
  const unit = delayUnitOf(settings.delayMinutes)
  const amount = settings.delayMinutes / DELAY_UNITS[unit]
  const checked = (on: boolean) => (on ? html` checked` : '')
  const selected = (on: boolean) => (on ? html` selected` : '')
  return html`
<p class="lead">When a shopper gives their email at checkout and leaves, Tote emails them a link back to their cart.</p>
${notice}
<form class="settings" method="post" action="/merchant/settings">
  ${csrfField(csrf)}
  <fieldset>
    <legend>Recovery emails</legend>
    <label class="choice"><input type="checkbox" name="enabled" value="on"${checked(settings.enabled)}>
      <span>Send recovery emails for abandoned carts
      <span class="hint">Turning them on does not reach back: carts abandoned before get no email. Turning them off cancels every email waiting to go out.</span></span></label>
    ${settings.enabledAt && settings.enabled ? html`<p class="hint">On since ${dateTime(settings.enabledAt)} UTC.</p>` : ''}
  </fieldset>
  <fieldset>
    <legend>Delay</legend>
    <label for="delay-amount">Send the email this long after the cart's last update</label>
    <div class="row">
      <input id="delay-amount" type="number" name="delayAmount" min="1" max="${MAX_DELAY_MINUTES}" step="1" value="${amount}" required>
      <select name="delayUnit" aria-label="Unit">
        <option value="minutes"${selected(unit === 'minutes')}>minutes</option>
        <option value="hours"${selected(unit === 'hours')}>hours</option>
        <option value="days"${selected(unit === 'days')}>days</option>
      </select>
    </div>
    <p class="hint">From ${delayInWords(MIN_DELAY_MINUTES)} to ${delayInWords(MAX_DELAY_MINUTES)}. Every change to the cart starts the delay again.</p>
  </fieldset>
  ${
    settings.recipients === undefined
      ? ''
      : html`<fieldset>
    <legend>Audience</legend>
    <label class="choice"><input type="radio" name="recipients" value="all"${checked(settings.recipients === 'all')}>
      <span>Every shopper who gave an email at checkout</span></label>
    <label class="choice"><input type="radio" name="recipients" value="consented"${checked(settings.recipients === 'consented')}>
      <span>Only shoppers who agreed to receive emails from the shop</span></label>
  </fieldset>`
  }
  ${
    settings.maxEmailsPerAddressPerDay === undefined
      ? ''
      : html`<fieldset>
    <legend>Limit</legend>
    <label for="max-per-day">Most recovery emails one address gets a day</label>
    <input id="max-per-day" type="number" name="maxEmailsPerAddressPerDay" min="1" step="1" value="${settings.maxEmailsPerAddressPerDay}" required>
  </fieldset>`
  }
  <p class="hint">The email's own text is on the <a href="/merchant/email">email preview</a>.</p>
  <div><button type="submit">Save settings</button></div>
</form>`
}
