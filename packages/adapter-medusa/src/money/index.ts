import { currencyDigits, type Money, moneyFromDecimalString } from '@tote/core/adapter'

/**
 * A JSON number as the decimal it stands for: the shortest string that reads back as the same
 * number (`0.1`, not `0.1000000000000000055…`), with an exponent written out (`1e-7` →
 * `0.0000001`). Medusa computes with decimals and sends them as numbers, so this is exactly
 * the decimal it meant whenever it fits in a double's 15–17 significant digits.
 */
export function decimalOf(value: number): string {
  const text = String(Math.abs(value))
  const sign = value < 0 ? '-' : ''
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!match) return sign + text
  const [, whole, fraction = '', exponent] = match as unknown as [string, string, string, string]
  const digits = whole + fraction
  const point = whole.length + Number(exponent)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/**
 * Rounds a decimal string to `digits` decimals, half away from zero, in string arithmetic:
 * `"26.865"` → `"26.87"`, `"-0.995"` → `"-1.00"`.
 */
export function roundDecimal(value: string, digits: number): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value)
  if (!match) throw new TypeError(`not a decimal: ${value}`)
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string]
  if (fraction.length <= digits) return value
  const kept = whole + fraction.slice(0, digits)
  const up = Number(fraction[digits]) >= 5
  // Add one unit in the last kept place, carrying through the digits as text.
  const units = up ? increment(kept) : kept
  const cut = units.length - digits
  const rounded = digits === 0 ? units : `${units.slice(0, cut)}.${units.slice(cut)}`
  return /[1-9]/.test(units) ? sign + rounded : rounded
}

function increment(digits: string): string {
  const chars = digits.split('')
  for (let index = chars.length - 1; index >= 0; index--) {
    if (chars[index] === '9') {
      chars[index] = '0'
    } else {
      chars[index] = String(Number(chars[index]) + 1)
      return chars.join('')
    }
  }
  return `1${chars.join('')}`
}

/**
 * An amount Medusa sends (major units as a JSON number, `12.5`) as Tote's {@link Money} in minor
 * units, without floating point. Medusa keeps more decimals than the currency has where it
 * computes (a 10 % discount of 9.95 EUR is 0.995): such amounts are rounded half away from zero
 * to the currency's minor unit, as a payment provider charges them; exact amounts stay exact.
 *
 * @example
 * moneyFromMedusa(24.9, 'eur') // { amount: 2490, currency: 'EUR' }
 * moneyFromMedusa(26.865, 'EUR') // { amount: 2687, currency: 'EUR' }
 */
export function moneyFromMedusa(value: number, currency: string): Money {
  const code = currency.toUpperCase()
  const rounded = roundDecimal(decimalOf(value), currencyDigits(code))
  return moneyFromDecimalString(rounded, code)
}
