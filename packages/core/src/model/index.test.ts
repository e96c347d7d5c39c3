import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { type Money, money } from '../money/index.ts'
import {
  AttributesSchema,
  type CartLine,
  type CartSnapshot,
  CartSnapshotSchema,
  MAX_LINE_QUANTITY,
  type Merchandise,
  type ModelResult,
  parseCartSnapshot,
  safeParseCartSnapshot,
  safeParseMerchandise,
} from './index.ts'

const eur = (amount: number): Money => money(amount, 'EUR')

function merchandise(overrides: Partial<Merchandise> = {}): Merchandise {
  return {
    id: 'variant-1',
    productId: 'product-1',
    productTitle: 'Linen shirt',
    title: 'M / Blue',
    image: { url: 'https://shop.example/shirt.jpg', alt: 'A blue linen shirt' },
    options: [
      { name: 'Size', value: 'M' },
      { name: 'Colour', value: 'Blue' },
    ],
    price: eur(2500),
    compareAtPrice: null,
    available: true,
    quantityAvailable: 10,
    ...overrides,
  }
}

function line(overrides: Partial<CartLine> = {}): CartLine {
  const item = overrides.merchandise ?? merchandise()
  const attributes = overrides.attributes ?? {}
  return {
    key: lineKey(item.id, attributes),
    id: 'line-1',
    merchandise: item,
    quantity: 2,
    attributes,
    cost: { unitPrice: eur(2500), subtotal: eur(5000), total: eur(5000) },
    ...overrides,
  }
}

function snapshot(overrides: Partial<CartSnapshot> = {}): CartSnapshot {
  return {
    id: 'cart-1',
    version: 3,
    status: 'active',
    currency: 'EUR',
    lines: [line()],
    cost: { subtotal: eur(5000), total: eur(5000), discount: null, tax: null },
    email: null,
    note: '',
    attributes: {},
    discountCodes: [],
    checkoutUrl: 'https://shop.example/checkout/cart-1',
    updatedAt: '2026-11-23T09:00:00.000Z',
    ...overrides,
  }
}

/** The issues of a parse that must have failed. */
function issues(result: ModelResult<unknown>) {
  expect(result.success).toBe(false)
  return result.success ? [] : result.issues
}

/** The messages of a failed parse, so a test can check it failed for the right reason. */
const messages = (result: ModelResult<unknown>) =>
  issues(result)
    .map((issue) => issue.message)
    .join('\n')

/** The paths of a failed parse, joined with dots. */
const paths = (result: ModelResult<unknown>) =>
  issues(result).map((issue) => issue.path.map(String).join('.'))

/** The paths at fault in a cart whose first line has `overrides`. */
const linePaths = (overrides: Record<string, unknown>) =>
  paths(safeParseCartSnapshot(snapshot({ lines: [{ ...line(), ...overrides } as CartLine] })))

/** Parses merchandise and a cart with overrides, for short tests. */
const parseMerchandise = (overrides: Record<string, unknown>) =>
  safeParseMerchandise({ ...merchandise(), ...overrides })
const parseCart = (overrides: Record<string, unknown>) =>
  safeParseCartSnapshot({ ...snapshot(), ...overrides })

describe('safeParseMerchandise', () => {
  it('accepts a variant with stock, and one with unlimited stock and no image', () => {
    expect(safeParseMerchandise(merchandise())).toEqual({ success: true, data: merchandise() })
    const unlimited = merchandise({ image: null, quantityAvailable: null, options: [] })
    expect(safeParseMerchandise(unlimited).success).toBe(true)
  })

  it('accepts a compare-at price and a sold-out variant', () => {
    const sale = merchandise({ compareAtPrice: eur(3000), available: false, quantityAvailable: 0 })
    expect(safeParseMerchandise(sale).success).toBe(true)
  })

  it('refuses an empty id or product id', () => {
    expect(paths(parseMerchandise({ id: '' }))).toEqual(['id'])
    expect(paths(parseMerchandise({ productId: '' }))).toEqual(['productId'])
  })

  it('refuses a float price and a price without currency', () => {
    expect(paths(parseMerchandise({ price: { amount: 25.5, currency: 'EUR' } }))).toEqual([
      'price.amount',
    ])
    expect(paths(parseMerchandise({ price: { amount: 2500 } }))).toEqual(['price.currency'])
  })

  it('refuses negative or fractional stock', () => {
    expect(paths(parseMerchandise({ quantityAvailable: -1 }))).toEqual(['quantityAvailable'])
    expect(paths(parseMerchandise({ quantityAvailable: 1.5 }))).toEqual(['quantityAvailable'])
  })

  it('refuses a missing availability and an image without url', () => {
    const { available: _, ...withoutAvailable } = merchandise()
    expect(paths(safeParseMerchandise(withoutAvailable))).toEqual(['available'])
    expect(paths(parseMerchandise({ image: { url: '' } }))).toEqual(['image.url'])
  })

  it('accepts money in integer minor units of an ISO currency, negative or zero', () => {
    expect(parseMerchandise({ price: { amount: 0, currency: 'KWD' } }).success).toBe(true)
    expect(parseMerchandise({ compareAtPrice: { amount: -1250, currency: 'EUR' } }).success).toBe(
      true,
    )
  })

  it('refuses unsafe integers, string amounts and currencies that are not ISO codes', () => {
    for (const [price, path] of [
      [{ amount: 2 ** 53, currency: 'EUR' }, 'price.amount'],
      [{ amount: Number.NaN, currency: 'EUR' }, 'price.amount'],
      [{ amount: '1250', currency: 'EUR' }, 'price.amount'],
      [{ amount: 1250, currency: 'eur' }, 'price.currency'],
      [{ amount: 1250, currency: 'EU' }, 'price.currency'],
    ] as const) {
      expect(paths(parseMerchandise({ price })), JSON.stringify(price)).toEqual([path])
    }
    expect(messages(parseMerchandise({ price: { amount: 1.5, currency: 'EUR' } }))).toBe(
      'expected a safe integer of minor units, got 1.5',
    )
    expect(messages(parseMerchandise({ price: { amount: 1, currency: 'eur' } }))).toBe(
      'expected an ISO 4217 code such as "EUR", got "eur"',
    )
  })

  it('says what type zod expected where the shape is wrong', () => {
    expect(safeParseMerchandise({ ...merchandise(), available: 'yes' })).toEqual({
      success: false,
      issues: [{ path: ['available'], message: 'expected boolean' }],
    })
  })
})

describe('line quantities', () => {
  it('accepts whole quantities from 1 to the maximum', () => {
    for (const quantity of [1, MAX_LINE_QUANTITY]) {
      expect(safeParseCartSnapshot(snapshot({ lines: [line({ quantity })] })).success).toBe(true)
    }
  })

  it('refuses zero, negative, fractional, too large, NaN and string quantities', () => {
    for (const quantity of [
      0,
      -1,
      -2,
      1.5,
      2.5,
      MAX_LINE_QUANTITY + 1,
      Number.NaN,
      '2',
      Infinity,
    ]) {
      expect(linePaths({ quantity }), String(quantity)).toEqual(['lines.0.quantity'])
    }
    expect(messages(parseCart({ lines: [line({ quantity: 0 })] }))).toBe(
      `expected an integer from 1 to ${MAX_LINE_QUANTITY}, got 0`,
    )
  })
})

describe('attribute maps', () => {
  it('keeps string attributes and refuses other values, naming the attribute', () => {
    const cart = snapshot({ attributes: { channel: 'web' } })
    expect(safeParseCartSnapshot(cart)).toMatchObject({ data: { attributes: { channel: 'web' } } })
    expect(paths(parseCart({ attributes: { channel: 3 } }))).toEqual(['attributes.channel'])
    expect(messages(parseCart({ attributes: { channel: 3 } }))).toBe('expected a string, got 3')
  })

  it('refuses arrays, null, strings and objects that are not plain', () => {
    for (const attributes of [[], null, 'gift', new Date(0), new Map()]) {
      expect(paths(parseCart({ attributes })), String(attributes)).toEqual(['attributes'])
    }
  })

  it('accepts objects without a prototype, and copies them', () => {
    const attributes = Object.assign(Object.create(null), { gift: 'yes' })
    const parsed = safeParseCartSnapshot(snapshot({ attributes }))
    expect(parsed.success && parsed.data.attributes).toEqual({ gift: 'yes' })
    expect(parsed.success && parsed.data.attributes).not.toBe(attributes)
  })

  it('never keeps a __proto__ key, nor lets it change the prototype', () => {
    const attributes = JSON.parse('{"__proto__":{"polluted":"yes"},"a":"b"}')
    const parsed = safeParseCartSnapshot(snapshot({ attributes }))
    expect(parsed.success).toBe(true)
    const kept = parsed.success ? parsed.data.attributes : {}
    expect(Object.keys(kept)).toEqual(['a'])
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('checks line attributes too, against the line key', () => {
    const engraved = line({ attributes: { engraving: 'Ada' } })
    expect(safeParseCartSnapshot(snapshot({ lines: [engraved] })).success).toBe(true)
    expect(linePaths({ attributes: { engraving: 7 } })).toEqual(['lines.0.attributes.engraving'])
  })

  it('AttributesSchema, a zod record, keeps strings and drops __proto__ as well', () => {
    expect(AttributesSchema.parse({ engraving: 'Ada' })).toEqual({ engraving: 'Ada' })
    expect(AttributesSchema.safeParse({ engraving: 3 }).success).toBe(false)
    const parsed = AttributesSchema.parse(JSON.parse('{"__proto__":{"polluted":"yes"},"a":"b"}'))
    expect(Object.keys(parsed)).toEqual(['a'])
  })
})

describe('cart lines', () => {
  it('accepts a line, with or without a backend id', () => {
    expect(safeParseCartSnapshot(snapshot())).toEqual({ success: true, data: snapshot() })
    expect(safeParseCartSnapshot(snapshot({ lines: [line({ id: null })] })).success).toBe(true)
  })

  it('refuses an empty key and a float cost', () => {
    expect(linePaths({ key: '' })).toEqual(['lines.0.key'])
    const cost = {
      unitPrice: eur(2500),
      subtotal: { amount: 50.5, currency: 'EUR' },
      total: eur(5000),
    }
    expect(linePaths({ cost })).toEqual(['lines.0.cost.subtotal.amount'])
  })

  it('refuses a line without merchandise', () => {
    const { merchandise: _, ...rest } = line()
    expect(paths(parseCart({ lines: [rest] }))).toEqual(['lines.0.merchandise'])
  })

  it('checks the merchandise of each line', () => {
    expect(linePaths({ merchandise: merchandise({ quantityAvailable: -1 }) })).toEqual([
      'lines.0.merchandise.quantityAvailable',
    ])
  })
})

describe('safeParseCartSnapshot', () => {
  it('accepts a cart with lines, an empty cart, and a completed cart', () => {
    expect(safeParseCartSnapshot(snapshot())).toEqual({ success: true, data: snapshot() })
    expect(safeParseCartSnapshot(snapshot({ lines: [] })).success).toBe(true)
    expect(safeParseCartSnapshot(snapshot({ status: 'completed' })).success).toBe(true)
  })

  it('accepts email, note, attributes, discount codes and a tax', () => {
    const full = snapshot({
      email: 'ada@example.com',
      note: 'Gift wrap please',
      attributes: { channel: 'web' },
      discountCodes: [{ code: 'WELCOME10', applicable: true }],
      cost: { subtotal: eur(5000), total: eur(4500), discount: eur(500), tax: eur(900) },
    })
    expect(safeParseCartSnapshot(full).success).toBe(true)
  })

  it('leaves the value it was given as it was', () => {
    const attributes = { channel: 'web' }
    const cart = snapshot({ attributes })
    const parsed = safeParseCartSnapshot(cart)
    expect(parsed.success && parsed.data).not.toBe(cart)
    expect(parsed.success && parsed.data.attributes).not.toBe(attributes)
    expect(cart).toEqual(snapshot({ attributes: { channel: 'web' } }))
  })

  it('refuses two lines with the same key', () => {
    const result = safeParseCartSnapshot(
      snapshot({ lines: [line({ id: 'line-1' }), line({ id: 'line-2' })] }),
    )
    expect(paths(result)).toEqual(['lines.1.key'])
    expect(messages(result)).toContain('duplicate line key variant-1')
  })

  it('refuses two lines with the same backend id', () => {
    const other = line({ merchandise: merchandise({ id: 'variant-2' }), id: 'line-1' })
    const result = safeParseCartSnapshot(snapshot({ lines: [line(), other] }))
    expect(paths(result)).toEqual(['lines.1.id'])
    expect(messages(result)).toContain('duplicate line id line-1')
  })

  it('allows several lines whose backend id is not known yet', () => {
    const other = line({ merchandise: merchandise({ id: 'variant-2' }), id: null })
    const result = safeParseCartSnapshot(snapshot({ lines: [line({ id: null }), other] }))
    expect(result.success).toBe(true)
  })

  it('refuses a line whose key does not match its merchandise and attributes', () => {
    const result = safeParseCartSnapshot(
      snapshot({ lines: [line({ attributes: { engraving: 'Ada' }, key: 'variant-1' })] }),
    )
    expect(paths(result)).toEqual(['lines.0.key'])
    expect(messages(result)).toBe(
      'line key does not match merchandise, attributes and selling plan',
    )
  })

  // docs/domain.md R19: amounts are never mixed across currencies.
  it('refuses a line cost in another currency than the cart', () => {
    const cost = { unitPrice: eur(2500), subtotal: eur(5000), total: money(5000, 'USD') }
    const result = safeParseCartSnapshot(snapshot({ lines: [line({ cost })] }))
    expect(paths(result)).toEqual(['lines.0.cost.total'])
    expect(messages(result)).toContain('USD inside a EUR cart')
  })

  // docs/domain.md R19
  it('refuses a cart cost in another currency than the cart', () => {
    const cost = { subtotal: eur(5000), total: eur(5000), discount: null, tax: money(9, 'NOK') }
    expect(paths(safeParseCartSnapshot(snapshot({ cost })))).toEqual(['cost.tax'])
  })

  it('checks rules across fields only once every field is readable', () => {
    // A lower-case currency is one issue, not one per amount in another currency.
    expect(paths(parseCart({ currency: 'eur' }))).toEqual(['currency'])
    const result = parseCart({ version: -1, lines: [line(), line()] })
    expect(paths(result)).toEqual(['version'])
  })

  it('refuses missing lines and null lines', () => {
    const { lines: _, ...withoutLines } = snapshot()
    expect(paths(safeParseCartSnapshot(withoutLines))).toEqual(['lines'])
    expect(paths(parseCart({ lines: null }))).toEqual(['lines'])
    expect(messages(parseCart({ lines: null }))).toBe('expected array')
  })

  it('refuses a status other than active or completed', () => {
    for (const status of ['abandoned', 'ACTIVE', '', null]) {
      expect(paths(parseCart({ status }))).toEqual(['status'])
    }
    expect(messages(parseCart({ status: 'abandoned' }))).toBe(
      'expected one of "active", "completed"',
    )
  })

  it('refuses a negative, fractional or unsafe version', () => {
    for (const version of [-1, 1.5, 2 ** 53, Number.NaN]) {
      expect(paths(parseCart({ version })), String(version)).toEqual(['version'])
    }
  })

  it('accepts ISO date-times with Z or an offset, and a fraction of a second', () => {
    for (const updatedAt of [
      '2026-11-23T10:00:00+01:00',
      '2026-11-23T10:00:00-09:30',
      '2024-02-29T23:59:59Z',
      '2000-02-29T00:00:00Z',
      '2026-11-23T09:00:00.123456Z',
      '2026-04-30T00:00:00Z',
    ]) {
      expect(safeParseCartSnapshot(snapshot({ updatedAt })).success, updatedAt).toBe(true)
    }
  })

  it('refuses dates that are not ISO date-times, or not on the calendar', () => {
    for (const updatedAt of [
      'yesterday',
      '2026-11-23',
      '2026-13-01T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '1900-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T10:00Z',
      '2026-11-23T10:00:00',
      '2026-11-23T10:00:00+0100',
      '2026-11-23 10:00:00Z',
      '23/11/2026 10:00',
      '',
    ]) {
      expect(paths(safeParseCartSnapshot(snapshot({ updatedAt }))), updatedAt).toEqual([
        'updatedAt',
      ])
    }
    const date = { ...snapshot(), updatedAt: new Date('2026-11-23T09:00:00Z') }
    expect(paths(safeParseCartSnapshot(date))).toEqual(['updatedAt'])
  })

  it('refuses a lower-case currency and an empty id', () => {
    expect(paths(parseCart({ currency: 'eur' }))).toContain('currency')
    expect(paths(parseCart({ id: '' }))).toEqual(['id'])
  })

  it('refuses an empty discount code', () => {
    const discountCodes = [{ code: '', applicable: false }]
    expect(paths(safeParseCartSnapshot(snapshot({ discountCodes })))).toEqual([
      'discountCodes.0.code',
    ])
  })

  it('refuses what is not an object', () => {
    for (const value of [null, undefined, 'cart', 3, []]) {
      expect(paths(safeParseCartSnapshot(value)), String(value)).toEqual([''])
    }
  })
})

describe('CartSnapshotSchema', () => {
  it('checks the shape alone: the rules of the model are for the parse functions', () => {
    expect(CartSnapshotSchema.safeParse(snapshot()).success).toBe(true)
    expect(CartSnapshotSchema.safeParse({ ...snapshot(), lines: null }).success).toBe(false)
  })
})

describe('parseCartSnapshot', () => {
  it('returns the parsed cart', () => {
    expect(parseCartSnapshot(snapshot())).toEqual(snapshot())
  })

  it('throws invalid_response naming the source and the first field at fault', () => {
    let error: unknown
    try {
      parseCartSnapshot({ ...snapshot(), lines: null }, 'the theme cart')
    } catch (caught) {
      error = caught
    }
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect((error as Error).message).toBe(
      "the theme cart does not fit Tote's model: lines: expected array",
    )
  })

  it('names a rule broken in plain code the same way', () => {
    const cost = { unitPrice: eur(2500), subtotal: eur(5000), total: money(5000, 'USD') }
    expect(() => parseCartSnapshot(snapshot({ lines: [line({ cost })] }))).toThrow(
      "the adapter's cart does not fit Tote's model: lines.0.cost.total: money in USD inside a EUR cart: currencies are never mixed",
    )
    expect(() => parseCartSnapshot(null)).toThrow(/model: cart: expected object$/)
  })
})
