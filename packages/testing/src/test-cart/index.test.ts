import { describe, expect, it } from 'vitest'
import { createTestCart } from './index.ts'

describe('createTestCart', () => {
  it('returns a cart with the given lines confirmed by the memory backend', async () => {
    const { cart, backend } = createTestCart({ lines: { 'pin-fox': 2, 'mug-speckled': 1 } })
    expect(cart.$cart.get()).toMatchObject({ count: 3, pending: true })
    await cart.settled()
    expect(cart.$cart.get()).toMatchObject({ count: 3, pending: false })
    expect(
      backend.getCart(cart.$cart.get().id!)!.lines.map((line) => [line.key, line.quantity]),
    ).toEqual([
      ['pin-fox', 2],
      ['mug-speckled', 1],
    ])
    cart.destroy()
  })

  it('starts empty, in memory only, without a request', async () => {
    const { cart, adapter } = createTestCart()
    await cart.settled()
    expect(cart.$count.get()).toBe(0)
    expect(adapter.calls).toEqual([])
    cart.destroy()
  })
})
