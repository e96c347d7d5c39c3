import { type CartAdapter, isToteError, lineKey, ToteAdapterError } from '@tote/core/adapter'
import type { MemoryBackend } from '@tote/testing'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { type FakeTheme, sessionFetch, startFakeTheme } from '../test/fake-theme.ts'
import {
  backend,
  catalogue,
  ctx,
  GIFT,
  MUG,
  SOLD_OUT,
  setLine,
  TOTE,
  TOTE_BLACK,
} from '../test/fixtures.ts'
import { createShopifyAjaxAdapter, type ShopifyAjaxAdapterOptions } from './index.ts'

const servers: FakeTheme[] = []

async function setup(options: Omit<ShopifyAjaxAdapterOptions, 'root' | 'fetch'> = {}) {
  const memory: MemoryBackend = backend()
  const fake = await startFakeTheme({ backend: memory, catalogue: catalogue() })
  servers.push(fake)
  const adapter = createShopifyAjaxAdapter({ root: fake.root, fetch: sessionFetch(), ...options })
  return { fake, memory, adapter }
}

async function rejection(promise: Promise<unknown>): Promise<ToteAdapterError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ToteAdapterError) return error
    throw error
  }
  throw new Error('expected a rejection')
}

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

describe('createShopifyAjaxAdapter', () => {
  let fake: FakeTheme
  let memory: MemoryBackend
  let adapter: CartAdapter

  beforeEach(async () => {
    ;({ fake, memory, adapter } = await setup())
  })

  it('adds lines with add.js and reads the cart in cents as minor units', async () => {
    const { cart, notices } = await adapter.create(
      { ops: [setLine(TOTE, 2, { engraving: 'Ada' }), setLine(GIFT, 1)] },
      ctx(),
    )
    expect(fake.requests).toEqual(['POST /cart/add.js', 'GET /cart.js'])
    expect(cart.id).toMatch(/^hWN/)
    expect(cart.currency).toBe('EUR')
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([
      [lineKey(TOTE, { engraving: 'Ada' }), 2],
      [GIFT, 1],
    ])
    const tote = cart.lines[0]
    expect(tote?.id).toMatch(/^101:/)
    expect(tote?.attributes).toEqual({ engraving: 'Ada' })
    expect(tote?.cost).toEqual({
      unitPrice: { amount: 2900, currency: 'EUR' },
      subtotal: { amount: 5800, currency: 'EUR' },
      total: { amount: 5800, currency: 'EUR' },
    })
    expect(tote?.merchandise).toMatchObject({
      id: TOTE,
      productTitle: 'Linen tote',
      title: 'Natural',
      image: { url: 'https://cdn.example/tote.png', alt: 'A tote' },
    })
    expect(cart.cost.total).toEqual({ amount: 10800, currency: 'EUR' })
    expect(cart.checkoutUrl).toBe(`${fake.root}checkout`)
    expect(notices).toEqual([])
  })

  it('sets absolute quantities by line item key with update.js in one request', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1), setLine(GIFT, 1)] }, ctx())
    const tote = cart.lines.find((line) => line.key === TOTE)
    fake.requests.length = 0
    const result = await adapter.apply(
      cart.id,
      [setLine(TOTE, 4, {}, tote?.id ?? null), { type: 'setNote', note: 'Door code 42' }],
      ctx(),
    )
    expect(fake.requests).toEqual(['POST /cart/update.js'])
    expect(fake.bodies.at(-1)).toEqual({
      updates: { [tote?.id as string]: 4 },
      note: 'Door code 42',
    })
    expect(result.cart.lines.find((line) => line.key === TOTE)?.quantity).toBe(4)
    expect(result.cart.note).toBe('Door code 42')
  })

  it('never doubles a line: an add for a key already in the cart is corrected to the target', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 2)] }, ctx())
    const again = await adapter.apply(cart.id, [setLine(TOTE, 3)], ctx())
    expect(again.cart.lines.map((line) => line.quantity)).toEqual([3])
    const twice = await adapter.apply(cart.id, [setLine(TOTE, 3)], ctx())
    expect(twice.cart.lines.map((line) => line.quantity)).toEqual([3])
    expect(twice.notices).toEqual([])
  })

  it('keeps the same variant with other properties on its own line (the merge rule)', async () => {
    const { cart } = await adapter.create(
      { ops: [setLine(TOTE, 1, { engraving: 'Ada' }), setLine(TOTE, 1)] },
      ctx(),
    )
    expect(cart.lines.map((line) => line.key)).toEqual([lineKey(TOTE, { engraving: 'Ada' }), TOTE])
    expect(new Set(cart.lines.map((line) => line.id)).size).toBe(2)
  })

  it('recovers from a stale line item key by resolving the line again', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    const result = await adapter.apply(cart.id, [setLine(TOTE, 5, {}, '101:stale')], ctx())
    expect(result.cart.lines[0]?.quantity).toBe(5)
    expect(result.notices).toEqual([])
  })

  it('removes lines, and empties the cart with clear.js', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1), setLine(GIFT, 2)] }, ctx())
    const one = await adapter.apply(cart.id, [setLine(GIFT, 0)], ctx())
    expect(one.cart.lines.map((line) => line.key)).toEqual([TOTE])
    fake.requests.length = 0
    const all = await adapter.apply(cart.id, [setLine(TOTE, 0)], ctx())
    expect(all.cart.lines).toEqual([])
    expect(fake.requests).toContain('POST /cart/clear.js')
  })

  it('turns a partial add (422 "Only N items were added") into insufficient_stock', async () => {
    const { cart } = await adapter.create({ ops: [] }, ctx())
    fake.requests.length = 0
    const result = await adapter.apply(cart.id, [setLine(MUG, 5)], ctx())
    // The refusal is read from the cart and the product JSON, not from its words.
    expect(fake.requests).toEqual([
      'POST /cart/add.js',
      'GET /cart.js',
      'GET /products/speckled-mug.js',
    ])
    expect(result.cart.lines.map((line) => [line.key, line.quantity])).toEqual([[MUG, 2]])
    expect(result.notices).toEqual([
      {
        code: 'insufficient_stock',
        lineKey: MUG,
        merchandiseId: MUG,
        title: 'Speckled mug',
        from: 5,
        to: 2,
      },
    ])
  })

  it('turns "already at maximum" (422) into insufficient_stock without getting stuck', async () => {
    const { cart } = await adapter.create({ ops: [setLine(MUG, 2)] }, ctx())
    const mug = cart.lines[0]
    const result = await adapter.apply(cart.id, [setLine(MUG, 3, {}, mug?.id ?? null)], ctx())
    expect(result.cart.lines[0]?.quantity).toBe(2)
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: MUG, from: 3, to: 2 }),
    ])
  })

  it('turns a sold-out add (422) into out_of_stock and still applies the rest', async () => {
    const { cart } = await adapter.create({ ops: [] }, ctx())
    const result = await adapter.apply(
      cart.id,
      [setLine(SOLD_OUT, 1), setLine(GIFT, 1), { type: 'setNote', note: 'hi' }],
      ctx(),
    )
    expect(result.cart.lines.map((line) => line.key)).toEqual([GIFT])
    expect(result.cart.note).toBe('hi')
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'out_of_stock', lineKey: SOLD_OUT, from: 1, to: 0 }),
    ])
  })

  it('rejects an unknown variant with a notice', async () => {
    const { cart } = await adapter.create({ ops: [] }, ctx())
    const result = await adapter.apply(cart.id, [setLine('999', 1)], ctx())
    expect(result.cart.lines).toEqual([])
    expect(result.notices).toEqual([expect.objectContaining({ code: 'rejected', lineKey: '999' })])
  })

  it('sets note, attributes (as a whole) and discount codes with update.js', async () => {
    const { cart } = await adapter.create(
      { ops: [setLine(TOTE, 1), { type: 'setAttributes', attributes: { a: '1', b: '2' } }] },
      ctx(),
    )
    expect(cart.attributes).toEqual({ a: '1', b: '2' })
    const result = await adapter.apply(
      cart.id,
      [
        { type: 'setAttributes', attributes: { b: '3' } },
        { type: 'setDiscountCodes', codes: ['WELCOME10', 'NOPE'] },
      ],
      ctx(),
    )
    expect(result.cart.attributes).toEqual({ b: '3' })
    expect(result.cart.discountCodes).toEqual([
      { code: 'WELCOME10', applicable: true },
      { code: 'NOPE', applicable: false },
    ])
    expect(result.cart.cost.discount).toEqual({ amount: 290, currency: 'EUR' })
    expect(result.notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
    expect(fake.bodies.some((body) => body.discount === 'WELCOME10,NOPE')).toBe(true)
  })

  it('gives null, and refuses writes, once the session has another cart (docs/domain.md R17)', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    expect((await adapter.get(cart.id, ctx()))?.id).toBe(cart.id)
    memory.completeCart(fake.backendId(cart.id))
    expect(await adapter.get(cart.id, ctx())).toBeNull()
    const error = await rejection(adapter.apply(cart.id, [setLine(TOTE, 2)], ctx()))
    expect(error.code).toBe('cart_not_found')
    const next = await adapter.create({ ops: [setLine(TOTE, 2)] }, ctx())
    expect(next.cart.id).not.toBe(cart.id)
    expect(next.cart.lines.map((line) => line.quantity)).toEqual([2])
  })

  it('has no email capture: the capability is off and the call says unsupported', async () => {
    expect(adapter.capabilities.email).toBe(false)
    const error = await rejection(
      adapter.captureEmail('x', { email: 'ada@example.com', consent: true }, ctx()),
    )
    expect(error.code).toBe('unsupported')
  })

  it('looks merchandise up through product JSON, leaving unknown ids out', async () => {
    memory.sellOut(TOTE_BLACK)
    const found = await adapter.merchandise([TOTE, TOTE_BLACK, GIFT, '999'], ctx())
    expect(found.map((item) => [item.id, item.available, item.price.amount])).toEqual([
      [TOTE, true, 2900],
      [TOTE_BLACK, false, 3100],
      [GIFT, true, 5000],
    ])
    expect(found[0]).toMatchObject({
      productTitle: 'Linen tote',
      options: [{ name: 'Colour', value: 'Natural' }],
      compareAtPrice: { amount: 3500, currency: 'EUR' },
    })
    // One product JSON for both variants of the tote.
    expect(
      fake.requests.filter((line) => line.startsWith('GET /products/linen-tote.js')),
    ).toHaveLength(1)
  })
})

describe('section rendering', () => {
  it('returns the sections rendered by the last write in extensions.sections', async () => {
    const { adapter, fake } = await setup({ sections: ['cart-drawer', 'cart-icon-bubble'] })
    const result = await adapter.create({ ops: [setLine(GIFT, 3)] }, ctx())
    expect(fake.bodies[0]).toMatchObject({ sections: 'cart-drawer,cart-icon-bubble' })
    expect(result.extensions?.sections).toEqual({
      'cart-drawer': '<div id="shopify-section-cart-drawer" class="shopify-section">3</div>',
      'cart-icon-bubble':
        '<div id="shopify-section-cart-icon-bubble" class="shopify-section">3</div>',
    })
  })

  it('renders the sections again after a refused write, so they match the final cart', async () => {
    const { adapter, fake } = await setup({ sections: ['cart-drawer'] })
    const result = await adapter.create({ ops: [setLine(MUG, 5)] }, ctx())
    expect(fake.requests.at(-1)).toBe('GET /')
    expect(result.extensions?.sections).toEqual({
      'cart-drawer': '<div id="shopify-section-cart-drawer" class="shopify-section">2</div>',
    })
  })

  it('still succeeds when rendering the sections again fails', async () => {
    const { adapter, fake } = await setup({ sections: ['cart-drawer'] })
    fake.fail({ status: 503, body: 'busy', path: '/' })
    const result = await adapter.create({ ops: [setLine(MUG, 5)] }, ctx())
    expect(result.cart.lines.map((line) => line.quantity)).toEqual([2])
    expect(result.extensions?.sections).toEqual({})
  })

  it('refuses more than five sections, naming the option', () => {
    expect(() => createShopifyAjaxAdapter({ sections: ['a', 'b', 'c', 'd', 'e', 'f'] })).toThrow(
      'options.sections',
    )
  })
})

describe('recovery', () => {
  it('resolves a cart permalink with the merchandise as it is now', async () => {
    const { adapter, memory, fake } = await setup()
    memory.sellOut(MUG)
    memory.discontinue(TOTE_BLACK)
    const { cart, merchandise } = await adapter.recover(
      '/cart/101:2,102:1,105:1?discount=WELCOME10',
      ctx(),
    )
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([
      [TOTE, 2],
      [MUG, 1],
      [TOTE_BLACK, 1],
    ])
    expect(merchandise.map((item) => [item.id, item.available])).toEqual([
      [TOTE, true],
      [MUG, false],
    ])
    expect(cart.discountCodes).toEqual([{ code: 'WELCOME10', applicable: true }])
    expect(cart.currency).toBe('EUR')
    // What can still be bought went into the session's cart, which the engine reconciles.
    expect(
      memory.getCart(fake.backendId(cart.id))?.lines.map((line) => [line.key, line.quantity]),
    ).toEqual([[TOTE, 2]])
  })

  it.each([
    ['', 'empty'],
    ['/products/tote', 'not a permalink'],
    ['/cart/101:x', 'bad quantity'],
    ['/cart/998:1,999:2', 'no variant the shop sells'],
  ])('refuses %j (%s) with invalid_recovery_link', async (link) => {
    const { adapter } = await setup()
    expect((await rejection(adapter.recover(link, ctx()))).code).toBe('invalid_recovery_link')
  })
})

describe('HTTP failures', () => {
  it('maps 429 to rate_limited with Retry-After', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 429, body: 'Too many', headers: { 'retry-after': '1.5' } })
    expect(await rejection(adapter.get('t', ctx()))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 1500,
    })
  })

  it('maps 5xx to server_error, even when the write was applied', async () => {
    const { adapter, fake, memory } = await setup()
    fake.fail({ status: 500, body: 'oops', afterApply: true })
    expect((await rejection(adapter.create({ ops: [setLine(TOTE, 1)] }, ctx()))).code).toBe(
      'server_error',
    )
    const [only] = memory.cartIds()
    expect(memory.getCart(only as string)?.lines).toHaveLength(1)
  })

  it('never retries by itself: the engine owns retries', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 503, body: 'busy' }, { status: 429, body: 'slow' })
    expect((await rejection(adapter.get('t', ctx()))).code).toBe('server_error')
    expect((await rejection(adapter.get('t', ctx()))).code).toBe('rate_limited')
    expect(fake.requests).toEqual(['GET /cart.js', 'GET /cart.js'])
    let calls = 0
    const failing = createShopifyAjaxAdapter({
      root: fake.root,
      fetch: async () => {
        calls += 1
        throw new TypeError('fetch failed')
      },
    })
    expect((await rejection(failing.get('t', ctx()))).code).toBe('network')
    expect(calls).toBe(1)
  })

  it('maps an HTML body on 200 to invalid_response', async () => {
    const { adapter, fake } = await setup()
    fake.fail({
      status: 200,
      body: '<!doctype html><p>Password page</p>',
      headers: { 'content-type': 'text/html' },
    })
    const error = await rejection(adapter.get('t', ctx()))
    expect(error.code).toBe('invalid_response')
  })

  it('maps a cart JSON of the wrong shape to invalid_response', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 200, body: JSON.stringify({ token: 't', items: null }) })
    expect((await rejection(adapter.get('t', ctx()))).code).toBe('invalid_response')
  })

  it('maps an aborted signal to timeout and a refused connection to network', async () => {
    const { adapter, fake } = await setup()
    const controller = new AbortController()
    controller.abort()
    expect((await rejection(adapter.get('t', ctx(controller.signal)))).code).toBe('timeout')
    const root = fake.root
    await fake.close()
    servers.splice(servers.indexOf(fake), 1)
    const offline = createShopifyAjaxAdapter({ root })
    expect((await rejection(offline.get('t', ctx()))).code).toBe('network')
  })

  it('maps another 4xx to rejected', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 403, body: JSON.stringify({ message: 'Forbidden' }) })
    expect(await rejection(adapter.get('t', ctx()))).toMatchObject({
      code: 'rejected',
      status: 403,
    })
  })
})

describe('options', () => {
  it('names a bad root', () => {
    expect(() => createShopifyAjaxAdapter({ root: 'cart' })).toThrow('options.root')
    try {
      createShopifyAjaxAdapter({ root: 'cart' })
    } catch (error) {
      expect(isToteError(error, 'invalid_argument')).toBe(true)
    }
  })

  it('uses the locale-aware root for every request', async () => {
    const urls: string[] = []
    const adapter = createShopifyAjaxAdapter({
      root: 'https://shop.example/fr',
      fetch: async (input) => {
        urls.push((input as Request).url)
        return new Response(
          JSON.stringify({
            token: 't',
            original_total_price: 0,
            total_price: 0,
            currency: 'EUR',
            items: [],
          }),
        )
      },
    })
    await adapter.get('t', ctx())
    expect(urls).toEqual(['https://shop.example/fr/cart.js'])
  })
})
