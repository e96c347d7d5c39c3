import { describe, expect, it } from 'vitest'
import { keep, same } from './same.ts'

describe('same', () => {
  it('compares plain values field by field, arrays by position', () => {
    expect(same({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true)
    expect(same({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
    expect(same({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(same({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(same(null, {})).toBe(false)
    expect(same(1, 1)).toBe(true)
  })
})

describe('keep', () => {
  it('gives the previous object when the next one equals it, else the next one', () => {
    const before = { amount: 100, currency: 'EUR' }
    expect(keep({ amount: 100, currency: 'EUR' }, before)).toBe(before)
    const next = { amount: 200, currency: 'EUR' }
    expect(keep(next, before)).toBe(next)
    expect(keep(next, undefined)).toBe(next)
  })
})
