import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import {
  addMoney,
  compareMoney,
  currencyDigits,
  formatMoney,
  money,
  moneyEquals,
  moneyFromCents,
  moneyFromDecimalString,
  moneyFromMajorUnits,
  multiplyMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from './index.ts'

// Intl writes French thousands with a narrow no-break space and puts a no-break space
// before the symbol; Norwegian uses no-break spaces for both, and a real minus sign.
const NNBSP = '\u202f'
const NBSP = '\u00a0'
const MINUS = '\u2212'

/** Runs `run` and returns what it threw, so a test can look at the error. */
function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

/** Asserts `run` throws an `invalid_argument` Tote error naming `argument`. */
function expectArgumentError(run: () => unknown, argument: string): void {
  const error = thrown(run)
  expect(isToteError(error, 'invalid_argument')).toBe(true)
  expect(error).toMatchObject({ argument })
  expect((error as Error).message.startsWith(`${argument}: `)).toBe(true)
}

describe('currencyDigits', () => {
  it('knows the minor-unit digits of JPY, EUR and KWD', () => {
    expect(currencyDigits('JPY')).toBe(0)
    expect(currencyDigits('EUR')).toBe(2)
    expect(currencyDigits('KWD')).toBe(3)
  })

  it('refuses what is not an ISO 4217 code', () => {
    expectArgumentError(() => currencyDigits('eur'), 'currency')
    expectArgumentError(() => currencyDigits('EURO'), 'currency')
    expectArgumentError(() => currencyDigits(''), 'currency')
  })
})

describe('money', () => {
  it('makes money from integer minor units', () => {
    expect(money(1250, 'EUR')).toEqual({ amount: 1250, currency: 'EUR' })
    expect(money(-5, 'JPY')).toEqual({ amount: -5, currency: 'JPY' })
  })

  it('refuses floats, NaN, infinities and unsafe integers as amounts', () => {
    for (const amount of [12.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectArgumentError(() => money(amount, 'EUR'), 'amount')
    }
    expectArgumentError(() => money('12' as unknown as number, 'EUR'), 'amount')
  })

  it('refuses a malformed currency', () => {
    expectArgumentError(() => money(1, 'usd'), 'currency')
  })
})

describe('moneyFromDecimalString', () => {
  it('parses decimal strings into minor units of each currency', () => {
    expect(moneyFromDecimalString('12.5', 'EUR')).toEqual(money(1250, 'EUR'))
    expect(moneyFromDecimalString('12.50', 'EUR')).toEqual(money(1250, 'EUR'))
    expect(moneyFromDecimalString('12', 'EUR')).toEqual(money(1200, 'EUR'))
    expect(moneyFromDecimalString('1250', 'JPY')).toEqual(money(1250, 'JPY'))
    expect(moneyFromDecimalString('1.25', 'KWD')).toEqual(money(1250, 'KWD'))
    expect(moneyFromDecimalString('0.001', 'KWD')).toEqual(money(1, 'KWD'))
  })

  it('parses negative amounts, and never makes a negative zero', () => {
    expect(moneyFromDecimalString('-3.05', 'EUR')).toEqual(money(-305, 'EUR'))
    expect(Object.is(moneyFromDecimalString('-0.00', 'EUR').amount, 0)).toBe(true)
  })

  it('accepts trailing zeros beyond the currency digits', () => {
    expect(moneyFromDecimalString('12.340', 'EUR')).toEqual(money(1234, 'EUR'))
    expect(moneyFromDecimalString('1250.00', 'JPY')).toEqual(money(1250, 'JPY'))
  })

  it('refuses more decimals than the currency has', () => {
    expectArgumentError(() => moneyFromDecimalString('12.345', 'EUR'), 'value')
    expectArgumentError(() => moneyFromDecimalString('1250.5', 'JPY'), 'value')
    expectArgumentError(() => moneyFromDecimalString('1.2345', 'KWD'), 'value')
  })

  it('refuses exponents, signs, separators and empty strings', () => {
    for (const value of ['1e3', '+12', '12,50', '1 000', '.5', '12.', '', 'NaN', 'Infinity']) {
      expectArgumentError(() => moneyFromDecimalString(value, 'EUR'), 'value')
    }
    expectArgumentError(() => moneyFromDecimalString(12.5 as unknown as string, 'EUR'), 'value')
  })

  it('keeps every digit of large amounts exact', () => {
    // 2^53 - 1 cents: the largest amount an integer number can hold exactly.
    expect(moneyFromDecimalString('90071992547409.91', 'EUR')).toEqual(
      money(9007199254740991, 'EUR'),
    )
  })

  it('refuses amounts too large to hold exactly, naming the value', () => {
    expectArgumentError(() => moneyFromDecimalString('90071992547409.92', 'EUR'), 'value')
    expectArgumentError(() => moneyFromDecimalString('1'.repeat(30), 'JPY'), 'value')
  })

  it('refuses a malformed currency', () => {
    expectArgumentError(() => moneyFromDecimalString('12.50', 'euro'), 'currency')
  })
})

describe('moneyFromMajorUnits', () => {
  it('converts major units to minor units of each currency', () => {
    expect(moneyFromMajorUnits(12.5, 'EUR')).toEqual(money(1250, 'EUR'))
    expect(moneyFromMajorUnits(1250, 'JPY')).toEqual(money(1250, 'JPY'))
    expect(moneyFromMajorUnits(1.25, 'KWD')).toEqual(money(1250, 'KWD'))
    expect(moneyFromMajorUnits(-19.99, 'EUR')).toEqual(money(-1999, 'EUR'))
  })

  it('rounds away the binary noise of floats', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(moneyFromMajorUnits(0.1 + 0.2, 'EUR')).toEqual(money(30, 'EUR'))
    // 19.99 * 100 is 1998.9999999999998 in floating point.
    expect(moneyFromMajorUnits(19.99, 'EUR')).toEqual(money(1999, 'EUR'))
    expect(moneyFromMajorUnits(1.001, 'KWD')).toEqual(money(1001, 'KWD'))
  })

  it('never makes a negative zero', () => {
    expect(Object.is(moneyFromMajorUnits(-0, 'EUR').amount, 0)).toBe(true)
  })

  it('refuses more decimals than the currency has', () => {
    expectArgumentError(() => moneyFromMajorUnits(12.345, 'EUR'), 'value')
    expectArgumentError(() => moneyFromMajorUnits(0.5, 'JPY'), 'value')
    expectArgumentError(() => moneyFromMajorUnits(-0.001, 'EUR'), 'value')
  })

  it('refuses extra decimals on large amounts too, instead of rounding them away', () => {
    expectArgumentError(() => moneyFromMajorUnits(12345.678, 'EUR'), 'value')
    expectArgumentError(() => moneyFromMajorUnits(1234567.5, 'JPY'), 'value')
    expectArgumentError(() => moneyFromMajorUnits(10_000_000_000.005, 'EUR'), 'value')
  })

  it('keeps large amounts that have no extra decimals', () => {
    expect(moneyFromMajorUnits(12345678.91, 'EUR')).toEqual(money(1234567891, 'EUR'))
    expect(moneyFromMajorUnits(9_000_000_000_000, 'JPY')).toEqual(money(9e12, 'JPY'))
  })

  it('refuses NaN, infinities and strings', () => {
    expectArgumentError(() => moneyFromMajorUnits(Number.NaN, 'EUR'), 'value')
    expectArgumentError(() => moneyFromMajorUnits(Number.NEGATIVE_INFINITY, 'EUR'), 'value')
    expectArgumentError(() => moneyFromMajorUnits('12.5' as unknown as number, 'EUR'), 'value')
  })

  it('refuses amounts too large to hold exactly, naming the value', () => {
    expectArgumentError(() => moneyFromMajorUnits(1e300, 'EUR'), 'value')
  })
})

describe('moneyFromCents', () => {
  it('takes cents as they are for two-digit currencies', () => {
    expect(moneyFromCents(1250, 'EUR')).toEqual(money(1250, 'EUR'))
    expect(moneyFromCents(-99, 'USD')).toEqual(money(-99, 'USD'))
  })

  it('converts hundredths of the major unit for JPY and KWD', () => {
    expect(moneyFromCents(125000, 'JPY')).toEqual(money(1250, 'JPY'))
    expect(moneyFromCents(1250, 'KWD')).toEqual(money(12500, 'KWD'))
    expect(moneyFromCents(1, 'KWD')).toEqual(money(10, 'KWD'))
    expect(moneyFromCents(-300, 'JPY')).toEqual(money(-3, 'JPY'))
  })

  it('refuses cents that are not a whole number of yen, naming the cents', () => {
    expectArgumentError(() => moneyFromCents(150, 'JPY'), 'cents')
  })

  it('refuses fractional, NaN and unsafe cents', () => {
    for (const cents of [12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expectArgumentError(() => moneyFromCents(cents, 'EUR'), 'cents')
    }
  })
})

describe('toDecimalString', () => {
  it('writes major units with exactly the currency digits', () => {
    expect(toDecimalString(money(1250, 'EUR'))).toBe('12.50')
    expect(toDecimalString(money(5, 'EUR'))).toBe('0.05')
    expect(toDecimalString(money(-5, 'EUR'))).toBe('-0.05')
    expect(toDecimalString(money(1250, 'JPY'))).toBe('1250')
    expect(toDecimalString(money(1250, 'KWD'))).toBe('1.250')
    expect(toDecimalString(money(0, 'KWD'))).toBe('0.000')
  })

  it('round-trips through moneyFromDecimalString', () => {
    for (const value of [money(9007199254740991, 'EUR'), money(-7, 'KWD'), money(3, 'JPY')]) {
      expect(moneyFromDecimalString(toDecimalString(value), value.currency)).toEqual(value)
    }
  })
})

describe('arithmetic', () => {
  const eur = (amount: number) => money(amount, 'EUR')

  it('adds, subtracts, multiplies and sums within one currency', () => {
    expect(addMoney(eur(1250), eur(99))).toEqual(eur(1349))
    expect(subtractMoney(eur(1250), eur(1300))).toEqual(eur(-50))
    expect(multiplyMoney(eur(1250), 3)).toEqual(eur(3750))
    expect(sumMoney([eur(1), eur(20), eur(300)], 'EUR')).toEqual(eur(321))
  })

  it('sums an empty list to zero in the given currency', () => {
    expect(sumMoney([], 'KWD')).toEqual(money(0, 'KWD'))
  })

  // docs/domain.md R19: amounts are never mixed across currencies.
  it('refuses to add, subtract or sum amounts of different currencies', () => {
    const usd = money(100, 'USD')
    expectArgumentError(() => addMoney(eur(100), usd), 'money')
    expectArgumentError(() => subtractMoney(eur(100), usd), 'money')
    expectArgumentError(() => sumMoney([eur(1), usd], 'EUR'), 'money')
    expectArgumentError(() => sumMoney([usd], 'EUR'), 'money')
    expect((thrown(() => addMoney(eur(100), usd)) as Error).message).toContain('EUR and USD')
  })

  // docs/domain.md R19: a price comparison is only made within one currency.
  it('compares within one currency and refuses to compare across currencies', () => {
    expect(compareMoney(eur(100), eur(250))).toBeLessThan(0)
    expect(compareMoney(eur(250), eur(100))).toBeGreaterThan(0)
    expect(compareMoney(eur(100), eur(100))).toBe(0)
    expectArgumentError(() => compareMoney(eur(100), money(100, 'JPY')), 'money')
  })

  it('treats the same amount in another currency as not equal, without throwing', () => {
    expect(moneyEquals(eur(100), eur(100))).toBe(true)
    expect(moneyEquals(eur(100), money(100, 'USD'))).toBe(false)
    expect(moneyEquals(eur(100), eur(101))).toBe(false)
  })

  it('multiplies only by whole quantities', () => {
    expectArgumentError(() => multiplyMoney(eur(100), 1.5), 'quantity')
    expectArgumentError(() => multiplyMoney(eur(100), Number.NaN), 'quantity')
  })

  it('refuses results too large to hold exactly', () => {
    expectArgumentError(() => addMoney(eur(Number.MAX_SAFE_INTEGER), eur(1)), 'amount')
    expectArgumentError(() => multiplyMoney(eur(2 ** 52), 2), 'amount')
  })
})

describe('formatMoney', () => {
  it('formats for en-US', () => {
    expect(formatMoney(money(1250, 'EUR'), { locale: 'en-US' })).toBe('€12.50')
    expect(formatMoney(money(123456789, 'USD'), { locale: 'en-US' })).toBe('$1,234,567.89')
    expect(formatMoney(money(1250, 'JPY'), { locale: 'en-US' })).toBe('¥1,250')
    expect(formatMoney(money(1250, 'KWD'), { locale: 'en-US' })).toBe(`KWD${NBSP}1.250`)
    expect(formatMoney(money(-1250, 'EUR'), { locale: 'en-US' })).toBe('-€12.50')
  })

  it('formats for fr-FR with narrow no-break spaces between thousands', () => {
    expect(formatMoney(money(1250, 'EUR'), { locale: 'fr-FR' })).toBe(`12,50${NBSP}€`)
    expect(formatMoney(money(123456, 'EUR'), { locale: 'fr-FR' })).toBe(`1${NNBSP}234,56${NBSP}€`)
    expect(formatMoney(money(1250, 'JPY'), { locale: 'fr-FR' })).toBe(`1${NNBSP}250${NBSP}JPY`)
    expect(formatMoney(money(1250, 'KWD'), { locale: 'fr-FR' })).toBe(`1,250${NBSP}KWD`)
    expect(formatMoney(money(-1250, 'EUR'), { locale: 'fr-FR' })).toBe(`-12,50${NBSP}€`)
  })

  it('formats for nb-NO with no-break spaces and a minus sign', () => {
    expect(formatMoney(money(12345, 'NOK'), { locale: 'nb-NO' })).toBe(`123,45${NBSP}kr`)
    expect(formatMoney(money(123456, 'EUR'), { locale: 'nb-NO' })).toBe(`1${NBSP}234,56${NBSP}€`)
    expect(formatMoney(money(1250, 'JPY'), { locale: 'nb-NO' })).toBe(`1${NBSP}250${NBSP}JPY`)
    expect(formatMoney(money(1250, 'KWD'), { locale: 'nb-NO' })).toBe(`1,250${NBSP}KWD`)
    expect(formatMoney(money(-1250, 'NOK'), { locale: 'nb-NO' })).toBe(`${MINUS}12,50${NBSP}kr`)
  })

  it('keeps every digit of amounts beyond float precision', () => {
    expect(formatMoney(money(9007199254740991, 'EUR'), { locale: 'en-US' })).toBe(
      '€90,071,992,547,409.91',
    )
  })

  it('refuses a malformed locale or currency, naming the argument', () => {
    expectArgumentError(
      () => formatMoney(money(1250, 'EUR'), { locale: 'en_US' }),
      'options.locale',
    )
    const lowerCase = { amount: 1250, currency: 'eur' }
    expectArgumentError(() => formatMoney(lowerCase, { locale: 'en-US' }), 'value.currency')
  })

  it('caches formatters per locale and currency without mixing them up', () => {
    const value = money(1250, 'EUR')
    expect(formatMoney(value, { locale: 'fr-FR' })).toBe(`12,50${NBSP}€`)
    expect(formatMoney(value, { locale: 'en-US' })).toBe('€12.50')
    expect(formatMoney(money(1250, 'USD'), { locale: 'en-US' })).toBe('$12.50')
    expect(formatMoney(value, { locale: 'fr-FR' })).toBe(`12,50${NBSP}€`)
  })
})
