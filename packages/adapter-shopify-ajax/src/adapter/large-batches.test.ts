import { type CartOp, lineKey, ToteArgumentError } from '@tote/core'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_CART_LINES } from '../plan/index.ts'
import { type FakeTheme, sessionFetch, startFakeTheme } from '../test/fake-theme.ts'
import { backend, catalogue, ctx, GIFT, setLine } from '../test/fixtures.ts'
import { createShopifyAjaxAdapter } from './index.ts'

const servers: FakeTheme[] = []

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

async function setup() {
  const memory = backend()
  const fake = await startFakeTheme({ backend: memory, catalogue: catalogue() })
  servers.push(fake)
  const adapter = createShopifyAjaxAdapter({ root: fake.root, fetch: sessionFetch() })
  return { fake, memory, adapter }
}

/** Line `n`: the untracked gift card with its own property, so every `n` is its own line. */
const line = (n: number, quantity = 1, lineId: string | null = null): CartOp =>
  setLine(GIFT, quantity, { n: String(n) }, lineId)
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => from + index)

describe('large batches on the theme cart', () => {
  it('sends 300 new lines in one add.js (no documented per-request limit)', async () => {
    const { adapter, fake } = await setup()
    const { cart, notices } = await adapter.create(
      { ops: range(0, 300).map((n) => line(n, 2)) },
      ctx(),
    )
    expect(fake.requests).toEqual(['POST /cart/add.js', 'GET /cart.js'])
    expect(fake.bodies[0]?.items).toHaveLength(300)
    expect(notices).toEqual([])
    expect(cart.lines).toHaveLength(300)
    expect(cart.lines.every((item) => item.quantity === 2)).toBe(true)
  })

  it(`refuses a batch asking for more than ${MAX_CART_LINES} lines before any request`, async () => {
    const { adapter, fake } = await setup()
    const { cart } = await adapter.create({ ops: [line(0)] }, ctx())
    fake.requests.length = 0
    const ops = range(0, MAX_CART_LINES + 1).map((n) => line(n))
    for (const write of [
      () => adapter.create({ ops }, ctx()),
      () => adapter.apply(cart.id, ops, ctx()),
    ]) {
      const error = await write().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ToteArgumentError)
      expect(error).toMatchObject({
        code: 'invalid_argument',
        argument: 'ops',
        details: { lines: 501, limit: 500 },
      })
      expect((error as Error).message).toBe(
        'ops: the batch asks for 501 cart lines; a Shopify cart holds at most 500',
      )
    }
    expect(fake.requests).toEqual([])
  })

  it('does not count lines the batch removes', async () => {
    const { adapter } = await setup()
    const created = await adapter.create({ ops: range(0, 20).map((n) => line(n)) }, ctx())
    const ids = new Map(created.cart.lines.map((item) => [item.attributes.n, item.id as string]))
    const ops = [
      ...range(0, 20).map((n) => line(n, 0, ids.get(String(n)) ?? null)),
      ...range(20, MAX_CART_LINES + 20).map((n) => line(n)),
    ]
    const { cart, notices } = await adapter.apply(created.cart.id, ops, ctx())
    expect(notices).toEqual([])
    expect(cart.lines).toHaveLength(MAX_CART_LINES)
    expect(cart.lines.some((item) => item.key === lineKey(GIFT, { n: '0' }))).toBe(false)
  })
})
