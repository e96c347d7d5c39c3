import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { money } from '../money/index.ts'
import { parseMerchandiseList, parseRecoveryResult, parseWriteResult } from './parse.ts'
import type { CartSnapshot, Merchandise } from './types.ts'

const mug: Merchandise = {
  id: 'mug',
  productId: 'product-mug',
  productTitle: 'Speckled mug',
  title: 'Default',
  image: null,
  options: [],
  price: money(1800, 'EUR'),
  compareAtPrice: null,
  available: true,
  quantityAvailable: null,
}

const cart: CartSnapshot = {
  id: 'cart-1',
  version: 1,
  status: 'active',
  currency: 'EUR',
  lines: [
    {
      key: lineKey('mug'),
      id: 'line-1',
      merchandise: mug,
      quantity: 1,
      attributes: {},
      cost: { unitPrice: mug.price, subtotal: mug.price, total: mug.price },
    },
  ],
  cost: { subtotal: mug.price, total: mug.price, discount: null, tax: null },
  email: null,
  note: '',
  attributes: {},
  discountCodes: [],
  checkoutUrl: null,
  updatedAt: '2026-11-23T09:00:00Z',
}

/** The error `run` throws; fails the test when it does not throw. */
function thrown(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  return expect.fail('expected a throw')
}

describe('parseWriteResult', () => {
  it('keeps the cart, the notices and the extensions', () => {
    const notices = [
      { code: 'insufficient_stock', lineKey: 'mug', from: 5, to: 2, title: 'Speckled mug' },
      { code: 'price_changed', from: money(1500, 'EUR'), to: money(1800, 'EUR') },
      { code: 'currency_changed', from: 'NOK', to: 'EUR' },
      { code: 'discount_rejected', discountCode: 'NOPE' },
    ]
    const extensions = { sections: { 'cart-drawer': '<div></div>' } }
    expect(parseWriteResult({ cart, notices, extensions })).toEqual({ cart, notices, extensions })
  })

  it('leaves out extensions the adapter did not give', () => {
    expect(parseWriteResult({ cart, notices: [] })).toStrictEqual({ cart, notices: [] })
  })

  it('throws invalid_response for an unreadable cart, naming the field', () => {
    const error = thrown(() => parseWriteResult({ cart: { ...cart, version: 1.5 }, notices: [] }))
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect(error.message).toBe(
      "the adapter's cart does not fit Tote's model: version: expected a safe integer, got 1.5",
    )
  })

  it('throws invalid_response for null, a string, an empty answer and a bare cart', () => {
    for (const answer of [null, undefined, 'ok', {}, cart]) {
      const error = thrown(() => parseWriteResult(answer))
      expect(isToteError(error, 'invalid_response'), JSON.stringify(answer)).toBe(true)
    }
  })

  it('drops the notices it cannot read and keeps the others', () => {
    const good = { code: 'out_of_stock', lineKey: 'mug' }
    const notices = [
      { code: 'no_such_code' },
      { code: 'insufficient_stock', from: 1.5, to: 1 },
      { code: 'price_changed', from: { amount: 1.5, currency: 'EUR' } },
      { code: 'price_changed', to: { amount: 100, currency: 'eur' } },
      { code: 'price_changed', to: { amount: 100 } },
      { code: 'quantity_adjusted', to: true },
      { code: 'out_of_stock', lineKey: 7 },
      null,
      'out_of_stock',
      good,
    ]
    expect(parseWriteResult({ cart, notices }).notices).toEqual([good])
  })

  it('reads missing or malformed notices as none', () => {
    expect(parseWriteResult({ cart }).notices).toEqual([])
    expect(parseWriteResult({ cart, notices: { code: 'out_of_stock' } }).notices).toEqual([])
  })

  it('copies money in notices without the fields Tote does not know', () => {
    const from = { amount: 1500, currency: 'EUR', formatted: '15,00 €' }
    const [notice] = parseWriteResult({ cart, notices: [{ code: 'price_changed', from }] }).notices
    expect(notice?.from).toEqual({ amount: 1500, currency: 'EUR' })
  })
})

describe('parseRecoveryResult', () => {
  it('keeps the cart as it was and the merchandise as it is now', () => {
    const now = { ...mug, available: false, quantityAvailable: 0 }
    expect(parseRecoveryResult({ cart, merchandise: [now] })).toEqual({ cart, merchandise: [now] })
  })

  it('accepts an empty merchandise list: every product was removed', () => {
    expect(parseRecoveryResult({ cart, merchandise: [] }).merchandise).toEqual([])
  })

  it('throws invalid_response for an unreadable cart', () => {
    const error = thrown(() =>
      parseRecoveryResult({ cart: { ...cart, lines: null }, merchandise: [] }),
    )
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect(error.message).toMatch(/: lines: expected array$/)
    expect(
      isToteError(
        thrown(() => parseRecoveryResult(null)),
        'invalid_response',
      ),
    ).toBe(true)
  })

  it('throws invalid_response without a merchandise list', () => {
    for (const merchandise of [undefined, null, {}, mug]) {
      const error = thrown(() => parseRecoveryResult({ cart, merchandise }))
      expect(isToteError(error, 'invalid_response')).toBe(true)
      expect(error.message).toBe('the adapter returned no merchandise list')
    }
  })

  it('refuses the whole answer for one unreadable entry, never reading it as discontinued', () => {
    const broken = { ...mug, id: 'pin', price: { amount: 9.99, currency: 'EUR' } }
    const error = thrown(() => parseRecoveryResult({ cart, merchandise: [mug, broken] }))
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect(error.message).toBe(
      'the adapter returned invalid merchandise at 1: price.amount: expected a safe integer of minor units, got 9.99',
    )
    const missing = thrown(() => parseRecoveryResult({ cart, merchandise: [null] }))
    expect(missing.message).toBe(
      'the adapter returned invalid merchandise at 0: merchandise: expected object',
    )
  })
})

describe('parseMerchandiseList', () => {
  it('keeps readable merchandise, copied', () => {
    const [parsed] = parseMerchandiseList([mug])
    expect(parsed).toEqual(mug)
    expect(parsed).not.toBe(mug)
  })

  it('throws invalid_response for a list with an unreadable entry, or no list', () => {
    const error = thrown(() => parseMerchandiseList([mug, { ...mug, productId: '' }]))
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect(error.message).toBe(
      'the adapter returned invalid merchandise at 1: productId: expected a non-empty string',
    )
    expect(thrown(() => parseMerchandiseList({ merchandise: [] })).message).toBe(
      'the adapter returned no merchandise list',
    )
  })
})
