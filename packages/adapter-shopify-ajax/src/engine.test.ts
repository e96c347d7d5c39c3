import { createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { afterEach, describe, expect, it } from 'vitest'
import { nodeEnvironment } from '../../adapter-shopify/src/test/environment.ts'
import { createShopifyAjaxAdapter } from './index.ts'
import { type FakeTheme, sessionFetch, startFakeTheme } from './test/fake-theme.ts'
import { backend, catalogue, GIFT, MUG, TOTE } from './test/fixtures.ts'

// The sync engine of @tote/core over this adapter and the fake theme, through real HTTP.
let fake: FakeTheme | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function open() {
  const memory = backend()
  fake = await startFakeTheme({ backend: memory, catalogue: catalogue() })
  const adapter = createShopifyAjaxAdapter({ root: fake.root, fetch: sessionFetch() })
  const cart = createCart({ adapter, env: nodeEnvironment(), batchWindowMs: 0, recovery })
  return { cart, memory, theme: fake }
}

describe('createCart over the theme cart', () => {
  it('settles ten quick clicks at quantity 10 without doubling', async () => {
    const { cart, memory, theme } = await open()
    for (let click = 0; click < 10; click++) cart.add({ merchandiseId: GIFT })
    await cart.settled()
    const id = cart.$cart.get().id as string
    expect(memory.getCart(theme.backendId(id))?.lines.map((line) => line.quantity)).toEqual([10])
    expect(cart.$count.get()).toBe(10)
    expect(theme.requests.filter((line) => line.startsWith('POST')).length).toBeLessThanOrEqual(4)
    cart.destroy()
  })

  it('turns a 422 partial add into a notice and comes back to idle (never stuck)', async () => {
    const { cart } = await open()
    cart.add({ merchandiseId: MUG, quantity: 5 })
    await cart.settled()
    expect(cart.$count.get()).toBe(2)
    expect(cart.$notices.get().map((notice) => notice.code)).toContain('insufficient_stock')
    expect(cart.$status.get()).toEqual({ state: 'idle' })
    cart.destroy()
  })

  it('starts over in the new session cart after checkout, keeping unconfirmed changes (docs/domain.md R17)', async () => {
    const { cart, memory, theme } = await open()
    cart.add({ merchandiseId: TOTE })
    await cart.settled()
    const first = cart.$cart.get().id as string
    memory.completeCart(theme.backendId(first))
    cart.add({ merchandiseId: GIFT })
    await cart.settled()
    const second = cart.$cart.get().id as string
    expect(second).not.toBe(first)
    expect(
      memory.getCart(theme.backendId(second))?.lines.map((line) => line.merchandise.id),
    ).toContain(GIFT)
    expect(cart.$status.get()).toEqual({ state: 'idle' })
    cart.destroy()
  })

  it('opens a permalink: sold-out lines are not shown, lowered quantities are said (docs/domain.md R11, R12)', async () => {
    const { cart, memory } = await open()
    memory.sellOut(MUG)
    const report = await cart.openRecovery('/cart/101:2,102:1,103:1')
    await cart.settled()
    expect(cart.$lines.get().map((line) => [line.merchandiseId, line.quantity])).toEqual([
      [TOTE, 2],
      [GIFT, 1],
    ])
    expect(report.notices.map((notice) => [notice.code, notice.merchandiseId])).toEqual([
      ['out_of_stock', MUG],
    ])
    cart.destroy()
  })
})
