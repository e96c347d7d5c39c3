import { afterAll, describe, expect, it } from 'vitest'
import { type FakeTheme, sessionFetch, startFakeTheme } from '../test/fake-theme.ts'
import { backend, catalogue, ctx, MUG, setLine, TOTE } from '../test/fixtures.ts'
import { createShopifyAjaxAdapter } from './index.ts'

// One meaning of money (CartSnapshot.cost): subtotal before every discount, discount the sum
// of line and order discounts, total = subtotal − discount (+ tax when known).

const servers: FakeTheme[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

describe('money on the theme adapter', () => {
  it('subtotal − discounts = total on a cart with a line discount and an order discount', async () => {
    const fake = await startFakeTheme({
      backend: backend(),
      catalogue: catalogue(),
      lineDiscounts: { [TOTE]: 20 },
    })
    servers.push(fake)
    const adapter = createShopifyAjaxAdapter({ root: fake.root, fetch: sessionFetch() })
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
    expect(subtotal.amount).toBe(2 * 2900 + 1850)
    expect(subtotal.amount).toBe(
      cart.lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0),
    )
    expect(discount?.amount).toBe(1160 + 765)
    expect(subtotal.amount - (discount?.amount ?? 0) + (tax?.amount ?? 0)).toBe(total.amount)
    expect(cart.lines.find((line) => line.key === TOTE)?.cost.total.amount).toBe(5800 - 1160)
  })
})
