import { describe, expect, it } from 'vitest'
import { lineKey } from '../line-key/index.ts'
import type { CartLine, CartSnapshot, Merchandise } from '../model/index.ts'
import { parseCartSnapshot } from '../model/index.ts'
import { reconcileRecovery } from './index.ts'

// Recovery keeps each line's selling plan: a subscription line lowered to the stock left is
// still a subscription line, apart from the one-time line of the same variant.

const coffee: Merchandise = {
  id: 'coffee',
  productId: 'coffee-product',
  productTitle: 'Coffee beans',
  title: '1 kg',
  image: null,
  options: [],
  price: { amount: 2000, currency: 'EUR' },
  compareAtPrice: null,
  available: true,
  quantityAvailable: null,
}

function line(quantity: number, sellingPlanId?: string): CartLine {
  const key = lineKey(coffee.id, {}, sellingPlanId)
  const amount = coffee.price.amount * quantity
  return {
    key,
    id: `line-${key}`,
    merchandise: coffee,
    quantity,
    attributes: {},
    ...(sellingPlanId ? { sellingPlanId } : {}),
    cost: {
      unitPrice: coffee.price,
      subtotal: { amount, currency: 'EUR' },
      total: { amount, currency: 'EUR' },
    },
  }
}

describe('recovery and selling plans', () => {
  it('keeps the plan on the lines and on the ops it sends', () => {
    const lines = [line(1), line(4, 'monthly')]
    const total = lines.reduce((sum, item) => sum + item.cost.total.amount, 0)
    const abandoned: CartSnapshot = parseCartSnapshot({
      id: 'cart-1',
      version: 1,
      status: 'active',
      currency: 'EUR',
      lines,
      cost: {
        subtotal: { amount: total, currency: 'EUR' },
        total: { amount: total, currency: 'EUR' },
        discount: null,
        tax: null,
      },
      email: null,
      note: '',
      attributes: {},
      discountCodes: [],
      checkoutUrl: null,
      updatedAt: '2026-11-29T09:00:00.000Z',
    })
    const { cart, ops } = reconcileRecovery({
      cart: abandoned,
      merchandise: [{ ...coffee, quantityAvailable: 3 }],
    })
    expect(cart.lines.map((item) => [item.key, item.sellingPlanId ?? null])).toEqual([
      ['coffee', null],
      ['coffee#monthly', 'monthly'],
    ])
    const planned = ops.find((op) => op.type === 'setLine' && op.lineKey === 'coffee#monthly')
    expect(planned).toMatchObject({ sellingPlanId: 'monthly', merchandiseId: 'coffee' })
  })
})
