import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { postJson } from '../server/post-json.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'
import {
  addOrderNote,
  type BillingAddress,
  getMerchantOrder,
  setBillingAddress,
  setOrderTags,
} from './index.ts'

let storage: Storage
let shops = 0
beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

const address: BillingAddress = {
  name: 'Ada Lovelace',
  company: null,
  line1: '12 St James’s Square',
  line2: null,
  city: 'London',
  region: null,
  postalCode: 'SW1Y 4JH',
  country: 'GB',
  phone: null,
}

async function placeOrder() {
  const clock = createManualClock()
  const server = await createToteServer({ storage, clock, shop: { id: `orders-${++shops}` } })
  const post = postJson(server)
  const { cart } = await post('/v1/carts', {
    ops: [
      {
        type: 'setLine',
        merchandiseId: 'dot-notebook-a5',
        attributes: {},
        quantity: 1,
        lineKey: 'dot-notebook-a5',
        lineId: null,
      },
    ],
  })
  const { order } = await post(`/v1/carts/${cart.id}/complete`, {})
  return { ctx: { shopId: server.shop.id, clock }, orderId: order.id as string }
}

describe('orders', () => {
  it('take a billing address once: set, unchanged, then locked (docs/domain.md R20)', async () => {
    const { ctx, orderId } = await placeOrder()
    expect(await setBillingAddress(storage, ctx, orderId, address)).toBe('set')
    expect(await setBillingAddress(storage, ctx, orderId, { ...address })).toBe('unchanged')
    expect(await setBillingAddress(storage, ctx, orderId, { ...address, city: 'Paris' })).toBe(
      'locked',
    )
    expect(await setBillingAddress(storage, ctx, 'order_missing', address)).toBe('not_found')
    expect((await getMerchantOrder(storage, ctx.shopId, orderId))?.billingAddress).toEqual(address)
  })

  it('record tag changes by tag, whatever the case, and notes, oldest first (R18, R21)', async () => {
    const { ctx, orderId } = await placeOrder()
    await setOrderTags(storage, ctx, orderId, ['Gift', 'rush'])
    ctx.clock.advance(1000)
    await setOrderTags(storage, ctx, orderId, ['GIFT'])
    await addOrderNote(storage, ctx, orderId, 'wrapped')
    expect(await addOrderNote(storage, ctx, 'order_missing', 'x')).toBeNull()
    expect(await setOrderTags(storage, ctx, 'order_missing', [])).toBe(false)
    const order = (await getMerchantOrder(storage, ctx.shopId, orderId))!
    expect(order.tags).toEqual(['GIFT'])
    expect(order.timeline.map((event) => [event.type, event.data])).toEqual([
      ['order_placed', { total: { amount: 990, currency: 'EUR' }, recovered: false }],
      ['tag_added', { tag: 'Gift' }],
      ['tag_added', { tag: 'rush' }],
      ['tag_removed', { tag: 'rush' }],
      ['note_added', { text: 'wrapped' }],
    ])
  })
})
