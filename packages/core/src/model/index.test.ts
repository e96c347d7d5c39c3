import { describe, expect, it } from 'vitest'
import { lineKey } from '../line-key/index.ts'
import { type Money, money } from '../money/index.ts'
import {
  AttributesSchema,
  type CartLine,
  CartLineSchema,
  type CartSnapshot,
  CartSnapshotSchema,
  LineQuantitySchema,
  MAX_LINE_QUANTITY,
  type Merchandise,
  MerchandiseSchema,
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

/** The messages of a failed parse, so a test can check it failed for the right reason. */
function messages(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  expect(result.success).toBe(false)
  return result.error!.issues.map((issue) => issue.message).join('\n')
}

/** The paths of a failed parse, joined with dots. */
function paths(result: {
  success: boolean
  error?: { issues: { path: readonly PropertyKey[] }[] }
}) {
  expect(result.success).toBe(false)
  return result.error!.issues.map((issue) => issue.path.map(String).join('.'))
}

describe('MerchandiseSchema', () => {
  it('accepts a variant with stock, and one with unlimited stock and no image', () => {
    expect(MerchandiseSchema.parse(merchandise())).toEqual(merchandise())
    const unlimited = merchandise({ image: null, quantityAvailable: null, options: [] })
    expect(MerchandiseSchema.safeParse(unlimited).success).toBe(true)
  })

  it('accepts a compare-at price and a sold-out variant', () => {
    const sale = merchandise({ compareAtPrice: eur(3000), available: false, quantityAvailable: 0 })
    expect(MerchandiseSchema.safeParse(sale).success).toBe(true)
  })

  it('refuses an empty id or product id', () => {
    expect(paths(MerchandiseSchema.safeParse(merchandise({ id: '' })))).toEqual(['id'])
    expect(paths(MerchandiseSchema.safeParse(merchandise({ productId: '' })))).toEqual([
      'productId',
    ])
  })

  it('refuses a float price and a price without currency', () => {
    const float = MerchandiseSchema.safeParse(
      merchandise({ price: { amount: 25.5, currency: 'EUR' } }),
    )
    expect(paths(float)).toEqual(['price.amount'])
    const bare = MerchandiseSchema.safeParse({ ...merchandise(), price: { amount: 2500 } })
    expect(paths(bare)).toEqual(['price.currency'])
  })

  it('refuses negative or fractional stock', () => {
    expect(paths(MerchandiseSchema.safeParse(merchandise({ quantityAvailable: -1 })))).toEqual([
      'quantityAvailable',
    ])
    expect(paths(MerchandiseSchema.safeParse(merchandise({ quantityAvailable: 1.5 })))).toEqual([
      'quantityAvailable',
    ])
  })

  it('refuses a missing availability and an image without url', () => {
    const { available: _, ...withoutAvailable } = merchandise()
    expect(paths(MerchandiseSchema.safeParse(withoutAvailable))).toEqual(['available'])
    const noUrl = MerchandiseSchema.safeParse(merchandise({ image: { url: '' } }))
    expect(paths(noUrl)).toEqual(['image.url'])
  })
})

describe('LineQuantitySchema', () => {
  it('accepts whole quantities from 1 to the maximum', () => {
    expect(LineQuantitySchema.safeParse(1).success).toBe(true)
    expect(LineQuantitySchema.safeParse(MAX_LINE_QUANTITY).success).toBe(true)
  })

  it('refuses zero, negative, fractional, too large, NaN and string quantities', () => {
    for (const quantity of [0, -1, 1.5, MAX_LINE_QUANTITY + 1, Number.NaN, '2', Infinity]) {
      expect(LineQuantitySchema.safeParse(quantity).success, String(quantity)).toBe(false)
    }
  })
})

describe('AttributesSchema', () => {
  it('keeps string attributes and refuses other values', () => {
    expect(AttributesSchema.parse({ engraving: 'Ada' })).toEqual({ engraving: 'Ada' })
    expect(AttributesSchema.safeParse({ engraving: 3 }).success).toBe(false)
  })

  it('never keeps a __proto__ key, nor lets it change the prototype', () => {
    const parsed = AttributesSchema.parse(JSON.parse('{"__proto__":{"polluted":"yes"},"a":"b"}'))
    expect(Object.keys(parsed)).toEqual(['a'])
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('CartLineSchema', () => {
  it('accepts a line, with or without a backend id', () => {
    expect(CartLineSchema.parse(line())).toEqual(line())
    expect(CartLineSchema.safeParse(line({ id: null })).success).toBe(true)
  })

  it('refuses zero, negative and fractional quantities', () => {
    for (const quantity of [0, -2, 2.5]) {
      expect(paths(CartLineSchema.safeParse(line({ quantity })))).toEqual(['quantity'])
    }
  })

  it('refuses an empty key and a float cost', () => {
    expect(paths(CartLineSchema.safeParse(line({ key: '' })))).toEqual(['key'])
    const cost = {
      unitPrice: eur(2500),
      subtotal: { amount: 50.5, currency: 'EUR' },
      total: eur(5000),
    }
    expect(paths(CartLineSchema.safeParse(line({ cost })))).toEqual(['cost.subtotal.amount'])
  })

  it('refuses a line without merchandise', () => {
    const { merchandise: _, ...rest } = line()
    expect(paths(CartLineSchema.safeParse(rest))).toEqual(['merchandise'])
  })
})

describe('CartSnapshotSchema', () => {
  it('accepts a cart with lines, an empty cart, and a completed cart', () => {
    expect(CartSnapshotSchema.parse(snapshot())).toEqual(snapshot())
    expect(CartSnapshotSchema.safeParse(snapshot({ lines: [] })).success).toBe(true)
    expect(CartSnapshotSchema.safeParse(snapshot({ status: 'completed' })).success).toBe(true)
  })

  it('accepts email, note, attributes, discount codes and a tax', () => {
    const full = snapshot({
      email: 'ada@example.com',
      note: 'Gift wrap please',
      attributes: { channel: 'web' },
      discountCodes: [{ code: 'WELCOME10', applicable: true }],
      cost: { subtotal: eur(5000), total: eur(4500), discount: eur(500), tax: eur(900) },
    })
    expect(CartSnapshotSchema.safeParse(full).success).toBe(true)
  })

  it('refuses two lines with the same key', () => {
    const result = CartSnapshotSchema.safeParse(
      snapshot({ lines: [line({ id: 'line-1' }), line({ id: 'line-2' })] }),
    )
    expect(paths(result)).toEqual(['lines.1.key'])
    expect(messages(result)).toContain('duplicate line key variant-1')
  })

  it('refuses two lines with the same backend id', () => {
    const other = line({ merchandise: merchandise({ id: 'variant-2' }), id: 'line-1' })
    const result = CartSnapshotSchema.safeParse(snapshot({ lines: [line(), other] }))
    expect(paths(result)).toEqual(['lines.1.id'])
    expect(messages(result)).toContain('duplicate line id line-1')
  })

  it('allows several lines whose backend id is not known yet', () => {
    const other = line({ merchandise: merchandise({ id: 'variant-2' }), id: null })
    const result = CartSnapshotSchema.safeParse(snapshot({ lines: [line({ id: null }), other] }))
    expect(result.success).toBe(true)
  })

  it('refuses a line whose key does not match its merchandise and attributes', () => {
    const result = CartSnapshotSchema.safeParse(
      snapshot({ lines: [line({ attributes: { engraving: 'Ada' }, key: 'variant-1' })] }),
    )
    expect(paths(result)).toEqual(['lines.0.key'])
  })

  // DOMAIN R19: amounts are never mixed across currencies.
  it('refuses a line cost in another currency than the cart', () => {
    const cost = { unitPrice: eur(2500), subtotal: eur(5000), total: money(5000, 'USD') }
    const result = CartSnapshotSchema.safeParse(snapshot({ lines: [line({ cost })] }))
    expect(paths(result)).toEqual(['lines.0.cost.total'])
    expect(messages(result)).toContain('USD inside a EUR cart')
  })

  // DOMAIN R19
  it('refuses a cart cost in another currency than the cart', () => {
    const cost = { subtotal: eur(5000), total: eur(5000), discount: null, tax: money(9, 'NOK') }
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ cost })))).toEqual(['cost.tax'])
  })

  it('refuses missing lines and null lines', () => {
    const { lines: _, ...withoutLines } = snapshot()
    expect(paths(CartSnapshotSchema.safeParse(withoutLines))).toEqual(['lines'])
    expect(paths(CartSnapshotSchema.safeParse({ ...snapshot(), lines: null }))).toEqual(['lines'])
  })

  it('refuses a status other than active or completed', () => {
    for (const status of ['abandoned', 'ACTIVE', '', null]) {
      expect(paths(CartSnapshotSchema.safeParse({ ...snapshot(), status }))).toEqual(['status'])
    }
  })

  it('refuses a negative or fractional version', () => {
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ version: -1 })))).toEqual(['version'])
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ version: 1.5 })))).toEqual(['version'])
  })

  it('accepts ISO date-times with an offset', () => {
    for (const updatedAt of ['2026-11-23T10:00:00+01:00', '2024-02-29T23:59:59Z']) {
      expect(CartSnapshotSchema.safeParse(snapshot({ updatedAt })).success, updatedAt).toBe(true)
    }
  })

  it('refuses dates that are not ISO date-times', () => {
    for (const updatedAt of [
      'yesterday',
      '2026-11-23',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '23/11/2026 10:00',
      '',
    ]) {
      expect(paths(CartSnapshotSchema.safeParse(snapshot({ updatedAt }))), updatedAt).toEqual([
        'updatedAt',
      ])
    }
    const date = { ...snapshot(), updatedAt: new Date('2026-11-23T09:00:00Z') }
    expect(paths(CartSnapshotSchema.safeParse(date))).toEqual(['updatedAt'])
  })

  it('refuses a lower-case currency and an empty id', () => {
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ currency: 'eur' })))).toContain('currency')
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ id: '' })))).toEqual(['id'])
  })

  it('refuses an empty discount code', () => {
    const discountCodes = [{ code: '', applicable: false }]
    expect(paths(CartSnapshotSchema.safeParse(snapshot({ discountCodes })))).toEqual([
      'discountCodes.0.code',
    ])
  })
})

describe('parseCartSnapshot', () => {
  it('throws invalid_response naming the source and the first field at fault', async () => {
    const { parseCartSnapshot } = await import('./index.ts')
    const { isToteError } = await import('../errors/index.ts')
    let error: unknown
    try {
      parseCartSnapshot({ id: 'c1', lines: null }, 'the theme cart')
    } catch (caught) {
      error = caught
    }
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect((error as Error).message).toMatch(/^the theme cart does not fit Tote's model: /)
  })
})
