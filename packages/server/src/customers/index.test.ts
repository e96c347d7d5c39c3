import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { postJson } from '../server/post-json.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'
import {
  decodeCursor,
  deleteCustomers,
  getCustomer,
  listCustomers,
  requestErasure,
  updateCustomer,
} from './index.ts'

let storage: Storage
let shops = 0
beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

/** A shop with one profile per address (captured on a cart each), a minute apart. */
async function shopWith(...emails: string[]) {
  const clock = createManualClock()
  const server = await createToteServer({ storage, clock, shop: { id: `customers-${++shops}` } })
  const post = postJson(server)
  const ids: string[] = []
  const carts: string[] = []
  for (const email of emails) {
    const { cart } = await post('/v1/carts', {})
    await post(`/v1/carts/${cart.id}/email`, { email })
    const { rows } = await storage.query<{ id: string }>(
      'SELECT id FROM customers WHERE shop_id = $1 AND email_normalized = $2',
      [server.shop.id, email.toLowerCase()],
    )
    ids.push(rows[0]!.id)
    carts.push(cart.id)
    clock.advance(60_000)
  }
  const ctx = { shopId: server.shop.id, clock }
  return { server, ctx, ids, carts, post }
}

describe('customer profiles', () => {
  it('page through a search with a cursor that only this list reads', async () => {
    const { ctx } = await shopWith('ann1@shop.test', 'bob@shop.test', 'ANN2@shop.test')
    const first = await listCustomers(storage, ctx.shopId, { query: 'ann', limit: 1 })
    expect(first.customers.map((customer) => customer.email)).toEqual(['ANN2@shop.test'])
    const second = await listCustomers(storage, ctx.shopId, {
      query: 'ANN',
      limit: 5,
      cursor: first.nextCursor!,
    })
    expect(second.customers.map((customer) => customer.email)).toEqual(['ann1@shop.test'])
    expect(second.nextCursor).toBeNull()
    expect(decodeCursor('bm90IGpzb24')).toBeNull()
    expect(decodeCursor(Buffer.from('["yesterday","x"]').toString('base64url'))).toBeNull()
  })

  it('keep one spelling per tag and leave the note alone when only tags change', async () => {
    const { ctx, ids } = await shopWith('ada@example.com')
    await updateCustomer(storage, ctx, ids[0]!, { note: 'prefers email' })
    const profile = await updateCustomer(storage, ctx, ids[0]!, { tags: ['VIP', 'vip', 'Vip '] })
    expect(profile).toMatchObject({ tags: ['VIP'], note: 'prefers email' })
    expect(await updateCustomer(storage, ctx, 'cus_missing', { note: 'x' })).toBeNull()
  })

  it('are kept while an erasure is pending, and a second request returns the first', async () => {
    const { ctx, ids } = await shopWith('ada@example.com', 'grace@example.com')
    const first = await storage.transaction((tx) => requestErasure(tx, ctx, ids[0]!))
    const again = await storage.transaction((tx) => requestErasure(tx, ctx, ids[0]!))
    expect(again).toEqual(first)
    expect(await storage.transaction((tx) => requestErasure(tx, ctx, 'cus_missing'))).toBeNull()
    const result = await storage.transaction((tx) =>
      deleteCustomers(tx, ctx.shopId, [ids[0]!, ids[1]!, ids[1]!]),
    )
    expect(result).toEqual({
      deleted: [ids[1]],
      kept: [{ id: ids[0], reasons: ['erasure_pending'] }],
      notFound: [],
    })
    expect((await getCustomer(storage, ctx.shopId, ids[0]!))?.erasure?.status).toBe('pending')
  })
})
