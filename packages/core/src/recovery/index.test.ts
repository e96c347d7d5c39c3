import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { createTranslator } from '../i18n/index.ts'
import { type LineAttributes, lineKey } from '../line-key/index.ts'
import { nb } from '../messages/nb.ts'
import {
  type CartLine,
  type CartSnapshot,
  type Merchandise,
  parseCartSnapshot,
} from '../model/index.ts'
import { type Money, money } from '../money/index.ts'
import { reconcileRecovery, recovery, titleOf } from './index.ts'

function merchandise(id: string, overrides: Partial<Merchandise> = {}): Merchandise {
  return {
    id,
    productId: `product-${id}`,
    productTitle: `Product ${id}`,
    title: '',
    image: null,
    options: [],
    price: money(1000, 'EUR'),
    compareAtPrice: null,
    available: true,
    quantityAvailable: null,
    ...overrides,
  }
}

function line(
  item: Merchandise,
  quantity: number,
  options: { unitPrice?: Money; attributes?: LineAttributes; total?: number } = {},
): CartLine {
  const unitPrice = options.unitPrice ?? item.price
  const attributes = options.attributes ?? {}
  const subtotal = money(unitPrice.amount * quantity, unitPrice.currency)
  return {
    key: lineKey(item.id, attributes),
    id: `line-${lineKey(item.id, attributes)}`,
    merchandise: item,
    quantity,
    attributes,
    cost: {
      unitPrice,
      subtotal,
      total: money(options.total ?? subtotal.amount, unitPrice.currency),
    },
  }
}

function cart(lines: CartLine[], currency = 'EUR'): CartSnapshot {
  const subtotal = lines.reduce((sum, l) => sum + l.cost.subtotal.amount, 0)
  const total = lines.reduce((sum, l) => sum + l.cost.total.amount, 0)
  return parseCartSnapshot({
    id: 'cart-1',
    version: 7,
    status: 'active',
    currency,
    lines,
    cost: {
      subtotal: money(subtotal, currency),
      total: money(total, currency),
      discount: null,
      tax: null,
    },
    email: 'ada@example.com',
    note: '',
    attributes: {},
    discountCodes: [],
    checkoutUrl: null,
    updatedAt: '2026-11-20T10:00:00Z',
  })
}

describe('reconcileRecovery', () => {
  it('removes a sold-out line and does not show it', () => {
    // docs/domain.md R11
    const mug = merchandise('mug', { productTitle: 'Mug' })
    const bowl = merchandise('bowl')
    const before = cart([line(mug, 2), line(bowl, 1)])
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: before,
      merchandise: [{ ...mug, available: false, quantityAvailable: 0 }, bowl],
    })
    expect(after.lines.map((l) => l.key)).toEqual(['bowl'])
    expect(after.cost.subtotal).toEqual(money(1000, 'EUR'))
    expect(after.cost.total).toEqual(money(1000, 'EUR'))
    expect(report.removed).toEqual([
      { lineKey: 'mug', merchandiseId: 'mug', title: 'Mug', quantity: 2, reason: 'out_of_stock' },
    ])
    expect(report.notices).toEqual([
      { code: 'out_of_stock', lineKey: 'mug', merchandiseId: 'mug', title: 'Mug', from: 2, to: 0 },
    ])
    expect(ops).toEqual([
      {
        type: 'setLine',
        merchandiseId: 'mug',
        attributes: {},
        quantity: 0,
        lineKey: 'mug',
        lineId: 'line-mug',
      },
    ])
    expect(() => parseCartSnapshot(after)).not.toThrow()
  })

  it('treats a tracked stock of zero as sold out', () => {
    // docs/domain.md R11
    const mug = merchandise('mug')
    const { cart: after, report } = reconcileRecovery({
      cart: cart([line(mug, 1)]),
      merchandise: [{ ...mug, quantityAvailable: 0 }],
    })
    expect(after.lines).toEqual([])
    expect(after.cost.subtotal).toEqual(money(0, 'EUR'))
    expect(report.counts).toEqual({ removed: 1, lowered: 0, repriced: 0, currencyChanged: 0 })
  })

  it('lowers a quantity to the stock left', () => {
    // docs/domain.md R12 (quantity lowered to what is left)
    const mug = merchandise('mug', { productTitle: 'Mug', title: 'Blue' })
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: cart([line(mug, 5)]),
      merchandise: [{ ...mug, quantityAvailable: 2 }],
    })
    expect(after.lines[0]?.quantity).toBe(2)
    expect(after.lines[0]?.cost.subtotal).toEqual(money(2000, 'EUR'))
    expect(after.lines[0]?.merchandise.quantityAvailable).toBe(2)
    expect(after.cost.total).toEqual(money(2000, 'EUR'))
    expect(report.lowered).toEqual([
      { lineKey: 'mug', merchandiseId: 'mug', title: 'Mug – Blue', from: 5, to: 2 },
    ])
    expect(report.notices).toEqual([
      {
        code: 'insufficient_stock',
        lineKey: 'mug',
        merchandiseId: 'mug',
        title: 'Mug – Blue',
        from: 5,
        to: 2,
      },
    ])
    expect(ops).toMatchObject([{ type: 'setLine', lineKey: 'mug', quantity: 2 }])
  })

  it('shares stock between lines of the same merchandise, in cart order', () => {
    // docs/domain.md R11, R12: 3 left for 2 + 2 wanted → the second line gets 1; with 2 left it goes.
    const mug = merchandise('mug')
    const engraved = { engraving: 'Ada' }
    const before = cart([line(mug, 2), line(mug, 2, { attributes: engraved })])
    const three = reconcileRecovery({
      cart: before,
      merchandise: [{ ...mug, quantityAvailable: 3 }],
    })
    expect(three.cart.lines.map((l) => [l.key, l.quantity])).toEqual([
      ['mug', 2],
      ['mug?engraving=Ada', 1],
    ])
    expect(three.report.lowered).toMatchObject([{ lineKey: 'mug?engraving=Ada', from: 2, to: 1 }])

    const two = reconcileRecovery({ cart: before, merchandise: [{ ...mug, quantityAvailable: 2 }] })
    expect(two.cart.lines.map((l) => l.key)).toEqual(['mug'])
    expect(two.report.removed).toMatchObject([
      { lineKey: 'mug?engraving=Ada', reason: 'out_of_stock' },
    ])
    expect(two.ops).toMatchObject([
      { lineKey: 'mug?engraving=Ada', attributes: engraved, quantity: 0 },
    ])
  })

  it('shows lines repriced up and down at the new price, old → new', () => {
    // docs/domain.md R12
    const mug = merchandise('mug', { productTitle: 'Mug' })
    const bowl = merchandise('bowl', { productTitle: 'Bowl', price: money(2000, 'EUR') })
    const before = cart([line(mug, 2), line(bowl, 1)])
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: before,
      merchandise: [
        { ...mug, price: money(1200, 'EUR') },
        { ...bowl, price: money(1500, 'EUR') },
      ],
    })
    expect(report.repriced).toEqual([
      {
        lineKey: 'mug',
        merchandiseId: 'mug',
        title: 'Mug',
        from: money(1000, 'EUR'),
        to: money(1200, 'EUR'),
      },
      {
        lineKey: 'bowl',
        merchandiseId: 'bowl',
        title: 'Bowl',
        from: money(2000, 'EUR'),
        to: money(1500, 'EUR'),
      },
    ])
    expect(report.notices.map((n) => n.code)).toEqual(['price_changed', 'price_changed'])
    // Each repriced line is sent at its own quantity, so the backend prices the cart again.
    expect(ops).toMatchObject([
      { type: 'setLine', lineKey: 'mug', quantity: 2 },
      { type: 'setLine', lineKey: 'bowl', quantity: 1 },
    ])
    expect(after.lines.map((l) => l.cost.unitPrice.amount)).toEqual([1200, 1500])
    // 2 × 12.00 + 1 × 15.00
    expect(after.cost.subtotal).toEqual(money(3900, 'EUR'))
    expect(after.cost.total).toEqual(money(3900, 'EUR'))
  })

  it('keeps a line discount as a share of the new price until the backend confirms', () => {
    // docs/domain.md R12: 10 % off 20.00 was 18.00; at 30.00 it estimates 27.00.
    const lamp = merchandise('lamp', { price: money(2000, 'EUR') })
    const { cart: after } = reconcileRecovery({
      cart: cart([line(lamp, 1, { total: 1800 })]),
      merchandise: [{ ...lamp, price: money(3000, 'EUR') }],
    })
    expect(after.lines[0]?.cost.total).toEqual(money(2700, 'EUR'))
    expect(after.cost.total).toEqual(money(2700, 'EUR'))
  })

  it('keeps a cart-level discount as a share of the new prices, and asks the backend to confirm', () => {
    // docs/domain.md R12: 10 % off 3 × 14.50 was 39.15; at 12.90 it estimates 34.83, not 34.35.
    const mug = merchandise('mug', { price: money(1450, 'EUR') })
    const before = cart([line(mug, 3)])
    const abandoned = { ...before, cost: { ...before.cost, total: money(3915, 'EUR') } }
    const { cart: after, ops } = reconcileRecovery({
      cart: abandoned,
      merchandise: [{ ...mug, price: money(1290, 'EUR') }],
    })
    expect(after.cost.subtotal).toEqual(money(3870, 'EUR'))
    expect(after.cost.total).toEqual(money(3483, 'EUR'))
    expect(ops).toMatchObject([{ type: 'setLine', lineKey: 'mug', quantity: 3 }])
  })

  it('removes a line whose merchandise left the catalogue', () => {
    // docs/domain.md R12 (a product removed from the catalogue → line removed, with a message)
    const mug = merchandise('mug', { productTitle: 'Mug', title: 'Red' })
    const bowl = merchandise('bowl')
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: cart([line(mug, 1), line(bowl, 3)]),
      merchandise: [bowl],
    })
    expect(after.lines.map((l) => l.key)).toEqual(['bowl'])
    expect(report.removed).toEqual([
      {
        lineKey: 'mug',
        merchandiseId: 'mug',
        title: 'Mug – Red',
        quantity: 1,
        reason: 'discontinued',
      },
    ])
    expect(report.notices).toMatchObject([{ code: 'discontinued', lineKey: 'mug' }])
    expect(ops).toMatchObject([{ lineKey: 'mug', quantity: 0 }])
  })

  it('reports a changed presentment currency once, never as price changes', () => {
    // docs/domain.md R19
    const mug = merchandise('mug')
    const bowl = merchandise('bowl', { price: money(2000, 'EUR') })
    const before = cart([line(mug, 2), line(bowl, 1)])
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: before,
      merchandise: [
        { ...mug, price: money(11_500, 'NOK') },
        { ...bowl, price: money(23_000, 'NOK') },
      ],
    })
    expect(report.currencyChanged).toEqual({ from: 'EUR', to: 'NOK' })
    expect(report.notices).toEqual([{ code: 'currency_changed', from: 'EUR', to: 'NOK' }])
    expect(report.repriced).toEqual([])
    expect(report.counts).toEqual({ removed: 0, lowered: 0, repriced: 0, currencyChanged: 1 })
    // Every line is sent at its quantity: the backend prices the cart in the new currency.
    expect(ops.map((op) => op.type === 'setLine' && [op.lineKey, op.quantity])).toEqual([
      ['mug', 2],
      ['bowl', 1],
    ])
    expect(after.currency).toBe('NOK')
    expect(after.lines.map((l) => l.cost.subtotal)).toEqual([
      money(23_000, 'NOK'),
      money(23_000, 'NOK'),
    ])
    expect(after.cost).toEqual({
      subtotal: money(46_000, 'NOK'),
      total: money(46_000, 'NOK'),
      discount: null,
      tax: null,
    })
    // Every amount of the cart is in one currency again.
    expect(() => parseCartSnapshot(after)).not.toThrow()
  })

  it('takes the presentment currency from the options when given', () => {
    // docs/domain.md R19
    const mug = merchandise('mug', { price: money(1100, 'USD') })
    const { report } = reconcileRecovery(
      { cart: cart([line(mug, 1, { unitPrice: money(1000, 'EUR') })]), merchandise: [mug] },
      { currency: 'USD' },
    )
    expect(report.notices).toEqual([{ code: 'currency_changed', from: 'EUR', to: 'USD' }])
  })

  it('rejects merchandise priced in several currencies', () => {
    // docs/domain.md R19: amounts are never mixed across currencies.
    const mug = merchandise('mug')
    const bowl = merchandise('bowl')
    let thrown: unknown
    try {
      reconcileRecovery({
        cart: cart([line(mug, 1), line(bowl, 1)]),
        merchandise: [mug, { ...bowl, price: money(5000, 'SEK') }],
      })
    } catch (error) {
      thrown = error
    }
    expect(isToteError(thrown, 'invalid_response')).toBe(true)
    expect((thrown as Error).message).toContain('EUR and SEK')
  })

  it('handles every kind of change at once, in line order', () => {
    // docs/domain.md R11, R12, R19
    const soldOut = merchandise('sold-out')
    const gone = merchandise('gone')
    const scarce = merchandise('scarce')
    const cheaper = merchandise('cheaper', { price: money(4000, 'EUR') })
    const same = merchandise('same', { price: money(250, 'EUR') })
    const before = cart([
      line(same, 4),
      line(soldOut, 1),
      line(scarce, 6),
      line(gone, 2),
      line(cheaper, 1),
    ])
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: before,
      merchandise: [
        same,
        { ...soldOut, available: false },
        { ...scarce, quantityAvailable: 4, price: money(1100, 'EUR') },
        { ...cheaper, price: money(3500, 'EUR') },
      ],
    })
    expect(report.notices.map((n) => [n.code, n.lineKey])).toEqual([
      ['out_of_stock', 'sold-out'],
      ['insufficient_stock', 'scarce'],
      ['price_changed', 'scarce'],
      ['discontinued', 'gone'],
      ['price_changed', 'cheaper'],
    ])
    expect(report.counts).toEqual({ removed: 2, lowered: 1, repriced: 2, currencyChanged: 0 })
    expect(ops.map((op) => op.type === 'setLine' && [op.lineKey, op.quantity])).toEqual([
      ['sold-out', 0],
      ['scarce', 4],
      ['gone', 0],
      ['cheaper', 1],
    ])
    expect(after.lines.map((l) => [l.key, l.quantity])).toEqual([
      ['same', 4],
      ['scarce', 4],
      ['cheaper', 1],
    ])
    // 4 × 2.50 + 4 × 11.00 + 1 × 35.00
    expect(after.cost.subtotal).toEqual(money(8900, 'EUR'))
    expect(after.cost.total).toEqual(money(8900, 'EUR'))
    expect(after.id).toBe('cart-1')
    expect(() => parseCartSnapshot(after)).not.toThrow()
  })

  it('keeps a cart-level discount while the lines change', () => {
    // docs/domain.md R12: 2 × 10.00 with 2.00 off the cart → 2 × 11.00 with 2.20 off (the
    // discount keeps its share until the backend confirms).
    const mug = merchandise('mug')
    const plain = cart([line(mug, 2)])
    const before: CartSnapshot = {
      ...plain,
      cost: { ...plain.cost, total: money(1800, 'EUR'), discount: money(200, 'EUR') },
    }
    const { cart: after } = reconcileRecovery({
      cart: before,
      merchandise: [{ ...mug, price: money(1100, 'EUR') }],
    })
    expect(after.cost).toEqual({
      subtotal: money(2200, 'EUR'),
      total: money(1980, 'EUR'),
      discount: money(220, 'EUR'),
      tax: null,
    })
  })

  it('handles sold out, discontinued and lowered lines together with a currency change', () => {
    // docs/domain.md R11, R12, R19: the repriced line is not reported, the currency change is.
    const soldOut = merchandise('sold-out')
    const gone = merchandise('gone')
    const scarce = merchandise('scarce')
    const other = merchandise('other')
    const {
      cart: after,
      ops,
      report,
    } = reconcileRecovery({
      cart: cart([line(gone, 1), line(scarce, 3), line(soldOut, 2), line(other, 1)]),
      merchandise: [
        { ...soldOut, available: false, price: money(11_000, 'NOK') },
        { ...scarce, quantityAvailable: 2, price: money(11_000, 'NOK') },
        { ...other, price: money(12_500, 'NOK') },
      ],
    })
    expect(report.notices.map((n) => [n.code, n.lineKey])).toEqual([
      ['currency_changed', undefined],
      ['discontinued', 'gone'],
      ['insufficient_stock', 'scarce'],
      ['out_of_stock', 'sold-out'],
    ])
    expect(report.counts).toEqual({ removed: 2, lowered: 1, repriced: 0, currencyChanged: 1 })
    expect(ops.map((op) => op.type === 'setLine' && [op.lineKey, op.quantity])).toEqual([
      ['gone', 0],
      ['scarce', 2],
      ['sold-out', 0],
      ['other', 1],
    ])
    // 2 × 110.00 + 1 × 125.00 kr
    expect(after.cost.subtotal).toEqual(money(34_500, 'NOK'))
    expect(() => parseCartSnapshot(after)).not.toThrow()
  })

  it('reconciles a 250-line cart', () => {
    // docs/domain.md R11, R12: per ten lines, one sold out, one discontinued, one lowered, one up, one down.
    const items = Array.from({ length: 250 }, (_, index) =>
      merchandise(`v${index}`, { price: money(1000 + index, 'EUR') }),
    )
    const before = cart(items.map((item) => line(item, 3)))
    const now: Merchandise[] = []
    items.forEach((item, index) => {
      const kind = index % 10
      if (kind === 0) now.push({ ...item, available: false })
      else if (kind === 2) now.push({ ...item, quantityAvailable: 1 })
      else if (kind === 3) now.push({ ...item, price: money(item.price.amount + 100, 'EUR') })
      else if (kind === 4) now.push({ ...item, price: money(item.price.amount - 100, 'EUR') })
      else if (kind !== 1) now.push(item)
    })
    const { cart: after, ops, report } = reconcileRecovery({ cart: before, merchandise: now })
    expect(report.counts).toEqual({ removed: 50, lowered: 25, repriced: 50, currencyChanged: 0 })
    expect(report.notices).toHaveLength(125)
    // 50 removed, 25 lowered, and the 50 repriced lines sent at their own quantity.
    expect(ops).toHaveLength(125)
    expect(after.lines).toHaveLength(200)
    // Before: Σ 3 × (1000 + i) for i < 250 = 3 × (250 000 + 31 125) = 843 375.
    // Removed (i ≡ 0, 1): 3 × Σ(1000 + i) over 50 lines = 3 × (50 000 + 6 025) = 168 075.
    // Lowered (i ≡ 2): 2 units fewer of 25 lines = 2 × (25 000 + 3 050) = 56 100.
    // Repriced: +3 × 100 × 25 − 3 × 100 × 25 = 0.
    expect(after.cost.subtotal.amount).toBe(843_375 - 168_075 - 56_100)
    expect(() => parseCartSnapshot(after)).not.toThrow()
  })

  it('changes nothing when nothing changed', () => {
    const mug = merchandise('mug', { quantityAvailable: 10 })
    const before = cart([line(mug, 3)])
    const { cart: after, ops, report } = reconcileRecovery({ cart: before, merchandise: [mug] })
    expect(after).toEqual(before)
    expect(ops).toEqual([])
    expect(report.notices).toEqual([])
    expect(report.currencyChanged).toBeNull()
  })

  it('gives notices a translator can word', () => {
    // docs/domain.md R11: "a message says the cart changed".
    const mug = merchandise('mug', { productTitle: 'Mug' })
    const { report } = reconcileRecovery({
      cart: cart([line(mug, 1)]),
      merchandise: [{ ...mug, available: false }],
    })
    const t = createTranslator({ locale: 'nb-NO', messages: nb })
    expect(report.notices.map((n) => t.formatNotice(n))).toEqual([
      'Mug er utsolgt og ble fjernet fra handlekurven.',
    ])
  })

  it('rejects a malformed result or currency, naming the argument', () => {
    expect(() => reconcileRecovery({} as never)).toThrow(/^result: /)
    const mug = merchandise('mug')
    expect(() =>
      reconcileRecovery({ cart: cart([line(mug, 1)]), merchandise: [mug] }, { currency: 'eur' }),
    ).toThrow(/^options\.currency: /)
  })
})

describe('recovery', () => {
  it('is the module createCart takes, reconciling with reconcileRecovery', () => {
    expect(recovery.reconcile).toBe(reconcileRecovery)
  })
})

describe('titleOf', () => {
  it('names the variant after the product when it has its own title', () => {
    expect(titleOf({ productTitle: 'Mug', title: 'Blue' })).toBe('Mug – Blue')
    expect(titleOf({ productTitle: 'Mug', title: '' })).toBe('Mug')
    expect(titleOf({ productTitle: 'Mug', title: 'Mug' })).toBe('Mug')
    expect(titleOf({ productTitle: '', title: 'Blue' })).toBe('Blue')
  })
})
