import { lineKey } from '@tote/core/adapter'
import { afterAll, describe, expect, it } from 'vitest'
import { type FakeStorefront, startFakeStorefront } from '../test/fake-storefront.ts'
import { backend, ctx, MUG, setLine, TOTE } from '../test/fixtures.ts'
import { createShopifyAdapter } from './index.ts'

// One meaning of money (CartSnapshot.cost): subtotal before every discount, discount the sum
// of line and order discounts, total = subtotal − discount (+ tax when known).

const servers: FakeStorefront[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

describe('money on the Storefront adapter', () => {
  it('subtotal − discounts = total on a cart with a line discount and an order discount', async () => {
    const fake = await startFakeStorefront({ backend: backend(), lineDiscounts: { [TOTE]: 20 } })
    servers.push(fake)
    const adapter = createShopifyAdapter({
      storeDomain: fake.origin,
      publicAccessToken: fake.token,
    })
    const { cart } = await adapter.create(
      {
        ops: [
          setLine(TOTE, 2),
          setLine(MUG, 1),
          { type: 'setDiscountCodes', codes: ['WELCOME10'] },
        ],
      },
      ctx(),
    )
    const { subtotal, discount, total, tax } = cart.cost
    // The subtotal is the lines' prices before any discount: 2 × 29.00 + 18.50.
    expect(subtotal.amount).toBe(2 * 2900 + 1850)
    expect(subtotal.amount).toBe(
      cart.lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0),
    )
    // 20 % off the totes (11.60) and 10 % off the order (7.65).
    expect(discount?.amount).toBe(1160 + 765)
    expect(subtotal.amount - (discount?.amount ?? 0) + (tax?.amount ?? 0)).toBe(total.amount)
    const tote = cart.lines.find((line) => line.key === lineKey(TOTE))
    expect(tote?.cost.total.amount).toBe(5800 - 1160)
  })
})
