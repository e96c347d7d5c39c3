import type { CartOp } from '@tote/core/adapter'
import { afterAll, describe, expect, it } from 'vitest'
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
})
