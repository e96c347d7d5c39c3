import { describe, expect, it } from 'vitest'
import { decimalOf, moneyFromMedusa, roundDecimal } from './index.ts'

describe('decimalOf', () => {
  it('writes the shortest decimal of a number, exponents spelled out', () => {
    expect(decimalOf(24.9)).toBe('24.9')
    expect(decimalOf(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(decimalOf(1e-7)).toBe('0.0000001')
    expect(decimalOf(-1.5e-7)).toBe('-0.00000015')
    expect(decimalOf(1.25e21)).toBe('1250000000000000000000')
    expect(decimalOf(-3)).toBe('-3')
  })
})

describe('roundDecimal', () => {
  it('rounds half away from zero in text, carrying digits', () => {
    expect(roundDecimal('26.865', 2)).toBe('26.87')
    expect(roundDecimal('26.864999', 2)).toBe('26.86')
    expect(roundDecimal('9.995', 2)).toBe('10.00')
    expect(roundDecimal('-0.995', 2)).toBe('-1.00')
    expect(roundDecimal('-0.004', 2)).toBe('0.00')
    expect(roundDecimal('12.5', 0)).toBe('13')
    expect(roundDecimal('12.5', 2)).toBe('12.5')
  })
})

describe('moneyFromMedusa', () => {
  it('converts major units to exact minor units for each currency', () => {
    expect(moneyFromMedusa(24.9, 'eur')).toEqual({ amount: 2490, currency: 'EUR' })
    expect(moneyFromMedusa(0.1 + 0.2, 'EUR')).toEqual({ amount: 30, currency: 'EUR' })
    expect(moneyFromMedusa(1250, 'jpy')).toEqual({ amount: 1250, currency: 'JPY' })
    expect(moneyFromMedusa(1.234, 'KWD')).toEqual({ amount: 1234, currency: 'KWD' })
    expect(moneyFromMedusa(0, 'EUR')).toEqual({ amount: 0, currency: 'EUR' })
  })

  it('rounds what Medusa computed beyond the minor unit (a 10 % discount of 9.95 EUR)', () => {
    expect(moneyFromMedusa(0.995, 'EUR')).toEqual({ amount: 100, currency: 'EUR' })
    expect(moneyFromMedusa(26.865, 'EUR')).toEqual({ amount: 2687, currency: 'EUR' })
    expect(moneyFromMedusa(-2.985, 'EUR')).toEqual({ amount: -299, currency: 'EUR' })
  })

  it('keeps large amounts exact where floats would not', () => {
    expect(moneyFromMedusa(12345678.91, 'EUR')).toEqual({ amount: 1234567891, currency: 'EUR' })
    expect(moneyFromMedusa(90071992547409.9, 'EUR').amount).toBe(9007199254740990)
  })
})
