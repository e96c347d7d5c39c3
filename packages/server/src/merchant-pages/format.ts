import { formatMoney } from '@tote/core'

/** Money in the shop's locale, such as `€24.00`. */
export function price(value: { amount: number; currency: string }, locale: string): string {
  return formatMoney(value, { locale })
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})

/** A time as the merchant pages show it, in UTC: `5 Jan, 09:20`. */
export function dateTime(iso: string | number): string {
  return DATE_TIME.format(new Date(iso))
}

/** How long ago `iso` was at `now`: `just now`, `25 min ago`, `3 h ago`, `2 days ago`. */
export function ago(iso: string, now: number): string {
  const minutes = Math.round((now - new Date(iso).getTime()) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.round(hours / 24)} days ago`
}

/** A delay in minutes in words: `20 minutes`, `1 hour`, `2 days`, `90 minutes`. */
export function delayInWords(minutes: number): string {
  const unit = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day')
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour')
  return unit(minutes, 'minute')
}

/** A share as a percentage: `0.25` → `25 %`. */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`
}
