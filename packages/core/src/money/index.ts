import { describe, expected, ToteArgumentError } from '../errors/index.ts'

/**
 * An amount of money: an integer number of the currency's minor units (cents for EUR,
 * yen for JPY, fils for KWD) and its ISO 4217 currency. Never a float (docs/domain.md R19).
 */
export type Money = {
  amount: number
  currency: string
}

const digitsCache = new Map<string, number>()

/**
 * How many minor-unit digits a currency has, as `Intl` knows it: JPY 0, EUR 2, KWD 3.
 *
 * @example
 * currencyDigits('JPY') // 0
 */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    assertCurrency(currency, 'currency')
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number
    digitsCache.set(currency, digits)
  }
  return digits
}

function assertCurrency(currency: unknown, argument: string): asserts currency is string {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    throw new ToteArgumentError(argument, expected('an ISO 4217 code such as "EUR"', currency))
  }
}

/**
 * Makes a {@link Money} from integer minor units.
 *
 * @example
 * money(1250, 'EUR') // 12.50 €
 */
export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new ToteArgumentError('amount', expected('an integer number of minor units', amount))
  }
  assertCurrency(currency, 'currency')
  return { amount, currency }
}

/**
 * Parses a decimal string of major units, as the Shopify Storefront API sends it,
 * without going through floating point.
 *
 * @example
 * moneyFromDecimalString('12.5', 'EUR') // { amount: 1250, currency: 'EUR' }
 */
export function moneyFromDecimalString(value: string, currency: string): Money {
  const match = typeof value === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim()) : null
  if (!match) {
    throw new ToteArgumentError('value', expected('a decimal string such as "12.50"', value))
  }
  const digits = currencyDigits(currency)
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string?]
  if (fraction.replace(/0+$/, '').length > digits) {
    throw new ToteArgumentError(
      'value',
      `${value} has more decimals than ${currency} allows (${digits})`,
    )
  }
  const minor = Number(whole + fraction.padEnd(digits, '0').slice(0, digits))
  assertExact(minor, 'value', value, currency)
  return money(sign === '-' && minor !== 0 ? -minor : minor, currency)
}

/**
 * Converts a number of major units, as Medusa sends it (`12.5`), to minor units.
 * Rounds away the binary noise of floats (`0.1 + 0.2`) but refuses real extra precision.
 *
 * @example
 * moneyFromMajorUnits(12.5, 'EUR') // { amount: 1250, currency: 'EUR' }
 */
export function moneyFromMajorUnits(value: number, currency: string): Money {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ToteArgumentError('value', expected('a finite number of major units', value))
  }
  const digits = currencyDigits(currency)
  const scaled = value * 10 ** digits
  const rounded = Math.round(scaled)
  // Binary noise is a few units in the last place of `scaled` (or tiny near zero); a relative
  // tolerance any looser would round away real decimals of large amounts (12345.678 EUR).
  if (Math.abs(scaled - rounded) > Math.max(1e-6, 8 * Number.EPSILON * Math.abs(scaled))) {
    throw new ToteArgumentError(
      'value',
      `${value} has more decimals than ${currency} allows (${digits})`,
    )
  }
  assertExact(rounded, 'value', value, currency)
  return money(rounded === 0 ? 0 : rounded, currency)
}

/**
 * Makes a {@link Money} from an integer amount of cents, as Shopify's AJAX cart sends it.
 * The AJAX API always counts in hundredths of the major unit, so currencies with other
 * digits are converted (JPY `100` cents → 1 yen).
 *
 * @example
 * moneyFromCents(1250, 'EUR') // { amount: 1250, currency: 'EUR' }
 */
export function moneyFromCents(cents: number, currency: string): Money {
  if (!Number.isSafeInteger(cents)) {
    throw new ToteArgumentError('cents', expected('an integer number of cents', cents))
  }
  const digits = currencyDigits(currency)
  if (digits >= 2) {
    const minor = cents * 10 ** (digits - 2)
    assertExact(minor, 'cents', cents, currency)
    return money(minor, currency)
  }
  // Integer arithmetic only: cents must be a whole number of the currency's minor units.
  const per = 10 ** (2 - digits)
  if (cents % per !== 0) {
    throw new ToteArgumentError(
      'cents',
      `${cents} cents is not a whole number of ${currency} minor units (${digits} digits)`,
    )
  }
  return money(cents / per || 0, currency)
}

/** The amount in major units as a decimal string, e.g. `"12.50"` (for backends that take strings). */
export function toDecimalString(value: Money): string {
  const digits = currencyDigits(value.currency)
  const abs = Math.abs(value.amount)
    .toString()
    .padStart(digits + 1, '0')
  const whole = digits === 0 ? abs : abs.slice(0, -digits)
  const fraction = digits === 0 ? '' : `.${abs.slice(-digits)}`
  return `${value.amount < 0 ? '-' : ''}${whole}${fraction}`
}

function assertExact(minor: number, argument: string, value: unknown, currency: string): void {
  if (!Number.isSafeInteger(minor)) {
    throw new ToteArgumentError(
      argument,
      `${describe(value)} is too large to hold exactly in minor units of ${currency}`,
    )
  }
}

function assertSameCurrency(a: Money, b: Money, operation: string): void {
  if (a.currency !== b.currency) {
    throw new ToteArgumentError(
      'money',
      `cannot ${operation} ${a.currency} and ${b.currency}: amounts are never mixed across currencies`,
    )
  }
}

/** Adds two amounts of the same currency; throws on mixed currencies (docs/domain.md R19). */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add')
  return money(a.amount + b.amount, a.currency)
}

/** Subtracts `b` from `a`, both of the same currency (docs/domain.md R19). */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract')
  return money(a.amount - b.amount, a.currency)
}

/** Multiplies an amount by an integer quantity. */
export function multiplyMoney(value: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) {
    throw new ToteArgumentError('quantity', expected('an integer', quantity))
  }
  return money(value.amount * quantity, value.currency)
}

/** Sums amounts of one currency; an empty list gives zero in `currency`. */
export function sumMoney(values: readonly Money[], currency: string): Money {
  let total = money(0, currency)
  for (const value of values) total = addMoney(total, value)
  return total
}

/**
 * Compares two amounts of the same currency: negative, zero or positive.
 * Throws on mixed currencies: a price comparison is only made within one currency (R19).
 */
export function compareMoney(a: Money, b: Money): number {
  assertSameCurrency(a, b, 'compare')
  return a.amount - b.amount
}

/** Whether two amounts are the same amount of the same currency (never throws). */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount
}

const formatters = new Map<string, Intl.NumberFormat>()

/** Options of {@link formatMoney}. */
export interface FormatMoneyOptions {
  /**
   * A BCP 47 locale such as `fr-FR`.
   * @default the runtime's default locale
   */
  locale?: string
}

/**
 * Formats an amount for people with `Intl.NumberFormat` (formatters are cached).
 *
 * @example
 * formatMoney(money(1250, 'EUR'), { locale: 'fr-FR' }) // "12,50 €"
 */
export function formatMoney(value: Money, options: FormatMoneyOptions = {}): string {
  const locale = options.locale ?? ''
  const key = `${locale}|${value.currency}`
  let formatter = formatters.get(key)
  if (!formatter) {
    assertCurrency(value.currency, 'value.currency')
    try {
      formatter = new Intl.NumberFormat(locale || undefined, {
        style: 'currency',
        currency: value.currency,
      })
    } catch (cause) {
      throw new ToteArgumentError(
        'options.locale',
        expected('a BCP 47 locale such as "fr-FR"', locale),
        { cause },
      )
    }
    formatters.set(key, formatter)
  }
  // Intl reads a decimal string exactly, so large amounts never lose precision.
  return formatter.format(toDecimalString(value) as `${number}`)
}
