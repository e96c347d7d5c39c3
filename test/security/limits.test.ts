// Limits with clear errors, over HTTP on 127.0.0.1, on embedded storage and on PostgreSQL:
// lines per cart (422 cart_too_large), note and attribute sizes (400), per-client rate limits
// on cart creation, writes and email capture (429 with Retry-After), and what the sync engine
// makes of them through @tote/adapter-rest. Each refused request stores nothing.
import { createRestAdapter } from '@tote/adapter-rest'
import { createCart } from '@tote/core'
import { type AdapterContext, isToteError } from '@tote/core/adapter'
import { DEFAULT_CART_LIMITS } from '@tote/server'
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { createBrowser } from '../support/env.ts'
import { listeningShop, MINUTE, setLine } from './listening-shop.ts'

const lines = (count: number, from = 0) =>
  Array.from({ length: count }, (_, index) =>
    setLine('dot-notebook-a5', 1, { n: String(from + index) }),
  )

const ctx = (key = 'k'): AdapterContext => ({
  signal: new AbortController().signal,
  idempotencyKey: key,
})

describeOnEachStorage('tote_sec_limits', (label, storage) => {
  it(`holds at most 500 lines per cart: the 501st is refused with 422 cart_too_large (${label})`, async () => {
    const shop = await listeningShop(storage())
    expect(DEFAULT_CART_LIMITS.lines).toBe(500)
    const cartId = await shop.cart(lines(250))
    const full = await shop.call('POST', `/v1/carts/${cartId}/ops`, { ops: lines(250, 250) })
    expect(full.status).toBe(200)
    expect(full.body.cart.lines).toHaveLength(500)
    const before = await shop.stored()
    const more = await shop.call('POST', `/v1/carts/${cartId}/ops`, { ops: lines(1, 500) })
    expect(more.status).toBe(422)
    expect(more.body).toMatchObject({
      code: 'cart_too_large',
      details: { cartId, maxLines: 500, lines: 501 },
    })
    // Replacing a line (one out, one in) keeps the count and is taken.
    expect(await shop.stored()).toEqual(before)
    const swap = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 0, { n: '0' }), ...lines(1, 500)],
    })
    expect(swap.status).toBe(200)
    expect(swap.body.cart.lines).toHaveLength(500)
  })

  it(`takes the configured limits, and keeps a cart over a lowered limit writable (${label})`, async () => {
    const shop = await listeningShop(storage(), { limits: { lines: 5 } })
    const cartId = await shop.cart(lines(5))
    const before = await shop.stored()
    const create = await shop.call('POST', '/v1/carts', { ops: lines(6) })
    expect(create.status).toBe(422)
    expect(create.body).toMatchObject({ code: 'cart_too_large', details: { maxLines: 5 } })
    expect(await shop.stored()).toEqual(before)
    // The same shop with a lower limit: the cart over it can lose lines, not gain any.
    const { createToteServer } = await import('@tote/server')
    const lower = await createToteServer({
      storage: storage(),
      clock: shop.clock,
      shop: shop.server.shop,
      seedDemo: false,
      sweepIntervalMs: 0,
      limits: { lines: 3 },
    })
    const post = (ops: unknown[]) =>
      lower.fetch(
        new Request(`http://127.0.0.1/v1/carts/${cartId}/ops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ops }),
        }),
      )
    expect((await post(lines(1, 10))).status).toBe(422)
    expect(await shop.stored()).toEqual(before)
    const fewer = await post([setLine('dot-notebook-a5', 0, { n: '0' })])
    expect(fewer.status).toBe(200)
    expect((await fewer.json()).cart.lines).toHaveLength(4)
  })

  it(`refuses a note or attributes over their sizes with 400 naming the field (${label})`, async () => {
    const shop = await listeningShop(storage())
    const small = await listeningShop(storage(), {
      limits: { noteLength: 10, attributes: 2, attributeNameLength: 4, attributeValueLength: 5 },
    })
    const cases: [typeof shop, unknown, string][] = [
      [shop, { type: 'setNote', note: 'x'.repeat(5001) }, 'ops.0.note'],
      [small, { type: 'setNote', note: 'x'.repeat(11) }, 'ops.0.note'],
      [
        shop,
        { type: 'setAttributes', attributes: { ['k'.repeat(257)]: 'v' } },
        `ops.0.attributes.${'k'.repeat(257)}`,
      ],
      [shop, { type: 'setAttributes', attributes: { k: 'v'.repeat(2049) } }, 'ops.0.attributes.k'],
      [
        shop,
        {
          type: 'setAttributes',
          attributes: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
        },
        'ops.0.attributes',
      ],
      [
        small,
        { type: 'setAttributes', attributes: { a: '1', b: '2', c: '3' } },
        'ops.0.attributes',
      ],
      [small, { type: 'setAttributes', attributes: { abcde: '1' } }, 'ops.0.attributes.abcde'],
      [small, { type: 'setAttributes', attributes: { a: '123456' } }, 'ops.0.attributes.a'],
      [small, setLine('dot-notebook-a5', 1, { a: '123456' }), 'ops.0.attributes.a'],
    ]
    for (const [target, op, path] of cases) {
      const cartId = await target.cart()
      const before = await target.stored()
      const answer = await target.call('POST', `/v1/carts/${cartId}/ops`, { ops: [op] })
      expect(answer.status, path).toBe(400)
      expect(answer.body.code).toBe('invalid_request')
      expect(answer.body.details.issues[0].path).toBe(path)
      expect(await target.stored()).toEqual(before)
    }
    const fits = await small.call('POST', `/v1/carts/${await small.cart()}/ops`, {
      ops: [{ type: 'setNote', note: 'x'.repeat(10) }],
    })
    expect(fits.status).toBe(200)
  })

  it(`rate-limits cart creation, writes and email capture per client with 429 and Retry-After (${label})`, async () => {
    const shop = await listeningShop(storage(), {
      rateLimits: { createCart: 2, writes: 3, captureEmail: 2 },
    })
    const cartId = await shop.cart()
    await shop.cart()
    let before = await shop.stored()
    const created = await shop.call('POST', '/v1/carts', { ops: [] })
    expect(created.status).toBe(429)
    expect(created.body.code).toBe('rate_limited')
    expect(Number(created.headers.get('retry-after'))).toBe(60)
    expect(await shop.stored()).toEqual(before)

    for (let i = 1; i <= 3; i++) {
      const write = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
        ops: [setLine('dot-notebook-a5', i)],
      })
      expect(write.status).toBe(200)
    }
    before = await shop.stored()
    const write = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 9)],
    })
    expect(write.status).toBe(429)
    expect(Number(write.headers.get('retry-after'))).toBeGreaterThan(0)
    const complete = await shop.call('POST', `/v1/carts/${cartId}/complete`, {})
    expect(complete.status).toBe(429)
    expect(await shop.stored()).toEqual(before)

    for (const email of ['a@example.com', 'b@example.com']) {
      expect((await shop.call('POST', `/v1/carts/${cartId}/email`, { email })).status).toBe(200)
    }
    before = await shop.stored()
    const email = await shop.call('POST', `/v1/carts/${cartId}/email`, { email: 'c@example.com' })
    expect(email.status).toBe(429)
    expect(email.body.details.retryAfterMs).toBeGreaterThan(0)
    expect(await shop.stored()).toEqual(before)

    // Reads are not limited, and the window reopens.
    expect((await shop.call('GET', `/v1/carts/${cartId}`)).status).toBe(200)
    shop.clock.advance(MINUTE)
    expect((await shop.call('POST', '/v1/carts', { ops: [] })).status).toBe(201)
    expect((await shop.call('POST', `/v1/carts/${cartId}/ops`, { ops: [] })).status).toBe(400)
  })

  it(`counts each client apart behind a trusted proxy (${label})`, async () => {
    const shop = await listeningShop(storage(), { rateLimits: { createCart: 1 }, trustProxy: 1 })
    const from = (address: string) => ({ 'x-forwarded-for': address })
    expect((await shop.call('POST', '/v1/carts', {}, from('203.0.113.1'))).status).toBe(201)
    expect((await shop.call('POST', '/v1/carts', {}, from('203.0.113.2'))).status).toBe(201)
    expect((await shop.call('POST', '/v1/carts', {}, from('203.0.113.1'))).status).toBe(429)
  })

  it(`gives the adapter rate_limited with retryAfterMs, and cart_too_large as a rejection (${label})`, async () => {
    const shop = await listeningShop(storage(), {
      limits: { lines: 2 },
      rateLimits: { createCart: 1 },
    })
    const adapter = createRestAdapter({ baseUrl: shop.url })
    const { cart } = await adapter.create({ ops: [] }, ctx('create-1'))
    const limited = await adapter.create({ ops: [] }, ctx('create-2')).catch((error) => error)
    expect(isToteError(limited)).toBe(true)
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 60_000 })
    const tooLarge = await adapter
      .apply(cart.id, lines(3) as never, ctx('apply-1'))
      .catch((error) => error)
    expect(tooLarge).toMatchObject({
      code: 'rejected',
      status: 422,
      details: { serverCode: 'cart_too_large', maxLines: 2 },
    })
  })

  it(`rolls back lines past the limit in the storefront, with a notice (${label})`, async () => {
    const shop = await listeningShop(storage(), { limits: { lines: 2 } })
    const cart = createCart({
      adapter: createRestAdapter({ baseUrl: shop.url }),
      env: createBrowser().tab().env,
      locale: 'en',
    })
    try {
      cart.add({ merchandiseId: 'canvas-tote-natural', quantity: 1 })
      cart.add({ merchandiseId: 'dot-notebook-a5', quantity: 1 })
      await cart.settled()
      expect(cart.$lines.get()).toHaveLength(2)
      cart.add({ merchandiseId: 'riso-poster-a3', quantity: 1 })
      await cart.settled()
      expect(cart.$lines.get().map((line) => line.merchandiseId)).toEqual([
        'canvas-tote-natural',
        'dot-notebook-a5',
      ])
      expect(cart.$notices.get()).toEqual([
        expect.objectContaining({ code: 'rejected', merchandiseId: 'riso-poster-a3' }),
      ])
    } finally {
      cart.destroy()
    }
  })
})
