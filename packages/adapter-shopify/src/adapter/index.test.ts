import { type CartAdapter, isToteError, lineKey, ToteAdapterError } from '@tote/core/adapter'
import type { MemoryBackend } from '@tote/testing'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { allDocuments } from '../documents/index.ts'
import { type FakeStorefront, startFakeStorefront } from '../test/fake-storefront.ts'
import { backend, ctx, GIFT, MUG, SOLD_OUT, setLine, TOTE } from '../test/fixtures.ts'
import { createShopifyAdapter } from './index.ts'

const servers: FakeStorefront[] = []
const everyFake: FakeStorefront[] = []

async function setup(
  options: {
    linesPageSize?: number
    country?: string
    stockErrors?: 'userErrors' | 'warnings'
  } = {},
) {
  const { stockErrors, ...adapterOptions } = options
  const memory: MemoryBackend = backend()
  const fake = await startFakeStorefront({
    backend: memory,
    ...(stockErrors ? { stockErrors } : {}),
  })
  servers.push(fake)
  everyFake.push(fake)
  const adapter = createShopifyAdapter({
    storeDomain: fake.origin,
    publicAccessToken: fake.token,
    ...adapterOptions,
  })
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

describe('createShopifyAdapter', () => {
  let fake: FakeStorefront
  let memory: MemoryBackend
  let adapter: CartAdapter

  beforeEach(async () => {
    ;({ fake, memory, adapter } = await setup())
  })

  it('creates a cart with lines, note, attributes and codes in one request', async () => {
    const result = await adapter.create(
      {
        ops: [
          setLine(TOTE, 2, { engraving: 'Ada' }),
          setLine(GIFT, 1),
          { type: 'setNote', note: 'Gift wrap' },
          { type: 'setAttributes', attributes: { channel: 'web' } },
          { type: 'setDiscountCodes', codes: ['WELCOME10'] },
        ],
      },
      ctx(),
    )
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]?.query).toContain('cartCreate')
    const { cart } = result
    expect(cart.id).toMatch(/^gid:\/\/shopify\/Cart\//)
    expect(cart.currency).toBe('EUR')
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([
      [lineKey(TOTE, { engraving: 'Ada' }), 2],
      [GIFT, 1],
    ])
    const tote = cart.lines[0]
    expect(tote?.cost.unitPrice).toEqual({ amount: 2900, currency: 'EUR' })
    expect(tote?.cost.subtotal).toEqual({ amount: 5800, currency: 'EUR' })
    expect(tote?.merchandise).toMatchObject({
      productTitle: 'Linen tote',
      compareAtPrice: { amount: 3500, currency: 'EUR' },
      image: { url: 'https://cdn.example/tote.png', alt: 'A tote' },
      quantityAvailable: 25,
      available: true,
    })
    expect(cart.cost.subtotal).toEqual({ amount: 10800, currency: 'EUR' })
    expect(cart.cost.discount).toEqual({ amount: 1080, currency: 'EUR' })
    expect(cart.cost.total).toEqual({ amount: 9720, currency: 'EUR' })
    expect(cart.note).toBe('Gift wrap')
    expect(cart.attributes).toEqual({ channel: 'web' })
    expect(cart.discountCodes).toEqual([{ code: 'WELCOME10', applicable: true }])
    expect(cart.checkoutUrl).toMatch(/checkout/)
    expect(result.notices).toEqual([])
  })

  it('reads a cart, and gives null for a missing or completed one (docs/domain.md R17)', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    expect((await adapter.get(cart.id, ctx()))?.lines).toHaveLength(1)
    expect(await adapter.get('gid://shopify/Cart/nope?key=x', ctx())).toBeNull()
    memory.completeCart(cart.id.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, ''))
    expect(await adapter.get(cart.id, ctx())).toBeNull()
  })

  it('sends several mutations of a batch in one request', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    const line = cart.lines[0]
    fake.requests.length = 0
    const result = await adapter.apply(
      cart.id,
      [
        setLine(TOTE, 3, {}, line?.id ?? null),
        setLine(GIFT, 2),
        { type: 'setNote', note: 'Leave at the door' },
        { type: 'setDiscountCodes', codes: ['WELCOME10'] },
      ],
      ctx(),
    )
    expect(fake.requests).toHaveLength(1)
    const query = fake.requests[0]?.query ?? ''
    for (const field of [
      'cartLinesUpdate',
      'cartLinesAdd',
      'cartNoteUpdate',
      'cartDiscountCodesUpdate',
    ]) {
      expect(query).toContain(field)
    }
    expect(result.cart.lines.map((item) => [item.key, item.quantity])).toEqual([
      [TOTE, 3],
      [GIFT, 2],
    ])
    expect(result.cart.note).toBe('Leave at the door')
  })

  it('reaches absolute targets when the line id is unknown, even when a batch is sent twice', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 2)] }, ctx())
    // Shopify adds on top of an existing line; the adapter corrects to the target.
    const first = await adapter.apply(cart.id, [setLine(TOTE, 3)], ctx())
    expect(first.cart.lines[0]?.quantity).toBe(3)
    const again = await adapter.apply(cart.id, [setLine(TOTE, 3)], ctx())
    expect(again.cart.lines[0]?.quantity).toBe(3)
    expect(again.notices).toEqual([])
  })

  it('removes a line at quantity 0, by id or by key', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 2), setLine(GIFT, 1)] }, ctx())
    const tote = cart.lines.find((line) => line.key === TOTE)
    const byId = await adapter.apply(cart.id, [setLine(TOTE, 0, {}, tote?.id ?? null)], ctx())
    expect(byId.cart.lines.map((line) => line.key)).toEqual([GIFT])
    const byKey = await adapter.apply(cart.id, [setLine(GIFT, 0)], ctx())
    expect(byKey.cart.lines).toEqual([])
  })

  it('recovers from a stale line id by resolving the line key', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 2)] }, ctx())
    const result = await adapter.apply(
      cart.id,
      [setLine(TOTE, 4, {}, 'gid://shopify/CartLine/stale')],
      ctx(),
    )
    expect(result.cart.lines[0]?.quantity).toBe(4)
    expect(result.notices).toEqual([])
  })

  it('keeps lines with different attributes apart (the merge rule)', async () => {
    const { cart } = await adapter.create(
      { ops: [setLine(TOTE, 1, { engraving: 'Ada' }), setLine(TOTE, 1, { engraving: 'Bob' })] },
      ctx(),
    )
    expect(cart.lines).toHaveLength(2)
    const result = await adapter.apply(cart.id, [setLine(TOTE, 2, { engraving: 'Ada' })], ctx())
    expect(result.cart.lines.map((line) => [line.key, line.quantity])).toEqual([
      [lineKey(TOTE, { engraving: 'Ada' }), 2],
      [lineKey(TOTE, { engraving: 'Bob' }), 1],
    ])
  })

  it('maps DISCOUNT_* warnings and inapplicable codes to discount_rejected', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    const result = await adapter.apply(
      cart.id,
      [{ type: 'setDiscountCodes', codes: ['WELCOME10', 'NOPE'] }],
      ctx(),
    )
    expect(result.cart.discountCodes).toEqual([
      { code: 'WELCOME10', applicable: true },
      { code: 'NOPE', applicable: false },
    ])
    expect(result.notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
  })

  it('creates the cart without a refused line and adds the others', async () => {
    const unknown = 'gid://shopify/ProductVariant/999'
    const result = await adapter.create(
      { ops: [setLine(unknown, 1), setLine(TOTE, 2), { type: 'setNote', note: 'n' }] },
      ctx(),
    )
    expect(result.cart.lines.map((line) => [line.key, line.quantity])).toEqual([[TOTE, 2]])
    expect(result.cart.note).toBe('n')
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'discontinued', lineKey: unknown }),
    ])
  })

  it('throws cart_not_found when writing to a missing or completed cart', async () => {
    const missing = await rejection(
      adapter.apply('gid://shopify/Cart/gone?key=x', [setLine(TOTE, 1)], ctx()),
    )
    expect(missing.code).toBe('cart_not_found')
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    memory.completeCart(cart.id.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, ''))
    const completed = await rejection(adapter.apply(cart.id, [setLine(TOTE, 2)], ctx()))
    expect(completed.code).toBe('cart_not_found')
  })

  it('captures the email on the buyer identity (docs/domain.md R3)', async () => {
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    const result = await adapter.captureEmail(
      cart.id,
      { email: 'ada@example.com', consent: true },
      ctx(),
    )
    expect(result.cart.email).toBe('ada@example.com')
    const refused = await rejection(
      adapter.captureEmail(cart.id, { email: 'not-an-email', consent: false }, ctx()),
    )
    expect(refused.code).toBe('rejected')
  })

  it('looks merchandise up by ids in one request, leaving unknown ids out', async () => {
    fake.requests.length = 0
    const found = await adapter.merchandise(
      [TOTE, SOLD_OUT, GIFT, 'gid://shopify/ProductVariant/999'],
      ctx(),
    )
    expect(fake.requests).toHaveLength(1)
    expect(found.map((item) => [item.id, item.available, item.quantityAvailable])).toEqual([
      [TOTE, true, 25],
      [SOLD_OUT, false, 0],
      [GIFT, true, null],
    ])
  })
})

describe.each([
  ['userErrors', 'MERCHANDISE_NOT_APPLICABLE refusals (2025-10 and later)'],
  ['warnings', 'MERCHANDISE_* warnings (2024-10)'],
] as const)('stock answered with %s: %s', (stockErrors, _label) => {
  const gone = stockErrors === 'userErrors' ? 'discontinued' : 'rejected'

  it('clamps to the stock left with insufficient_stock', async () => {
    const { adapter } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [] }, ctx())
    const result = await adapter.apply(cart.id, [setLine(MUG, 5)], ctx())
    expect(result.cart.lines[0]?.quantity).toBe(2)
    expect(result.notices).toEqual([
      expect.objectContaining({
        code: 'insufficient_stock',
        lineKey: MUG,
        merchandiseId: MUG,
        title: 'Speckled mug',
        from: 5,
        to: 2,
      }),
    ])
  })

  it('reports a sold-out variant as out_of_stock and leaves the line out', async () => {
    const { adapter } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    const result = await adapter.apply(cart.id, [setLine(SOLD_OUT, 1)], ctx())
    expect(result.cart.lines.map((line) => line.key)).toEqual([TOTE])
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'out_of_stock', lineKey: SOLD_OUT, from: 1, to: 0 }),
    ])
  })

  it('reports stock warnings on lines the batch did not touch', async () => {
    const { adapter, memory } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 3)] }, ctx())
    memory.setStock(TOTE, 1)
    const result = await adapter.apply(cart.id, [{ type: 'setNote', note: 'hi' }], ctx())
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: TOTE, to: 1 }),
    ])
  })

  it('refuses an unknown variant with a notice and still applies the rest', async () => {
    const { adapter } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [] }, ctx())
    const unknown = 'gid://shopify/ProductVariant/999'
    const result = await adapter.apply(cart.id, [setLine(unknown, 1), setLine(GIFT, 1)], ctx())
    expect(result.cart.lines.map((line) => line.key)).toEqual([GIFT])
    expect(result.notices).toEqual([
      expect.objectContaining({ code: gone, lineKey: unknown, from: 1, to: 0 }),
    ])
  })

  it('keeps a line at the stock left when raising it by id is refused or clamped', async () => {
    const { adapter } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [setLine(MUG, 1)] }, ctx())
    const mug = cart.lines[0]
    const result = await adapter.apply(cart.id, [setLine(MUG, 3, {}, mug?.id ?? null)], ctx())
    expect(result.cart.lines.map((line) => [line.key, line.quantity])).toEqual([[MUG, 2]])
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: MUG, from: 3, to: 2 }),
    ])
  })

  it('reports a variant Shopify no longer sells as discontinued', async () => {
    const { adapter, memory } = await setup({ stockErrors })
    const { cart } = await adapter.create({ ops: [] }, ctx())
    memory.discontinue(MUG)
    const result = await adapter.apply(cart.id, [setLine(MUG, 1)], ctx())
    expect(result.cart.lines).toEqual([])
    expect(result.notices.map((notice) => notice.code)).toEqual([gone])
  })
})

describe('pages of lines', () => {
  it('reads every page and takes totals from the cart, never from a partial list', async () => {
    const { adapter, fake } = await setup({ linesPageSize: 2 })
    const ops = [1, 2, 3, 4, 5].map((n) => setLine(TOTE, n, { n: String(n) }))
    const { cart } = await adapter.create({ ops }, ctx())
    expect(cart.lines).toHaveLength(5)
    expect(cart.cost.subtotal.amount).toBe(2900 * 15)
    fake.requests.length = 0
    const read = await adapter.get(cart.id, ctx())
    expect(read?.lines.map((line) => line.quantity)).toEqual([1, 2, 3, 4, 5])
    expect(fake.requests.map((request) => /query (\w+)/.exec(request.query)?.[1])).toEqual([
      'ToteCart',
      'ToteCartLines',
      'ToteCartLines',
    ])
  })
})

describe('presentment currency', () => {
  it('prices the cart and merchandise in the country currency with @inContext (docs/domain.md R19)', async () => {
    const { adapter, memory } = await setup({ country: 'US' })
    memory.setCurrency('USD', { country: 'US', rate: 1.1 })
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 1)] }, ctx())
    expect(cart.currency).toBe('USD')
    expect(cart.lines[0]?.cost.unitPrice).toEqual({ amount: 3190, currency: 'USD' })
    const [tote] = await adapter.merchandise([TOTE], ctx())
    expect(tote?.price).toEqual({ amount: 3190, currency: 'USD' })
  })
})

describe('recovery', () => {
  it('resolves a permalink: merchandise in one request, then a cart with what can be bought', async () => {
    const { adapter, fake, memory } = await setup()
    memory.sellOut(MUG)
    fake.requests.length = 0
    const { cart, merchandise } = await adapter.recover(
      'https://shop.example/cart/101:2,102:1,999:1?discount=WELCOME10&note=hi&attributes[ref]=mail',
      ctx(),
    )
    expect(fake.requests.map((request) => /^\w+ (\w+)/.exec(request.query)?.[1])).toEqual([
      'ToteMerchandise',
      'ToteCartCreate',
    ])
    // The cart as the link describes it, for the engine to reconcile (docs/domain.md R11).
    expect(cart.id).toMatch(/^gid:\/\/shopify\/Cart\//)
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([
      [TOTE, 2],
      [MUG, 1],
      ['gid://shopify/ProductVariant/999', 1],
    ])
    expect(merchandise.map((item) => [item.id, item.available])).toEqual([
      [TOTE, true],
      [MUG, false],
    ])
    expect(cart.discountCodes).toEqual([{ code: 'WELCOME10', applicable: true }])
    expect(cart.note).toBe('hi')
    expect(cart.attributes).toEqual({ ref: 'mail' })
    expect(cart.cost.subtotal).toEqual({ amount: 2900 * 2 + 1850, currency: 'EUR' })
    // The backend holds only what can still be bought.
    const held = memory.getCart(
      cart.id.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, ''),
    )
    expect(held?.lines.map((line) => [line.key, line.quantity])).toEqual([[TOTE, 2]])
  })

  it('resolves a Storefront cart id', async () => {
    const { adapter } = await setup()
    const { cart } = await adapter.create({ ops: [setLine(TOTE, 2)] }, ctx())
    const recovered = await adapter.recover(cart.id, ctx())
    expect(recovered.cart.lines[0]?.quantity).toBe(2)
    expect(recovered.merchandise.map((item) => item.id)).toEqual([TOTE])
  })

  it.each([
    ['', 'empty'],
    ['https://shop.example/products/tote', 'not a permalink'],
    ['/cart/101:0', 'zero quantity'],
    ['gid://shopify/Cart/gone?key=x', 'a cart that is gone'],
    ['/cart/999:1,998:2', 'no variant the shop sells'],
  ])('refuses %j (%s) with invalid_recovery_link', async (link) => {
    const { adapter } = await setup()
    const error = await rejection(adapter.recover(link, ctx()))
    expect(error.code).toBe('invalid_recovery_link')
  })
})

describe('HTTP failures', () => {
  it('maps 429 to rate_limited with Retry-After', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 429, body: '{}', headers: { 'retry-after': '3' } })
    const error = await rejection(adapter.get('gid://shopify/Cart/x', ctx()))
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 3000 })
  })

  it('maps 5xx to server_error, even after the write was applied', async () => {
    const { adapter, fake, memory } = await setup()
    fake.fail({ status: 503, body: 'upstream' })
    expect((await rejection(adapter.create({ ops: [] }, ctx()))).code).toBe('server_error')
    fake.fail({ status: 502, afterApply: true })
    expect((await rejection(adapter.create({ ops: [setLine(TOTE, 1)] }, ctx()))).code).toBe(
      'server_error',
    )
    expect(memory.cartIds()).toHaveLength(1)
  })

  it('maps an HTML body on 200 to invalid_response', async () => {
    const { adapter, fake } = await setup()
    fake.fail({
      status: 200,
      body: '<html>maintenance</html>',
      headers: { 'content-type': 'text/html' },
    })
    const error = await rejection(adapter.get('gid://shopify/Cart/x', ctx()))
    expect(error.code).toBe('invalid_response')
    expect(error.message).toMatch(/HTML/)
  })

  it('maps a JSON body of the wrong shape to invalid_response', async () => {
    const { adapter, fake } = await setup()
    fake.fail({ status: 200, body: JSON.stringify({ data: { cart: { id: 1 } } }) })
    expect((await rejection(adapter.get('gid://shopify/Cart/x', ctx()))).code).toBe(
      'invalid_response',
    )
  })

  it('maps a THROTTLED GraphQL error to rate_limited', async () => {
    const { adapter, fake } = await setup()
    fake.fail({
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      }),
    })
    expect((await rejection(adapter.get('gid://shopify/Cart/x', ctx()))).code).toBe('rate_limited')
  })

  it('maps a refused token to rejected', async () => {
    const { fake } = await setup()
    const adapter = createShopifyAdapter({ storeDomain: fake.origin, publicAccessToken: 'wrong' })
    expect(await rejection(adapter.get('gid://shopify/Cart/x', ctx()))).toMatchObject({
      code: 'rejected',
      status: 401,
    })
  })

  it('maps an aborted signal to timeout and a refused connection to network', async () => {
    const { adapter, fake } = await setup()
    const controller = new AbortController()
    controller.abort()
    expect(
      (await rejection(adapter.get('gid://shopify/Cart/x', ctx(controller.signal)))).code,
    ).toBe('timeout')
    const origin = fake.origin
    await fake.close()
    const offline = createShopifyAdapter({ storeDomain: origin, publicAccessToken: 'public-token' })
    expect((await rejection(offline.get('gid://shopify/Cart/x', ctx()))).code).toBe('network')
    servers.splice(servers.indexOf(fake), 1)
  })

  it('passes the signal through to fetch', async () => {
    let seen: AbortSignal | undefined
    const adapter = createShopifyAdapter({
      storeDomain: 'shop.myshopify.com',
      publicAccessToken: 't',
      fetch: async (input) => {
        seen = (input as Request).signal
        return new Response(JSON.stringify({ data: { cart: null } }), { status: 200 })
      },
    })
    const controller = new AbortController()
    expect(await adapter.get('gid://shopify/Cart/x', ctx(controller.signal))).toBeNull()
    controller.abort()
    expect(seen?.aborted).toBe(true)
  })
})

describe('options', () => {
  it.each([
    [{}, 'options.storeDomain'],
    [{ storeDomain: 'shop.myshopify.com' }, 'options.publicAccessToken'],
    [{ storeDomain: 's', publicAccessToken: 't', country: 'france' }, 'options.country'],
    [{ storeDomain: 's', publicAccessToken: 't', linesPageSize: 500 }, 'options.linesPageSize'],
  ])('names the bad argument %j', (options, argument) => {
    expect(() => createShopifyAdapter(options as never)).toThrow(argument)
    try {
      createShopifyAdapter(options as never)
    } catch (error) {
      expect(isToteError(error, 'invalid_argument')).toBe(true)
    }
  })

  it('talks to the pinned API version on https by default', async () => {
    let url = ''
    const adapter = createShopifyAdapter({
      storeDomain: 'shop.myshopify.com',
      publicAccessToken: 't',
      fetch: async (input) => {
        url = (input as Request).url
        return new Response(JSON.stringify({ data: { cart: null } }))
      },
    })
    await adapter.get('gid://shopify/Cart/x', ctx())
    expect(url).toBe('https://shop.myshopify.com/api/2026-04/graphql.json')
  })
})

describe('documents sent', () => {
  it('are all among the documents the schema test validates', () => {
    const known = new Set(allDocuments().map((item) => item.document))
    const sent = everyFake.flatMap((fake) => fake.requests.map((request) => request.query))
    expect(sent.length).toBeGreaterThan(50)
    expect(sent.filter((query) => !known.has(query))).toEqual([])
  })
})

describe('answers that break the Storefront shapes', () => {
  const eur = (amount: string) => ({ amount, currencyCode: 'EUR' })
  const storefrontCart = (quantity: number) => ({
    id: 'gid://shopify/Cart/c1',
    checkoutUrl: 'https://shop.example/checkout',
    updatedAt: '2026-01-01T00:00:00Z',
    note: null,
    totalQuantity: quantity,
    attributes: [],
    buyerIdentity: { email: null, countryCode: null },
    discountCodes: [],
    discountAllocations: [],
    cost: { subtotalAmount: eur('10.0'), totalAmount: eur('10.0') },
    lines: {
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [
        {
          id: 'gid://shopify/CartLine/1',
          quantity,
          attributes: [],
          cost: {
            amountPerQuantity: eur('10.0'),
            subtotalAmount: eur('10.0'),
            totalAmount: eur('10.0'),
          },
          discountAllocations: [],
          merchandise: {
            __typename: 'ProductVariant',
            id: 'gid://shopify/ProductVariant/1',
            title: 'Default Title',
            availableForSale: true,
            quantityAvailable: 3,
            price: eur('10.0'),
            compareAtPrice: null,
            image: null,
            selectedOptions: [],
            product: { id: 'gid://shopify/Product/1', title: 'Mug' },
          },
        },
      ],
    },
  })
  const answering = (body: unknown) =>
    createShopifyAdapter({
      storeDomain: 'shop.myshopify.com',
      publicAccessToken: 't',
      fetch: async () => new Response(JSON.stringify(body)),
    })

  it('reads a cart whose counts are whole numbers', async () => {
    const adapter = answering({ data: { cart: storefrontCart(1) } })
    expect((await adapter.get('gid://shopify/Cart/c1', ctx()))?.lines[0]?.quantity).toBe(1)
  })

  it('refuses a count that is not a whole number', async () => {
    const adapter = answering({ data: { cart: storefrontCart(1.5) } })
    const error = await rejection(adapter.get('gid://shopify/Cart/c1', ctx()))
    expect(error).toMatchObject({ code: 'invalid_response', message: /unexpected cart/ })
  })

  it('refuses data that is not an object of fields, and nodes without a type', async () => {
    const list = await rejection(answering({ data: [] }).get('gid://shopify/Cart/c1', ctx()))
    expect(list).toMatchObject({ code: 'invalid_response', message: /unexpected body/ })
    const nodes = {
      data: { nodes: [{ id: 'x' }], localization: { country: { currency: { isoCode: 'EUR' } } } },
    }
    const adapter = answering(nodes)
    const error = await rejection(adapter.merchandise(['gid://shopify/ProductVariant/1'], ctx()))
    expect(error).toMatchObject({ code: 'invalid_response', message: /unexpected merchandise/ })
  })
})
