import { lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer, type ToteServer } from '../server/index.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'

let storage: Storage
let shopCount = 0
const clock = createManualClock()

beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

/** A fresh shop on the shared storage, so tests do not see each other's data. */
async function shop(options: Partial<Parameters<typeof createToteServer>[0]> = {}) {
  return createToteServer({
    storage,
    clock,
    shop: { id: `app-${++shopCount}` },
    corsOrigins: ['https://shop.example'],
    ...options,
  })
}

function setLine(merchandiseId: string, quantity: number, attributes: Record<string, string> = {}) {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    quantity,
    lineKey: lineKey(merchandiseId, attributes),
    lineId: null,
  }
}

function post(
  server: ToteServer,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return server.fetch(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
}

describe('carts', () => {
  it('creates a cart with its first lines in one request', async () => {
    const server = await shop()
    const response = await post(server, '/v1/carts', { ops: [setLine('canvas-tote-natural', 2)] })
    expect(response.status).toBe(201)
    const { cart, notices } = await response.json()
    expect(notices).toEqual([])
    expect(cart.lines).toHaveLength(1)
    expect(cart.lines[0].quantity).toBe(2)
    expect(cart.cost.total).toEqual({ amount: 4800, currency: 'EUR' })
    expect(cart.lines[0].merchandise.image.url).toMatch(/\/assets\/products\/canvas-tote\.svg$/)
  })

  it('merges the same merchandise and attributes into one line and keeps its id', async () => {
    const server = await shop()
    const { cart } = await (
      await post(server, '/v1/carts', { ops: [setLine('dot-notebook-a5', 1)] })
    ).json()
    const next = await (
      await post(server, `/v1/carts/${cart.id}/ops`, { ops: [setLine('dot-notebook-a5', 4)] })
    ).json()
    expect(next.cart.lines).toHaveLength(1)
    expect(next.cart.lines[0].id).toBe(cart.lines[0].id)
    expect(next.cart.lines[0].quantity).toBe(4)
    expect(next.cart.version).toBeGreaterThan(cart.version)
    const engraved = await (
      await post(server, `/v1/carts/${cart.id}/ops`, {
        ops: [setLine('dot-notebook-a5', 1, { engraving: 'Ada' })],
      })
    ).json()
    expect(engraved.cart.lines.map((line: { key: string }) => line.key)).toEqual([
      'dot-notebook-a5',
      'dot-notebook-a5?engraving=Ada',
    ])
  })

  it('lowers a quantity to the stock left and says so', async () => {
    const server = await shop()
    const { cart, notices } = await (
      await post(server, '/v1/carts', { ops: [setLine('enamel-mug-white', 5)] })
    ).json()
    expect(cart.lines[0].quantity).toBe(3)
    expect(notices).toEqual([
      expect.objectContaining({
        code: 'insufficient_stock',
        lineKey: 'enamel-mug-white',
        from: 5,
        to: 3,
      }),
    ])
  })

  it('refuses sold-out and unknown merchandise with notices', async () => {
    const server = await shop()
    const { cart, notices } = await (
      await post(server, '/v1/carts', {
        ops: [setLine('soy-candle-fig', 1), setLine('no-such-variant', 1)],
      })
    ).json()
    expect(cart.lines).toEqual([])
    expect(notices.map((notice: { code: string }) => notice.code)).toEqual([
      'out_of_stock',
      'discontinued',
    ])
  })

  it('applies and rejects discount codes', async () => {
    const server = await shop()
    const { cart } = await (
      await post(server, '/v1/carts', { ops: [setLine('riso-poster-a3', 2)] })
    ).json()
    const result = await (
      await post(server, `/v1/carts/${cart.id}/ops`, {
        ops: [{ type: 'setDiscountCodes', codes: ['tote10', 'NOPE'] }],
      })
    ).json()
    expect(result.cart.discountCodes).toEqual([
      { code: 'tote10', applicable: true },
      { code: 'NOPE', applicable: false },
    ])
    expect(result.cart.cost.discount).toEqual({ amount: 700, currency: 'EUR' })
    expect(result.cart.cost.total).toEqual({ amount: 6300, currency: 'EUR' })
    expect(result.notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
  })

  it('answers 404 cart_not_found for an unknown cart and for another shop’s cart', async () => {
    const a = await shop()
    const b = await shop()
    const { cart } = await (await post(a, '/v1/carts', {})).json()
    const response = await b.fetch(new Request(`http://127.0.0.1/v1/carts/${cart.id}`))
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      code: 'cart_not_found',
      message: 'No such cart',
      details: {},
    })
  })

  it('completes a cart into an order, then refuses writes with 410 cart_completed', async () => {
    const server = await shop()
    const { cart } = await (
      await post(server, '/v1/carts', { ops: [setLine('organic-tee-l', 1)] })
    ).json()
    const done = await post(server, `/v1/carts/${cart.id}/complete`, {})
    expect(done.status).toBe(201)
    const { order, cart: completed } = await done.json()
    expect(order.total).toEqual({ amount: 2900, currency: 'EUR' })
    expect(completed.status).toBe('completed')
    const again = await post(server, `/v1/carts/${cart.id}/ops`, {
      ops: [setLine('organic-tee-l', 2)],
    })
    expect(again.status).toBe(410)
    expect((await again.json()).code).toBe('cart_completed')
    // The last T-shirt in L is sold: a new cart cannot have it.
    const next = await (
      await post(server, '/v1/carts', { ops: [setLine('organic-tee-l', 1)] })
    ).json()
    expect(next.notices[0].code).toBe('out_of_stock')
  })

  it('captures an email and creates one customer profile per address (docs/domain.md R13)', async () => {
    const server = await shop()
    const first = (await (await post(server, '/v1/carts', {})).json()).cart
    const second = (await (await post(server, '/v1/carts', {})).json()).cart
    const a = await post(server, `/v1/carts/${first.id}/email`, {
      email: 'ada@example.com',
      consent: true,
    })
    expect(a.status).toBe(200)
    expect((await a.json()).cart.email).toBe('ada@example.com')
    await post(server, `/v1/carts/${second.id}/email`, { email: 'ADA@example.com', consent: false })
    const { rows } = await storage.query<{
      email: string
      marketing_consent: boolean
      last_cart_id: string
    }>('SELECT email, marketing_consent, last_cart_id FROM customers WHERE shop_id = $1', [
      server.shop.id,
    ])
    expect(rows).toEqual([
      { email: 'ADA@example.com', marketing_consent: false, last_cart_id: second.id },
    ])
  })

  it('rejects a malformed email, op and JSON with 400 invalid_request', async () => {
    const server = await shop()
    const { cart } = await (await post(server, '/v1/carts', {})).json()
    const email = await post(server, `/v1/carts/${cart.id}/email`, { email: 'not an email' })
    expect(email.status).toBe(400)
    const [issue] = (await email.json()).details.issues
    expect(issue.path).toBe('email')
    // Issue messages say what is wrong in English, not zod/mini's bare "Invalid input".
    expect(issue.message).toBe('Invalid email address')
    const op = await post(server, `/v1/carts/${cart.id}/ops`, {
      ops: [{ type: 'setLine', quantity: -1 }],
    })
    expect(op.status).toBe(400)
    const key = await post(server, `/v1/carts/${cart.id}/ops`, {
      ops: [{ ...setLine('dot-notebook-a5', 1), lineKey: 'other' }],
    })
    expect(key.status).toBe(400)
    const json = await post(server, `/v1/carts/${cart.id}/ops`, '{"ops": [')
    expect(json.status).toBe(400)
    expect((await json.json()).code).toBe('invalid_request')
  })

  it('looks up merchandise by ids, leaving unknown ones out', async () => {
    const server = await shop()
    await server.merchant.updateVariant('riso-poster-a3', { discontinued: true })
    const response = await post(server, '/v1/merchandise/lookup', {
      ids: ['enamel-mug-white', 'riso-poster-a3', 'nope'],
    })
    const { merchandise } = await response.json()
    expect(merchandise).toEqual([
      expect.objectContaining({ id: 'enamel-mug-white', quantityAvailable: 3, available: true }),
    ])
  })
})

describe('idempotency', () => {
  it('replays the same response for the same key and body, without applying twice', async () => {
    const server = await shop()
    const { cart } = await (await post(server, '/v1/carts', {})).json()
    const body = { ops: [setLine('canvas-tote-black', 1)] }
    const first = await post(server, `/v1/carts/${cart.id}/ops`, body, { 'idempotency-key': 'k-1' })
    const second = await post(server, `/v1/carts/${cart.id}/ops`, body, {
      'idempotency-key': 'k-1',
    })
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(await second.json()).toEqual(await first.json())
    const now = await (
      await server.fetch(new Request(`http://127.0.0.1/v1/carts/${cart.id}`))
    ).json()
    expect(now.cart.version).toBe(cart.version + 1)
  })

  it('refuses the same key with another body: 409 idempotency_key_reused', async () => {
    const server = await shop()
    const { cart } = await (await post(server, '/v1/carts', {})).json()
    await post(
      server,
      `/v1/carts/${cart.id}/ops`,
      { ops: [setLine('canvas-tote-black', 1)] },
      { 'idempotency-key': 'k-2' },
    )
    const reused = await post(
      server,
      `/v1/carts/${cart.id}/ops`,
      { ops: [setLine('canvas-tote-black', 2)] },
      { 'idempotency-key': 'k-2' },
    )
    expect(reused.status).toBe(409)
    expect((await reused.json()).code).toBe('idempotency_key_reused')
  })

  it('creates one cart for two creates with one key', async () => {
    const server = await shop()
    const body = { ops: [setLine('dot-notebook-a5', 1)] }
    const [a, b] = await Promise.all([
      post(server, '/v1/carts', body, { 'idempotency-key': 'create-1' }),
      post(server, '/v1/carts', body, { 'idempotency-key': 'create-1' }),
    ])
    expect((await a.json()).cart.id).toBe((await b.json()).cart.id)
  })
})

describe('HTTP guards', () => {
  it('allows listed origins only (CORS allowlist)', async () => {
    const server = await shop()
    const preflight = (origin: string) =>
      server.fetch(
        new Request('http://127.0.0.1/v1/carts', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,idempotency-key',
          },
        }),
      )
    const allowed = await preflight('https://shop.example')
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example')
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    )
    const other = await preflight('https://evil.example')
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('keeps cart answers out of shared caches', async () => {
    const server = await shop()
    const response = await post(server, '/v1/carts', {})
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('refuses bodies over the size limit with 413', async () => {
    const server = await shop({ maxBodyBytes: 1024 })
    const response = await post(server, '/v1/carts', { ops: [], padding: 'x'.repeat(2000) })
    expect(response.status).toBe(413)
    expect((await response.json()).code).toBe('payload_too_large')
  })

  it('refuses non-JSON bodies with 415', async () => {
    const server = await shop()
    const response = await server.fetch(
      new Request('http://127.0.0.1/v1/carts', {
        method: 'POST',
        body: 'ops=1',
        headers: { 'content-type': 'text/plain' },
      }),
    )
    expect(response.status).toBe(415)
  })

  it('rate-limits recovery attempts with 429 and Retry-After, per window of the clock', async () => {
    const server = await shop({ recoverRateLimit: 3 })
    const attempt = () => post(server, '/v1/recover', { token: 'tote1.dev.x.y' })
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(400)
    const limited = await attempt()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    clock.advance(60_000)
    expect((await attempt()).status).toBe(400)
  })

  it('guards merchant endpoints with the bearer token', async () => {
    const server = await shop({ secrets: { merchantToken: 'merchant-token-for-tests' } })
    const get = (token?: string) =>
      server.fetch(
        new Request('http://127.0.0.1/v1/merchant/abandonment/settings', {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
      )
    expect((await get()).status).toBe(401)
    expect((await get('wrong')).status).toBe(401)
    const ok = await get('merchant-token-for-tests')
    expect(ok.status).toBe(200)
    expect((await ok.json()).settings).toMatchObject({ enabled: false, delayMinutes: 60 })
  })

  it('validates the abandonment delay between 20 minutes and 2 days (docs/domain.md R5)', async () => {
    const server = await shop({ secrets: { merchantToken: 'merchant-token-for-tests' } })
    const put = (delayMinutes: number) =>
      server.fetch(
        new Request('http://127.0.0.1/v1/merchant/abandonment/settings', {
          method: 'PUT',
          headers: {
            authorization: 'Bearer merchant-token-for-tests',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ enabled: true, delayMinutes }),
        }),
      )
    expect((await put(19)).status).toBe(400)
    expect((await put(2881)).status).toBe(400)
    expect((await put(20)).status).toBe(200)
    expect((await put(2880)).status).toBe(200)
  })
})
