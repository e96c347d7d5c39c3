import { type CartSnapshot, lineKey } from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import type { LinePlan } from '../plan/index.ts'
import { buildNotices, classifyRefusal } from './index.ts'

describe('classifyRefusal', () => {
  it.each([
    ["The product 'Rare print' is already sold out.", 'out_of_stock'],
    ['Only 2 items were added to your cart.', 'insufficient_stock'],
    ['Only 1 item was added to your cart.', 'insufficient_stock'],
    ['The maximum quantity of this item is already in your cart.', 'insufficient_stock'],
    ["You can't add more Speckled mug to the cart.", 'insufficient_stock'],
    ['All 2 Speckled mug are in your cart.', 'insufficient_stock'],
    ['Cannot find variant', null],
    ['', null],
  ])('%j → %s', (description, code) => {
    expect(classifyRefusal(description)).toBe(code)
  })
})

const eur = (amount: number) => ({ amount, currency: 'EUR' })

function cartWith(quantities: Record<string, number>): CartSnapshot {
  return {
    id: 't',
    version: 1,
    status: 'active',
    currency: 'EUR',
    lines: Object.entries(quantities).map(([id, quantity]) => ({
      key: lineKey(id),
      id: `${id}:h`,
      merchandise: {
        id,
        productId: 'p',
        productTitle: `Product ${id}`,
        title: '',
        image: null,
        options: [],
        price: eur(100),
        compareAtPrice: null,
        available: true,
        quantityAvailable: null,
      },
      quantity,
      attributes: {},
      cost: { unitPrice: eur(100), subtotal: eur(100 * quantity), total: eur(100 * quantity) },
    })),
    cost: { subtotal: eur(0), total: eur(0), discount: null, tax: null },
    email: null,
    note: '',
    attributes: {},
    discountCodes: [{ code: 'NOPE', applicable: false }],
    checkoutUrl: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
  }
}

const plan = (id: string, quantity: number): LinePlan => ({
  key: lineKey(id),
  merchandiseId: id,
  attributes: {},
  quantity,
  itemKey: null,
})

describe('buildNotices', () => {
  it('names the product of a sold-out refusal when the line is not in the cart', () => {
    const wanted = plan('7', 1)
    const notices = buildNotices({
      plans: [wanted],
      meta: {},
      cart: cartWith({}),
      refusals: new Map([[wanted.key, "The product 'Rare print' is already sold out."]]),
      adds: [wanted],
      batchAddRefusal: null,
    })
    expect(notices).toEqual([
      {
        code: 'out_of_stock',
        lineKey: '7',
        merchandiseId: '7',
        title: 'Rare print',
        from: 1,
        to: 0,
      },
    ])
  })

  it('gives the refusal of a batched add to each of its lines left short', () => {
    const a = plan('1', 5)
    const b = plan('2', 1)
    const notices = buildNotices({
      plans: [a, b],
      meta: {},
      cart: cartWith({ '1': 3, '2': 1 }),
      refusals: new Map(),
      adds: [a, b],
      batchAddRefusal: 'Only 3 items were added to your cart.',
    })
    expect(notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: '1', from: 5, to: 3 }),
    ])
  })

  it.each([
    [plan('1', 0), { '1': 2 }, 'rejected'],
    [plan('1', 2), { '1': 3 }, 'quantity_adjusted'],
    [plan('1', 3), { '1': 2 }, 'quantity_adjusted'],
    [plan('1', 1), {}, 'rejected'],
  ] as const)(
    'an unmet target without a refusal: %j in %j gives %s',
    (wanted, quantities, code) => {
      const notices = buildNotices({
        plans: [wanted],
        meta: {},
        cart: cartWith(quantities),
        refusals: new Map(),
        adds: [],
        batchAddRefusal: null,
      })
      expect(notices.map((notice) => notice.code)).toEqual([code])
    },
  )

  it('reports requested discount codes that do not apply', () => {
    const notices = buildNotices({
      plans: [],
      meta: { discountCodes: ['NOPE', 'GONE'] },
      cart: cartWith({}),
      refusals: new Map(),
      adds: [],
      batchAddRefusal: null,
    })
    expect(notices).toEqual([
      { code: 'discount_rejected', discountCode: 'NOPE' },
      { code: 'discount_rejected', discountCode: 'GONE' },
    ])
  })
})
