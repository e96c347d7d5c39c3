import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CartAdapter, CartOp, CartSnapshot, Merchandise } from '../adapter/index.ts'
import { isToteError } from '../errors/index.ts'
import { createCart } from './index.ts'

// A subscription is part of a line's identity: the same variant bought once and on a selling
// plan are two lines, from `add` to the ops an adapter receives and back.

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

/** A backend that keeps lines by the key the ops carry, and records every batch. */
function planAdapter(): CartAdapter & { writes: CartOp[][] } {
  let cart: CartSnapshot | null = null
  const writes: CartOp[][] = []
  const EUR = (amount: number) => ({ amount, currency: 'EUR' })
  function write(ops: readonly CartOp[]) {
    writes.push(ops.map((op) => ({ ...op })))
    let lines = cart?.lines ?? []
    for (const op of ops) {
      if (op.type !== 'setLine') continue
      lines = lines.filter((line) => line.key !== op.lineKey)
      if (op.quantity > 0) {
        const amount = coffee.price.amount * op.quantity
        lines.push({
          key: op.lineKey,
          id: `line-${op.lineKey}`,
          merchandise: coffee,
          quantity: op.quantity,
          attributes: op.attributes,
          ...(op.sellingPlanId ? { sellingPlanId: op.sellingPlanId } : {}),
          cost: { unitPrice: coffee.price, subtotal: EUR(amount), total: EUR(amount) },
        })
      }
    }
    const sum = lines.reduce((total, line) => total + line.cost.total.amount, 0)
    cart = {
      id: 'cart-1',
      version: (cart?.version ?? 0) + 1,
      status: 'active',
      currency: 'EUR',
      lines,
      cost: { subtotal: EUR(sum), total: EUR(sum), discount: null, tax: null },
      email: null,
      note: '',
      attributes: {},
      discountCodes: [],
      checkoutUrl: 'https://shop.example/checkout/cart-1',
      updatedAt: '2026-11-29T09:00:00.000Z',
    }
    return Promise.resolve({ cart, notices: [] })
  }
  return {
    name: 'plans',
    capabilities: {
      email: false,
      recovery: false,
      notes: false,
      attributes: false,
      discounts: false,
      idempotency: false,
      sellingPlans: true,
    },
    writes,
    create: (input) => write(input.ops),
    get: () => Promise.resolve(cart),
    apply: (_id, ops) => write(ops),
    captureEmail: () => Promise.reject(new Error('not here')),
    merchandise: () => Promise.resolve([coffee]),
    recover: () => Promise.reject(new Error('not here')),
  }
}

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('add({ sellingPlanId })', () => {
  it('keeps a one-time line and a subscription line of one variant apart, through the adapter', async () => {
    const adapter = planAdapter()
    const cart = createCart({ adapter, env: { storage: memoryStorage() } })
    const once = cart.add({ merchandiseId: 'coffee', quantity: 1 })
    const monthly = cart.add({
      merchandiseId: 'coffee',
      quantity: 2,
      sellingPlanId: 'plan-monthly',
    })
    expect(once).toBe('coffee')
    expect(monthly).toBe('coffee#plan-monthly')
    expect(cart.$lines.get().map((line) => [line.key, line.sellingPlanId, line.quantity])).toEqual([
      ['coffee', null, 1],
      ['coffee#plan-monthly', 'plan-monthly', 2],
    ])
    await cart.settled()
    const sent = adapter.writes.flat().filter((op) => op.type === 'setLine')
    expect(sent).toContainEqual(
      expect.objectContaining({ lineKey: 'coffee#plan-monthly', sellingPlanId: 'plan-monthly' }),
    )
    expect(sent.find((op) => op.lineKey === 'coffee')).not.toHaveProperty('sellingPlanId')

    // A quantity change on the subscription line leaves the one-time line alone, and the
    // op still carries the plan.
    cart.setQuantity(monthly, 5)
    await cart.settled()
    const last = adapter.writes.at(-1) ?? []
    expect(last).toEqual([
      expect.objectContaining({ lineKey: monthly, sellingPlanId: 'plan-monthly', quantity: 5 }),
    ])
    expect(cart.$lines.get().map((line) => [line.key, line.quantity, line.pending])).toEqual([
      ['coffee', 1, false],
      ['coffee#plan-monthly', 5, false],
    ])
    cart.destroy()
  })

  it('adds to the line of the same plan, and refuses an empty plan id before anything is sent', () => {
    const adapter = planAdapter()
    const cart = createCart({ adapter, env: { storage: memoryStorage() } })
    cart.add({ merchandiseId: 'coffee', sellingPlanId: 'p1' })
    cart.add({ merchandiseId: 'coffee', sellingPlanId: 'p1', quantity: 2 })
    expect(cart.$lines.get()).toEqual([
      expect.objectContaining({ key: 'coffee#p1', quantity: 3, sellingPlanId: 'p1' }),
    ])
    expect(() => cart.add({ merchandiseId: 'coffee', sellingPlanId: ' ' })).toThrow(/sellingPlanId/)
    cart.destroy()
  })

  it('refuses a selling plan with unsupported when the adapter has none', () => {
    const base = planAdapter()
    const adapter = { ...base, capabilities: { ...base.capabilities, sellingPlans: false } }
    const cart = createCart({ adapter, env: { storage: memoryStorage() } })
    let error: unknown
    try {
      cart.add({ merchandiseId: 'coffee', sellingPlanId: 'p1' })
    } catch (caught) {
      error = caught
    }
    expect(isToteError(error, 'unsupported')).toBe(true)
    expect(cart.$lines.get()).toEqual([])
    cart.destroy()
  })
})
