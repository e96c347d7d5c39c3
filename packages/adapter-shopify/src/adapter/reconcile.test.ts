import { lineKey } from '@tote/core/adapter'
import type { GraphQLEnumType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { toSnapshot } from '../mapping/index.ts'
import type { Cart, Line, UserError, Warning } from '../schemas/index.ts'
import { storefrontSchema } from '../test/schema.ts'
import {
  buildNotices,
  type LinePlan,
  type NoticeSources,
  reconcileLines,
  WARNING_NOTICES,
  warningNotice,
} from './reconcile.ts'

const V1 = 'gid://shopify/ProductVariant/1'
const V2 = 'gid://shopify/ProductVariant/2'
const eur = (amount: string) => ({ amount, currencyCode: 'EUR' })

function line(id: string, merchandiseId: string, quantity: number, available = 10): Line {
  return {
    id,
    quantity,
    attributes: [],
    cost: {
      amountPerQuantity: eur('10.0'),
      subtotalAmount: eur(String(10 * quantity)),
      totalAmount: eur(String(10 * quantity)),
    },
    discountAllocations: [],
    merchandise: {
      id: merchandiseId,
      title: 'Default Title',
      availableForSale: available > 0,
      quantityAvailable: available,
      price: eur('10.0'),
      compareAtPrice: null,
      image: null,
      selectedOptions: [],
      product: {
        id: `gid://shopify/Product/${merchandiseId.slice(-1)}`,
        title: `Product ${merchandiseId.slice(-1)}`,
      },
    },
  }
}

function cart(lines: Line[], discountCodes: Cart['discountCodes'] = []): Cart {
  return {
    id: 'gid://shopify/Cart/c1',
    checkoutUrl: 'https://shop.example/checkout',
    updatedAt: '2026-01-01T00:00:00Z',
    note: null,
    totalQuantity: lines.reduce((sum, item) => sum + item.quantity, 0),
    attributes: [],
    buyerIdentity: { email: null, countryCode: null },
    discountCodes,
    discountAllocations: [],
    cost: { subtotalAmount: eur('0.0'), totalAmount: eur('0.0') },
    lines: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: lines },
  }
}

function plan(merchandiseId: string, quantity: number): LinePlan {
  return {
    key: lineKey(merchandiseId),
    merchandiseId,
    attributes: {},
    sellingPlanId: null,
    quantity,
    lineId: null,
  }
}

function sources(overrides: Partial<NoticeSources> & { lines: Line[] }): NoticeSources {
  const { lines, ...rest } = overrides
  return {
    plans: [],
    cart: toSnapshot(cart(lines), lines),
    warnings: [],
    userErrors: [],
    addErrors: new Map(),
    seenLines: new Map(lines.map((item) => [item.id, item])),
    requestedCodes: null,
    ...rest,
  }
}

const warning = (code: string, target: string): Warning => ({ code, message: code, target })

describe('warning codes', () => {
  const enumType = storefrontSchema().getType('CartWarningCode') as GraphQLEnumType
  const schemaCodes = enumType.getValues().map((value) => value.name)

  it('lists every CartWarningCode of the pinned schema, and only those', () => {
    expect(Object.keys(WARNING_NOTICES).sort()).toEqual([...schemaCodes].sort())
  })

  it.each(schemaCodes.filter((code) => code.startsWith('DISCOUNT_')))(
    '%s becomes discount_rejected, naming the refused code',
    (code) => {
      const lines = [line('l1', V1, 1)]
      const snapshot = toSnapshot(cart(lines, [{ code: 'SPRING', applicable: false }]), lines)
      const notices = buildNotices(
        sources({ lines, cart: snapshot, warnings: [warning(code, 'gid://shopify/Cart/c1')] }),
      )
      expect(notices).toEqual([{ code: 'discount_rejected', discountCode: 'SPRING' }])
    },
  )

  it.each([
    'DUPLICATE_DELIVERY_ADDRESS',
    'PAYMENTS_GIFT_CARDS_UNAVAILABLE',
    'MERCHANDISE_SELLING_PLAN_NOT_APPLICABLE_ON_COMPANY_LOCATION',
  ])('%s gives no notice', (code) => {
    const lines = [line('l1', V1, 1)]
    expect(buildNotices(sources({ lines, warnings: [warning(code, 'l1')] }))).toEqual([])
  })

  it('reads an unknown DISCOUNT_ code added later as discount_rejected, anything else as nothing', () => {
    expect(warningNotice('DISCOUNT_SOMETHING_NEW')).toBe('discount_rejected')
    expect(warningNotice('SOMETHING_NEW')).toBeNull()
    expect(warningNotice('__proto__')).toBeNull()
  })

  it('MERCHANDISE_NOT_ENOUGH_STOCK on a targeted line: insufficient_stock from the target', () => {
    const lines = [line('l1', V1, 2, 2)]
    const notices = buildNotices(
      sources({
        lines,
        plans: [plan(V1, 5)],
        warnings: [warning('MERCHANDISE_NOT_ENOUGH_STOCK', 'l1')],
      }),
    )
    expect(notices).toEqual([
      {
        code: 'insufficient_stock',
        lineKey: V1,
        merchandiseId: V1,
        title: 'Product 1',
        from: 5,
        to: 2,
      },
    ])
  })

  it('MERCHANDISE_OUT_OF_STOCK on a targeted line that is gone: out_of_stock', () => {
    const gone = line('l2', V2, 1, 0)
    const notices = buildNotices({
      ...sources({
        lines: [],
        plans: [plan(V2, 1)],
        warnings: [warning('MERCHANDISE_OUT_OF_STOCK', 'l2')],
      }),
      seenLines: new Map([['l2', gone]]),
    })
    expect(notices).toEqual([
      { code: 'out_of_stock', lineKey: V2, merchandiseId: V2, title: 'Product 2', from: 1, to: 0 },
    ])
  })

  it('MERCHANDISE_OUT_OF_STOCK targeting the merchandise itself is understood too', () => {
    const notices = buildNotices(
      sources({
        lines: [],
        plans: [plan(V2, 1)],
        warnings: [warning('MERCHANDISE_OUT_OF_STOCK', V2)],
      }),
    )
    expect(notices).toEqual([
      expect.objectContaining({ code: 'out_of_stock', lineKey: V2, from: 1, to: 0 }),
    ])
  })

  it('stock warnings on lines the batch did not target are reported once', () => {
    const lines = [line('l1', V1, 1), line('l2', V2, 3, 3)]
    const notices = buildNotices(
      sources({
        lines,
        warnings: [
          warning('MERCHANDISE_OUT_OF_STOCK', 'l1'),
          warning('MERCHANDISE_NOT_ENOUGH_STOCK', 'l2'),
          warning('MERCHANDISE_NOT_ENOUGH_STOCK', 'l2'),
        ],
      }),
    )
    expect(notices).toEqual([
      { code: 'out_of_stock', lineKey: V1, merchandiseId: V1, title: 'Product 1' },
      { code: 'insufficient_stock', lineKey: V2, merchandiseId: V2, title: 'Product 2', to: 3 },
    ])
  })
})

describe('user errors and unmet targets', () => {
  const refusal = (message: string, code = 'INVALID'): UserError => ({
    code,
    field: ['lines', '0', 'merchandiseId'],
    message,
  })

  it('a refused addition that says sold out is out_of_stock', () => {
    const error = refusal("The product 'Print' is already sold out.")
    const notices = buildNotices(
      sources({
        lines: [],
        plans: [plan(V1, 1)],
        userErrors: [error],
        addErrors: new Map([[V1, error]]),
      }),
    )
    expect(notices).toEqual([expect.objectContaining({ code: 'out_of_stock', lineKey: V1 })])
  })

  it.each([
    'MERCHANDISE_NOT_APPLICABLE',
    'INVALID_MERCHANDISE_LINE',
    'VARIANT_REQUIRES_SELLING_PLAN',
  ])('a refused addition with %s is rejected', (code) => {
    const error = refusal('Cannot add this item.', code)
    const notices = buildNotices(
      sources({
        lines: [],
        plans: [plan(V1, 1)],
        userErrors: [error],
        addErrors: new Map([[V1, error]]),
      }),
    )
    expect(notices).toEqual([
      expect.objectContaining({ code: 'rejected', lineKey: V1, from: 1, to: 0 }),
    ])
  })

  it.each([
    ['NOTE_TOO_LONG', ['note']],
    ['INVALID', ['attributes', '0', 'key']],
    ['SERVICE_UNAVAILABLE', null],
  ])('%s on %j is a rejected notice without a line', (code, field) => {
    const notices = buildNotices(
      sources({
        lines: [],
        userErrors: [{ code, field: field as string[] | null, message: 'no' }],
      }),
    )
    expect(notices).toEqual([{ code: 'rejected' }])
  })

  it('a refused discount code field is reported by the code check, not twice', () => {
    const lines = [line('l1', V1, 1)]
    const snapshot = toSnapshot(cart(lines, [{ code: 'NOPE', applicable: false }]), lines)
    const notices = buildNotices(
      sources({
        lines,
        cart: snapshot,
        requestedCodes: ['NOPE'],
        userErrors: [
          { code: 'MISSING_DISCOUNT_CODE', field: ['discountCodes', '0'], message: 'no' },
        ],
      }),
    )
    expect(notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
  })

  it('a line short of its target without a stock signal is quantity_adjusted', () => {
    const lines = [line('l1', V1, 2, 50)]
    expect(buildNotices(sources({ lines, plans: [plan(V1, 3)] }))).toEqual([
      expect.objectContaining({ code: 'quantity_adjusted', from: 3, to: 2 }),
    ])
  })

  it('a line that should be gone but is still there is rejected', () => {
    const lines = [line('l1', V1, 2)]
    expect(buildNotices(sources({ lines, plans: [plan(V1, 0)] }))).toEqual([
      expect.objectContaining({ code: 'rejected', from: 0, to: 2 }),
    ])
  })
})

describe('reconcileLines', () => {
  const none = {
    soldOut: new Set<string>(),
    stockLimited: new Set<string>(),
    refused: new Set<string>(),
  }

  it.each([
    ['a missing line is added', [plan(V1, 2)], [], none, { add: [V1], update: [], remove: [] }],
    [
      'a merged add above the target is set back',
      [plan(V1, 2)],
      [{ id: 'l1', key: V1, quantity: 4 }],
      none,
      { add: [], update: [{ id: 'l1', quantity: 2, key: V1 }], remove: [] },
    ],
    [
      'lines sharing a key fold into the first',
      [plan(V1, 3)],
      [
        { id: 'l1', key: V1, quantity: 1 },
        { id: 'l2', key: V1, quantity: 2 },
      ],
      none,
      { add: [], update: [{ id: 'l1', quantity: 3, key: V1 }], remove: ['l2'] },
    ],
    [
      'a line clamped to stock is not raised again',
      [plan(V1, 5)],
      [{ id: 'l1', key: V1, quantity: 2 }],
      { ...none, stockLimited: new Set([V1]) },
      { add: [], update: [], remove: [] },
    ],
    [
      'a refused addition is not retried',
      [plan(V1, 1)],
      [],
      { ...none, refused: new Set([V1]) },
      { add: [], update: [], remove: [] },
    ],
    [
      'a sold-out line the batch wanted is removed',
      [plan(V1, 1)],
      [{ id: 'l1', key: V1, quantity: 1 }],
      { ...none, soldOut: new Set([V1]) },
      { add: [], update: [], remove: ['l1'] },
    ],
    [
      'a target of 0 removes every line of the key',
      [plan(V1, 0)],
      [
        { id: 'l1', key: V1, quantity: 1 },
        { id: 'l2', key: V1, quantity: 1 },
      ],
      none,
      { add: [], update: [], remove: ['l1', 'l2'] },
    ],
  ])('%s', (_name, plans, current, signals, expected) => {
    const changes = reconcileLines(plans, current, signals)
    expect({ ...changes, add: changes.add.map((item) => item.key) }).toEqual(expected)
  })
})
