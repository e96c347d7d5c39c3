import { createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { afterEach, describe, expect, it } from 'vitest'
import { createShopifyAdapter } from './index.ts'
import { nodeEnvironment } from './test/environment.ts'
import { type FakeStorefront, startFakeStorefront } from './test/fake-storefront.ts'
import { backend, GIFT, MUG, SOLD_OUT, TOTE } from './test/fixtures.ts'

// The sync engine of @tote/core over this adapter and the fake Storefront, through real HTTP.
let fake: FakeStorefront | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

const backendId = (cartId: string) =>
  cartId.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, '')

async function open() {
  const memory = backend()
  fake = await startFakeStorefront({ backend: memory })
  const adapter = createShopifyAdapter({ storeDomain: fake.origin, publicAccessToken: fake.token })
  const cart = createCart({ adapter, env: nodeEnvironment(), batchWindowMs: 0, recovery })
  return { cart, memory, storefront: fake }
}

describe('createCart over the Storefront API', () => {
  it('settles ten quick clicks at quantity 10 in a few requests', async () => {
    const { cart, memory, storefront } = await open()
    for (let click = 0; click < 10; click++) cart.add({ merchandiseId: GIFT })
    await cart.settled()
    const id = cart.$cart.get().id as string
    expect(memory.getCart(backendId(id))?.lines.map((line) => line.quantity)).toEqual([10])
    expect(cart.$count.get()).toBe(10)
    expect(storefront.requests.length).toBeLessThanOrEqual(4)
    cart.destroy()
  })

  it('clamps to stock with a notice and comes back to idle', async () => {
    const { cart } = await open()
    cart.add({ merchandiseId: MUG, quantity: 5 })
    await cart.settled()
    expect(cart.$count.get()).toBe(2)
    expect(cart.$notices.get().map((notice) => notice.code)).toContain('insufficient_stock')
    expect(cart.$status.get()).toEqual({ state: 'idle' })
    cart.destroy()
  })

  it('starts a new cart when the old one was completed (docs/domain.md R17)', async () => {
    const { cart, memory } = await open()
    cart.add({ merchandiseId: TOTE })
    await cart.settled()
    const first = cart.$cart.get().id as string
    memory.completeCart(backendId(first))
    cart.add({ merchandiseId: GIFT })
    await cart.settled()
    const second = cart.$cart.get().id as string
    expect(second).not.toBe(first)
    expect(memory.getCart(backendId(second))?.lines.map((line) => line.merchandise.id)).toContain(
      GIFT,
    )
    cart.destroy()
  })

  it('opens a permalink: sold-out lines are not shown, with a notice (docs/domain.md R11)', async () => {
    const { cart } = await open()
    const report = await cart.openRecovery('https://shop.example/cart/101:2,104:1')
    await cart.settled()
    expect(cart.$lines.get().map((line) => [line.merchandiseId, line.quantity])).toEqual([
      [TOTE, 2],
    ])
    expect(report.notices.map((notice) => [notice.code, notice.merchandiseId])).toEqual([
      ['out_of_stock', SOLD_OUT],
    ])
    cart.destroy()
  })

  it('opens a link it cannot read with invalid_recovery_link and keeps a usable cart', async () => {
    const { cart } = await open()
    await expect(cart.openRecovery('https://shop.example/products/tote')).rejects.toMatchObject({
      code: 'invalid_recovery_link',
    })
    cart.add({ merchandiseId: GIFT })
    await cart.settled()
    expect(cart.$count.get()).toBe(1)
    cart.destroy()
  })
})
