import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { requestErasure } from '../customers/index.ts'
import { createMemoryOutbox, type Outbox } from '../email/mailer.ts'
import { createToteServer } from '../server/index.ts'
import { postJson } from '../server/post-json.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'
import { carryOutErasures, purgeExpiredCarts } from './index.ts'

const DAY = 24 * 60 * 60_000
let storage: Storage
let shops = 0
beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

async function shopWithCart(email: string) {
  const clock = createManualClock()
  const server = await createToteServer({ storage, clock, shop: { id: `privacy-${++shops}` } })
  const post = postJson(server)
  const { cart } = await post('/v1/carts', {})
  await post(`/v1/carts/${cart.id}/email`, { email })
  const ctx = {
    shopId: server.shop.id,
    clock,
    cartLifetimeMs: 30 * DAY,
    expiredCartRetentionMs: DAY,
  }
  const storedEmail = async () =>
    (
      await storage.query<{ email: string | null }>('SELECT email FROM carts WHERE id = $1', [
        cart.id,
      ])
    ).rows[0]!.email
  return { ctx, cartId: cart.id as string, cartEmail: storedEmail }
}

describe('erasure requests', () => {
  it('stay pending while the mailer cannot forget, and are carried out by a later sweep', async () => {
    const { ctx, cartEmail } = await shopWithCart('ada@example.com')
    const [{ id }] = (
      await storage.query<{ id: string }>('SELECT id FROM customers WHERE shop_id = $1', [
        ctx.shopId,
      ])
    ).rows as [{ id: string }]
    const erasure = (await storage.transaction((tx) => requestErasure(tx, ctx, id)))!
    const outbox = createMemoryOutbox()
    let down = true
    const mailer: Outbox = {
      ...outbox,
      erase: async (address) => {
        if (down) throw new Error('outbox unavailable')
        return outbox.erase(address)
      },
    }
    expect(await carryOutErasures(storage, ctx, mailer)).toEqual([])
    expect(await cartEmail()).toBe('ada@example.com')
    down = false
    expect(await carryOutErasures(storage, ctx, mailer)).toEqual([erasure.id])
    expect(await cartEmail()).toBeNull()
    expect(await carryOutErasures(storage, ctx, mailer)).toEqual([])
  })
})

describe('the retention of expired carts', () => {
  it('removes the personal data the retention after expiry, not a moment before', async () => {
    const { ctx, cartEmail } = await shopWithCart('grace@example.com')
    ctx.clock.advance(31 * DAY - 1)
    expect(await purgeExpiredCarts(storage, ctx)).toBe(0)
    expect(await cartEmail()).toBe('grace@example.com')
    ctx.clock.advance(1)
    expect(await purgeExpiredCarts(storage, ctx)).toBe(1)
    expect(await cartEmail()).toBeNull()
    expect(await purgeExpiredCarts(storage, ctx)).toBe(0)
  })
})
