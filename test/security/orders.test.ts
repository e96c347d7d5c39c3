// The merchant's order API (docs/domain.md R18, R20, R21) over HTTP on 127.0.0.1, on embedded
// storage and on PostgreSQL: tags, a billing address set once, a staff-only timeline.
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { openShop } from './merchant-shop.ts'

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
}

async function placeOrder(shop: Awaited<ReturnType<typeof openShop>>) {
  const cartId = await shop.newCart()
  await shop.captureEmail(cartId, 'ada@example.com')
  return (await shop.complete(cartId)).id
}

describeOnEachStorage('tote_sec_orders', (label, storage) => {
  const storedTags = async (orderId: string) =>
    (
      await storage().query<{ tag: string }>(
        'SELECT tag FROM order_tags WHERE order_id = $1 ORDER BY position',
        [orderId],
      )
    ).rows.map((row) => row.tag)

  it(`tags orders with at most 40 characters, compared case-insensitively (R18, ${label})`, async () => {
    const shop = await openShop(storage())
    const orderId = await placeOrder(shop)

    const tagged = await shop.merchant('PATCH', `/v1/merchant/orders/${orderId}`, {
      tags: ['Gift', 'GIFT', 'rush', 'g'.repeat(40)],
    })
    expect(tagged.status).toBe(200)
    expect(tagged.body.order.tags).toEqual(['Gift', 'rush', 'g'.repeat(40)])

    const tooLong = await shop.merchant('PATCH', `/v1/merchant/orders/${orderId}`, {
      tags: ['ok', 'g'.repeat(41)],
    })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.code).toBe('invalid_request')
    expect(tooLong.body.details.issues).toEqual([
      { path: 'tags.1', code: 'custom', message: 'a tag has at most 40 characters, got 41' },
    ])
    expect(await storedTags(orderId)).toEqual(['Gift', 'rush', 'g'.repeat(40)])

    // Another spelling of a tag it has is no change; a tag left out is removed.
    const retagged = await shop.merchant('PATCH', `/v1/merchant/orders/${orderId}`, {
      tags: ['gift', 'Packed'],
    })
    expect(retagged.body.order.tags).toEqual(['gift', 'Packed'])
    const listed = await shop.merchant('GET', '/v1/merchant/orders?tag=GIFT')
    expect(listed.status).toBe(200)
    expect(listed.body.orders.map((order: { id: string }) => order.id)).toEqual([orderId])
    expect((await shop.merchant('GET', '/v1/merchant/orders?tag=rush')).body.orders).toEqual([])

    const events = (await shop.merchant('GET', `/v1/merchant/orders/${orderId}`)).body.order
      .timeline
    expect(
      events.map((event: { type: string; data: unknown }) => [event.type, event.data]),
    ).toEqual([
      ['order_placed', { total: { amount: 2400, currency: 'EUR' }, recovered: false }],
      ['tag_added', { tag: 'Gift' }],
      ['tag_added', { tag: 'rush' }],
      ['tag_added', { tag: 'g'.repeat(40) }],
      ['tag_added', { tag: 'Packed' }],
      ['tag_removed', { tag: 'rush' }],
      ['tag_removed', { tag: 'g'.repeat(40) }],
    ])
  })

  it(`sets a billing address once and refuses to change it with 409 billing_address_locked (R20, ${label})`, async () => {
    const shop = await openShop(storage())
    const orderId = await placeOrder(shop)
    const path = `/v1/merchant/orders/${orderId}/billing-address`

    const set = await shop.merchant('PUT', path, ADDRESS)
    expect(set.status).toBe(200)
    const stored = {
      ...ADDRESS,
      company: null,
      line2: null,
      region: null,
      phone: null,
    }
    expect(set.body.order.billingAddress).toEqual(stored)
    // The same address again changes nothing.
    expect((await shop.merchant('PUT', path, { ...ADDRESS, line2: '' })).status).toBe(200)

    const changed = await shop.merchant('PUT', path, { ...ADDRESS, city: 'Paris', country: 'FR' })
    expect(changed.status).toBe(409)
    expect(changed.body).toEqual({
      code: 'billing_address_locked',
      message: "This order's billing address is set and cannot be changed",
      details: { orderId },
    })
    const row = async () =>
      (await storage().query('SELECT billing_address FROM orders WHERE id = $1', [orderId])).rows[0]
    expect(await row()).toEqual({ billing_address: stored })

    // The database keeps the rule too, whatever code runs.
    await expect(
      storage().query(`UPDATE orders SET billing_address = '{"name":"x"}'::jsonb WHERE id = $1`, [
        orderId,
      ]),
    ).rejects.toThrow(/already set/)
    await expect(
      storage().query('UPDATE orders SET billing_address = NULL WHERE id = $1', [orderId]),
    ).rejects.toThrow(/already set/)
    expect(await row()).toEqual({ billing_address: stored })

    const invalid = await shop.merchant('PUT', path, { ...ADDRESS, country: 'gb' })
    expect(invalid.status).toBe(400)
    expect(invalid.body.code).toBe('invalid_request')
    const missing = await shop.merchant(
      'PUT',
      '/v1/merchant/orders/order_nope/billing-address',
      ADDRESS,
    )
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('order_not_found')

    const timeline = (await shop.merchant('GET', `/v1/merchant/orders/${orderId}`)).body.order
      .timeline
    expect(timeline.map((event: { type: string }) => event.type)).toEqual([
      'order_placed',
      'billing_address_set',
    ])
  })

  it(`keeps a timeline of events that only merchant routes show (R21, ${label})`, async () => {
    const shop = await openShop(storage())
    const cartId = await shop.newCart()
    await shop.captureEmail(cartId, 'ada@example.com')
    const placed = await shop.call('POST', `/v1/carts/${cartId}/complete`, {})
    expect(placed.status).toBe(201)
    const orderId = placed.body.order.id
    expect(Object.keys(placed.body.order).sort()).toEqual([
      'cartId',
      'createdAt',
      'id',
      'recovered',
      'total',
    ])

    shop.clock.advance(5 * 60_000)
    const secret = 'NOTE-5b1e: called about a late parcel'
    const note = await shop.merchant('POST', `/v1/merchant/orders/${orderId}/notes`, {
      text: secret,
    })
    expect(note.status).toBe(201)
    expect(note.body.event).toMatchObject({
      type: 'note_added',
      at: '2026-01-05T09:05:00.000Z',
      data: { text: secret },
    })
    await shop.merchant('PATCH', `/v1/merchant/orders/${orderId}`, { tags: ['TAG-SECRET-3'] })

    const order = await shop.merchant('GET', `/v1/merchant/orders/${orderId}`)
    expect(order.status).toBe(200)
    expect(
      order.body.order.timeline.map((event: { type: string; at: string }) => [
        event.type,
        event.at,
      ]),
    ).toEqual([
      ['order_placed', '2026-01-05T09:00:00.000Z'],
      ['note_added', '2026-01-05T09:05:00.000Z'],
      ['tag_added', '2026-01-05T09:05:00.000Z'],
    ])

    // Not for shoppers: the cart, a replayed checkout, and the token-less merchant route.
    for (const answer of [
      await shop.call('GET', `/v1/carts/${cartId}`),
      await shop.call('POST', `/v1/carts/${cartId}/complete`, {}),
      await shop.call('GET', `/v1/merchant/orders/${orderId}`),
    ]) {
      expect(answer.text).not.toContain('NOTE-5b1e')
      expect(answer.text).not.toContain('TAG-SECRET-3')
      expect(answer.text).not.toContain('timeline')
    }
    expect((await shop.call('GET', `/v1/merchant/orders/${orderId}`)).status).toBe(401)
    expect(
      (await shop.call('POST', `/v1/merchant/orders/${orderId}/notes`, { text: 'x' })).status,
    ).toBe(401)
    expect(
      (
        await storage().query('SELECT count(*)::int AS n FROM order_events WHERE order_id = $1', [
          orderId,
        ])
      ).rows,
    ).toEqual([{ n: 3 }])

    for (const text of ['', '   ', 'x'.repeat(5001)]) {
      const refused = await shop.merchant('POST', `/v1/merchant/orders/${orderId}/notes`, { text })
      expect(refused.status).toBe(400)
    }
    expect((await shop.merchant('GET', '/v1/merchant/orders/order_nope')).status).toBe(404)
  })
})
