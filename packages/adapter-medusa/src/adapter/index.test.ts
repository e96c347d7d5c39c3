import {
  type AdapterContext,
  type CartOp,
  isToteError,
  lineKey,
  parseCartSnapshot,
} from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import {
  cartBody,
  errorBody,
  item,
  productsBody,
  scriptedFetch,
  scriptedOptions,
} from '../test/scripted.ts'
import { createMedusaAdapter } from './index.ts'

// The adapter's HTTP behaviour against scripted Medusa answers (the shapes Medusa 2.21 sends).
// The same behaviour against a real Medusa: conformance.test.ts and engine.test.ts.

const ctx = (): AdapterContext => ({ signal: new AbortController().signal, idempotencyKey: 'k' })

const setLine = (
  id: string,
  quantity: number,
  lineId: string | null = null,
  attributes: Record<string, string> = {},
): CartOp => ({
  type: 'setLine',
  merchandiseId: id,
  attributes,
  quantity,
  lineKey: lineKey(id, attributes),
  lineId,
})

function scripted(answers: Parameters<typeof scriptedFetch>[0]) {
  const script = scriptedFetch(answers)
  const adapter = createMedusaAdapter(scriptedOptions(script.fetch))
  const calls = () => script.sent.map((request) => `${request.method} ${request.path}`)
  return { adapter, script, calls }
}

describe('reading a cart', () => {
  it('maps Medusa money, lines, metadata and codes to a snapshot the engine accepts', async () => {
    const { adapter, script } = scripted([
      {
        body: cartBody({
          metadata: { gift: 'yes', app: { n: 1 } },
          total: 26.865,
          discount_total: 2.985,
          tax_total: 0,
          promotions: [
            { code: 'WELCOME10', is_automatic: false },
            { code: 'AUTO', is_automatic: true },
          ],
          items: [
            item({
              id: 'cali_1',
              variant_id: 'variant_nb',
              quantity: 3,
              unit_price: 9.95,
              compare_at_unit_price: 12,
              total: 26.865,
              metadata: { engraving: 'Ada', size: 2 },
            }),
          ],
        }),
      },
    ])
    const cart = parseCartSnapshot(await adapter.get('cart_1', ctx()))
    expect(script.sent[0]?.headers.get('x-publishable-api-key')).toBe('pk_test')
    expect(script.sent[0]?.query.get('fields')).toContain('items.metadata')
    expect(cart).toMatchObject({
      id: 'cart_1',
      status: 'active',
      currency: 'EUR',
      attributes: { gift: 'yes' },
      discountCodes: [{ code: 'WELCOME10', applicable: true }],
      note: '',
      checkoutUrl: null,
      cost: {
        subtotal: { amount: 2985, currency: 'EUR' },
        total: { amount: 2687, currency: 'EUR' },
        discount: { amount: 299, currency: 'EUR' },
        tax: { amount: 0, currency: 'EUR' },
      },
    })
    expect(cart.lines).toEqual([
      expect.objectContaining({
        key: lineKey('variant_nb', { engraving: 'Ada' }),
        id: 'cali_1',
        quantity: 3,
        attributes: { engraving: 'Ada' },
        cost: {
          unitPrice: { amount: 995, currency: 'EUR' },
          subtotal: { amount: 2985, currency: 'EUR' },
          total: { amount: 2687, currency: 'EUR' },
        },
      }),
    ])
    expect(cart.lines[0]?.merchandise.compareAtPrice).toEqual({ amount: 1200, currency: 'EUR' })
  })

  it('reads a completed cart as completed and a missing one as null', async () => {
    const { adapter } = scripted([
      { body: cartBody({ completed_at: '2026-11-29T13:29:10.705Z' }) },
      { status: 404, body: errorBody('not_found', "Cart with id 'cart_2' not found") },
    ])
    expect((await adapter.get('cart_1', ctx()))?.status).toBe('completed')
    expect(await adapter.get('cart_2', ctx())).toBeNull()
  })

  it('gives each answer a larger version than the one before', async () => {
    const { adapter } = scripted([{ body: cartBody() }, { body: cartBody() }])
    const first = await adapter.get('cart_1', ctx())
    const second = await adapter.get('cart_1', ctx())
    expect(second?.version).toBeGreaterThan(first?.version ?? Number.POSITIVE_INFINITY)
  })
})

describe('writing a batch', () => {
  it('sets a known line with one absolute quantity, and nothing else', async () => {
    const { adapter, script, calls } = scripted([
      { body: cartBody({ items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 10 })] }) },
    ])
    const result = await adapter.apply('cart_1', [setLine('v1', 10, 'cali_1')], ctx())
    expect(calls()).toEqual(['POST /store/carts/cart_1/line-items/cali_1'])
    expect(script.sent[0]?.body).toEqual({ quantity: 10 })
    expect(result.notices).toEqual([])
  })

  it('sets a line Medusa merged on add back to its target, in one more request', async () => {
    // Another tab had added two: Medusa adds to that line (2 + 3 = 5).
    const { adapter, script, calls } = scripted([
      { body: cartBody({ items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 5 })] }) },
      { body: cartBody({ items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 3 })] }) },
    ])
    const result = await adapter.apply('cart_1', [setLine('v1', 3)], ctx())
    expect(calls()).toEqual([
      'POST /store/carts/cart_1/line-items',
      'POST /store/carts/cart_1/line-items/cali_1',
    ])
    expect(script.sent.map((request) => request.body)).toEqual([
      { variant_id: 'v1', quantity: 3 },
      { quantity: 3 },
    ])
    expect(result.cart.lines.map((line) => line.quantity)).toEqual([3])
  })

  it('sends one request per changed line, then attributes and codes together', async () => {
    const lines = [
      item({ id: 'cali_1', variant_id: 'v1', quantity: 2 }),
      item({ id: 'cali_3', variant_id: 'v3', quantity: 1, metadata: { engraving: 'Ada' } }),
    ]
    const done = cartBody({
      items: lines,
      metadata: { gift: 'yes' },
      promotions: [{ code: 'WELCOME10', is_automatic: false }],
    })
    const { adapter, script, calls } = scripted([
      { body: { id: 'cali_2', object: 'line-item', deleted: true, parent: cartBody().cart } },
      { body: cartBody({ items: lines.slice(0, 1) }) },
      { body: cartBody({ items: lines }) },
      { body: done },
    ])
    const result = await adapter.apply(
      'cart_1',
      [
        setLine('v1', 2, 'cali_1'),
        setLine('v2', 0, 'cali_2'),
        setLine('v3', 1, null, { engraving: 'Ada' }),
        { type: 'setAttributes', attributes: { gift: 'yes' } },
        { type: 'setDiscountCodes', codes: ['WELCOME10'] },
      ],
      ctx(),
    )
    expect(calls()).toEqual([
      'DELETE /store/carts/cart_1/line-items/cali_2',
      'POST /store/carts/cart_1/line-items/cali_1',
      'POST /store/carts/cart_1/line-items',
      'POST /store/carts/cart_1',
    ])
    expect(script.sent[2]?.body).toEqual({
      variant_id: 'v3',
      quantity: 1,
      metadata: { engraving: 'Ada' },
    })
    expect(script.sent[3]?.body).toEqual({ metadata: { gift: 'yes' }, promo_codes: ['WELCOME10'] })
    expect(result.notices).toEqual([])
  })

  it('clamps a line refused for stock to what is left, with a notice', async () => {
    const { adapter, calls } = scripted([
      {
        status: 400,
        body: errorBody(
          'not_allowed',
          'Some variant does not have the required inventory',
          'insufficient_inventory',
        ),
      },
      { body: productsBody([{ id: 'v1', price: 9.95, stock: 3 }]) },
      { body: cartBody() },
      { body: cartBody({ items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 3 })] }) },
    ])
    const result = await adapter.apply('cart_1', [setLine('v1', 5)], ctx())
    // The refused add changed nothing, but no answer carried the cart yet: it is read once.
    expect(calls()).toEqual([
      'POST /store/carts/cart_1/line-items',
      'GET /store/products',
      'GET /store/carts/cart_1',
      'POST /store/carts/cart_1/line-items',
    ])
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: 'v1', from: 5, to: 3 }),
    ])
  })

  it('drops a promotion code Medusa names as invalid and sends the others again', async () => {
    const { adapter, script } = scripted([
      { body: cartBody() },
      { status: 400, body: errorBody('invalid_data', 'The promotion code NOPE is invalid') },
      { body: cartBody({ promotions: [{ code: 'WELCOME10', is_automatic: false }] }) },
    ])
    const result = await adapter.apply(
      'cart_1',
      [{ type: 'setDiscountCodes', codes: ['NOPE', 'WELCOME10'] }],
      ctx(),
    )
    expect(script.sent.slice(1).map((request) => request.body)).toEqual([
      { promo_codes: ['NOPE', 'WELCOME10'] },
      { promo_codes: ['WELCOME10'] },
    ])
    expect(result.notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
    expect(result.cart.discountCodes).toEqual([{ code: 'WELCOME10', applicable: true }])
  })

  it('reports a note as rejected: Medusa carts have none', async () => {
    const { adapter } = scripted([{ body: cartBody() }])
    const result = await adapter.apply('cart_1', [{ type: 'setNote', note: 'Gift' }], ctx())
    expect(result.notices).toEqual([{ code: 'rejected' }])
  })
})

describe('errors', () => {
  it('tells a gone cart from a stale line id by reading the cart', async () => {
    const gone = scripted([
      { status: 404, body: errorBody('not_found', 'Line item with id: cali_1 was not found') },
      { status: 404, body: errorBody('not_found', "Cart with id 'cart_1' not found") },
    ])
    const error = await gone.adapter
      .apply('cart_1', [setLine('v1', 2, 'cali_1')], ctx())
      .catch((caught: unknown) => caught)
    expect(isToteError(error, 'cart_not_found')).toBe(true)

    const stale = scripted([
      { status: 404, body: errorBody('not_found', 'Line item with id: cali_1 was not found') },
      { body: cartBody() },
      { body: cartBody({ items: [item({ id: 'cali_9', variant_id: 'v1', quantity: 2 })] }) },
    ])
    const result = await stale.adapter.apply('cart_1', [setLine('v1', 2, 'cali_1')], ctx())
    expect(stale.calls()).toEqual([
      'POST /store/carts/cart_1/line-items/cali_1',
      'GET /store/carts/cart_1',
      'POST /store/carts/cart_1/line-items',
    ])
    expect(result.cart.lines.map((line) => [line.id, line.quantity])).toEqual([['cali_9', 2]])
  })

  it('reads a refusal of a completed cart as cart_completed', async () => {
    const { adapter } = scripted([
      { status: 400, body: errorBody('invalid_data', 'Cart cart_1 is already completed.') },
      { body: cartBody({ completed_at: '2026-11-29T13:29:10.705Z' }) },
    ])
    const error = await adapter.apply('cart_1', [setLine('v1', 1)], ctx()).catch((e) => e)
    expect(isToteError(error, 'cart_completed')).toBe(true)
  })

  it('maps 429 with Retry-After, 5xx, HTML and a wrong key to the engine codes', async () => {
    const { adapter } = scripted([
      { status: 429, body: {}, headers: { 'retry-after': '2' } },
      { status: 503, text: 'unavailable' },
      { text: '<html>maintenance</html>' },
      { status: 401, body: errorBody('unauthorized', 'Unauthorized') },
    ])
    await expect(adapter.get('cart_1', ctx())).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 2000,
    })
    await expect(adapter.get('cart_1', ctx())).rejects.toMatchObject({ code: 'server_error' })
    await expect(adapter.get('cart_1', ctx())).rejects.toMatchObject({ code: 'invalid_response' })
    await expect(adapter.get('cart_1', ctx())).rejects.toMatchObject({ code: 'rejected' })
  })

  it('refuses an email Medusa refuses, and an email for a completed cart as cart_completed', async () => {
    const { adapter } = scripted([
      { status: 400, body: errorBody('invalid_data', 'Invalid request: Invalid email address') },
      { body: cartBody() },
      { status: 400, body: errorBody('invalid_data', 'Cart cart_1 is already completed.') },
      { body: cartBody({ completed_at: '2026-11-29T13:29:10.705Z' }) },
    ])
    const input = { email: 'not an email', consent: false }
    await expect(adapter.captureEmail('cart_1', input, ctx())).rejects.toMatchObject({
      code: 'rejected',
    })
    await expect(adapter.captureEmail('cart_1', input, ctx())).rejects.toMatchObject({
      code: 'cart_completed',
    })
  })

  it('names the option that is wrong', () => {
    const fetch = scriptedFetch([]).fetch
    expect(() => createMedusaAdapter({ ...scriptedOptions(fetch), baseUrl: 'medusa' })).toThrow(
      /options\.baseUrl/,
    )
    expect(() => createMedusaAdapter({ ...scriptedOptions(fetch), publishableKey: '' })).toThrow(
      /options\.publishableKey/,
    )
    expect(() =>
      createMedusaAdapter({ ...scriptedOptions(fetch), publishableKey: 'pk_…' }),
    ).toThrow(/options\.publishableKey.*header/)
    expect(() => createMedusaAdapter({ ...scriptedOptions(fetch), regionId: '' })).toThrow(
      /options\.regionId/,
    )
  })
})

describe('creating a cart', () => {
  it('sends the region, lines, attributes and codes in one request', async () => {
    const { adapter, script, calls } = scripted([
      {
        body: cartBody({
          metadata: { gift: 'yes' },
          items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 2 })],
        }),
      },
    ])
    await adapter.create(
      {
        ops: [setLine('v1', 2), { type: 'setAttributes', attributes: { gift: 'yes' } }],
        country: 'DE',
      },
      ctx(),
    )
    expect(calls()).toEqual(['POST /store/carts'])
    expect(script.sent[0]?.body).toEqual({
      region_id: 'reg_eu',
      shipping_address: { country_code: 'de' },
      metadata: { gift: 'yes' },
      items: [{ variant_id: 'v1', quantity: 2 }],
    })
  })

  it('makes the cart bare when Medusa refuses the whole creation, then adds line by line', async () => {
    const { adapter, calls } = scripted([
      {
        status: 400,
        body: errorBody('not_allowed', 'Some variant…', 'insufficient_inventory'),
      },
      { body: cartBody() },
      { body: cartBody({ items: [item({ id: 'cali_1', variant_id: 'v1', quantity: 1 })] }) },
      {
        status: 400,
        body: errorBody('not_allowed', 'Some variant…', 'insufficient_inventory'),
      },
      { body: productsBody([{ id: 'v2', price: 3.99, stock: 0 }]) },
    ])
    const result = await adapter.create({ ops: [setLine('v1', 1), setLine('v2', 1)] }, ctx())
    expect(calls()).toEqual([
      'POST /store/carts',
      'POST /store/carts',
      'POST /store/carts/cart_1/line-items',
      'POST /store/carts/cart_1/line-items',
      'GET /store/products',
    ])
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'out_of_stock', lineKey: 'v2', from: 1, to: 0 }),
    ])
  })
})
