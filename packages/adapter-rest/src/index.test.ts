import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type AdapterContext,
  isToteError,
  lineKey,
  parseWriteResult,
  type ToteAdapterError,
} from '@tote/core/adapter'
import {
  createEmbeddedStorage,
  createManualClock,
  createToteServer,
  type Storage,
  type ToteServer,
} from '@tote/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRestAdapter, parseRetryAfter, recoveryToken } from './index.ts'

const clock = createManualClock()
let storage: Storage
let server: ToteServer
let baseUrl: string

beforeAll(async () => {
  storage = await createEmbeddedStorage()
  server = await createToteServer({
    storage,
    clock,
    shop: { id: 'rest-adapter' },
    sweepIntervalMs: 0,
  })
  baseUrl = (await server.listen(0)).url
})
afterAll(async () => {
  await server?.close()
  await storage?.close()
})

let keys = 0
function ctx(
  idempotencyKey = `key-${++keys}`,
  signal = new AbortController().signal,
): AdapterContext {
  return { signal, idempotencyKey }
}
const setLine = (merchandiseId: string, quantity: number) => ({
  type: 'setLine' as const,
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId),
  lineId: null,
})

async function failure(promise: Promise<unknown>): Promise<ToteAdapterError> {
  try {
    await promise
  } catch (error) {
    if (isToteError(error)) return error as ToteAdapterError
    throw error
  }
  throw new Error('expected a rejection')
}

describe('against @tote/server on 127.0.0.1', () => {
  it('creates, reads, applies and captures an email', async () => {
    const adapter = createRestAdapter({ baseUrl })
    const created = await adapter.create({ ops: [setLine('canvas-tote-natural', 1)] }, ctx())
    expect(created.cart.lines[0]?.quantity).toBe(1)
    const applied = await adapter.apply(created.cart.id, [setLine('enamel-mug-white', 9)], ctx())
    expect(applied.notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', from: 9, to: 3 }),
    ])
    const withEmail = await adapter.captureEmail(
      created.cart.id,
      { email: 'shopper@example.com', consent: false },
      ctx(),
    )
    expect(withEmail.cart.email).toBe('shopper@example.com')
    expect((await adapter.get(created.cart.id, ctx()))?.version).toBe(withEmail.cart.version)
  })

  it('sends the Idempotency-Key: a retried batch is replayed, another batch under it is a conflict', async () => {
    const adapter = createRestAdapter({ baseUrl })
    const { cart } = await adapter.create({ ops: [] }, ctx())
    const retried = ctx()
    const first = await adapter.apply(cart.id, [setLine('dot-notebook-a5', 2)], retried)
    const again = await adapter.apply(cart.id, [setLine('dot-notebook-a5', 2)], retried)
    expect(again.cart.version).toBe(first.cart.version)
    const error = await failure(adapter.apply(cart.id, [setLine('dot-notebook-a5', 3)], retried))
    expect(error.code).toBe('conflict')
    expect(error.status).toBe(409)
  })

  it('gives null for a missing cart and cart_not_found when writing to it', async () => {
    const adapter = createRestAdapter({ baseUrl })
    expect(await adapter.get('cart_missing', ctx())).toBeNull()
    expect(
      (await failure(adapter.apply('cart_missing', [setLine('dot-notebook-a5', 1)], ctx()))).code,
    ).toBe('cart_not_found')
  })

  it('maps a completed cart to cart_completed', async () => {
    const adapter = createRestAdapter({ baseUrl })
    const { cart } = await adapter.create({ ops: [setLine('dot-notebook-a5', 1)] }, ctx())
    await fetch(`${baseUrl}/v1/carts/${cart.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(
      (await failure(adapter.apply(cart.id, [setLine('dot-notebook-a5', 2)], ctx()))).code,
    ).toBe('cart_completed')
  })

  it('recovers a cart from a link, and refuses a tampered one', async () => {
    const adapter = createRestAdapter({ baseUrl })
    const { cart } = await adapter.create({ ops: [setLine('riso-poster-a3', 2)] }, ctx())
    const link = server.recoveryUrl(cart.id)
    await server.merchant.updateVariant('riso-poster-a3', { price: 3900 })
    const recovered = await adapter.recover(link, ctx())
    expect(recovered.cart.lines[0]?.cost.unitPrice.amount).toBe(3500)
    expect(recovered.merchandise[0]?.price.amount).toBe(3900)
    const tampered = `${link.slice(0, -2)}xx`
    const error = await failure(adapter.recover(tampered, ctx()))
    expect(error.code).toBe('invalid_recovery_link')
    expect(error.details?.reason).toBe('tampered')
  })

  it('looks up more ids than one request carries, in several requests', async () => {
    let requests = 0
    const adapter = createRestAdapter({
      baseUrl,
      fetch: (input, init) => {
        requests++
        return fetch(input, init)
      },
    })
    const ids = [
      ...Array.from({ length: 300 }, (_, i) => `unknown-${i}`),
      'enamel-mug-white',
      'organic-tee-m',
    ]
    const found = await adapter.merchandise(ids, ctx())
    expect(found.map((item) => item.id).sort()).toEqual(['enamel-mug-white', 'organic-tee-m'])
    expect(requests).toBe(2)
  })

  it('refuses a malformed op as rejected, without changing the cart', async () => {
    const adapter = createRestAdapter({ baseUrl })
    const { cart } = await adapter.create({ ops: [setLine('dot-notebook-a5', 1)] }, ctx())
    const error = await failure(adapter.apply(cart.id, [setLine('dot-notebook-a5', 1.5)], ctx()))
    expect(error.code).toBe('rejected')
    expect(error.status).toBe(400)
    expect((await adapter.get(cart.id, ctx()))?.lines[0]?.quantity).toBe(1)
  })
})

describe('failure mapping', () => {
  let fake: Server
  let fakeUrl: string
  let handler: (request: IncomingMessage, response: ServerResponse) => void = () => {}
  const seen: IncomingMessage[] = []

  beforeAll(async () => {
    fake = createServer((request, response) => {
      seen.push(request)
      handler(request, response)
    })
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
    fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    fake.closeAllConnections()
    await new Promise((resolve) => fake.close(resolve))
  })

  function answer(status: number, body: string, headers: Record<string, string> = {}) {
    handler = (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers })
      response.end(body)
    }
  }

  const cases: [string, () => void, string, Partial<ToteAdapterError>?][] = [
    [
      '429 with Retry-After seconds',
      () => answer(429, '{}', { 'retry-after': '7' }),
      'rate_limited',
      { retryAfterMs: 7000 },
    ],
    [
      '500',
      () => answer(500, '{"code":"internal_error","message":"boom","details":{}}'),
      'server_error',
    ],
    [
      '503 with an HTML page',
      () => answer(503, '<html>down</html>', { 'content-type': 'text/html' }),
      'server_error',
    ],
    ['409', () => answer(409, '{"code":"x","message":"y","details":{}}'), 'conflict'],
    [
      '404',
      () => answer(404, '{"code":"cart_not_found","message":"no","details":{}}'),
      'cart_not_found',
    ],
    [
      '410',
      () => answer(410, '{"code":"cart_completed","message":"done","details":{}}'),
      'cart_completed',
    ],
    ['422', () => answer(422, '{"code":"cart_empty","message":"empty","details":{}}'), 'rejected'],
    [
      '422 cart_too_large',
      () => answer(422, '{"code":"cart_too_large","message":"full","details":{"maxLines":500}}'),
      'rejected',
      { details: { serverCode: 'cart_too_large', maxLines: 500 } },
    ],
    [
      'cart_too_large on a 409',
      () => answer(409, '{"code":"cart_too_large","message":"full","details":{}}'),
      'rejected',
    ],
    [
      'amount_too_large on a 413',
      () => answer(413, '{"code":"amount_too_large","message":"too much","details":{}}'),
      'rejected',
    ],
    [
      'HTML on 200',
      () => answer(200, '<!doctype html><p>hi</p>', { 'content-type': 'text/html' }),
      'invalid_response',
    ],
    ['truncated JSON on 200', () => answer(200, '{"cart": {"id"'), 'invalid_response'],
  ]

  for (const [name, arrange, code, extra] of cases) {
    it(`maps ${name} to ${code}`, async () => {
      arrange()
      const adapter = createRestAdapter({ baseUrl: fakeUrl })
      const error = await failure(adapter.apply('cart_1', [setLine('a', 1)], ctx()))
      expect(error.code).toBe(code)
      if (extra) expect(error).toMatchObject(extra)
    })
  }

  it('passes JSON of the wrong shape through, for the engine to refuse as invalid_response', async () => {
    answer(200, '{"cart": {"id": "x"}, "notices": []}')
    const adapter = createRestAdapter({ baseUrl: fakeUrl })
    const answered = await adapter.apply('cart_1', [setLine('a', 1)], ctx())
    expect(answered).toEqual({ cart: { id: 'x' }, notices: [] })
    expect(() => parseWriteResult(answered)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    )
  })

  it('refuses a read without a cart, which must not pass for a cart that is gone', async () => {
    answer(200, '{"carts": []}')
    const adapter = createRestAdapter({ baseUrl: fakeUrl })
    expect((await failure(adapter.get('cart_1', ctx()))).code).toBe('invalid_response')
  })

  it('parses merchandise lookups: one unreadable entry refuses the answer', async () => {
    answer(200, '{"merchandise": [{"id": "a"}]}')
    const adapter = createRestAdapter({ baseUrl: fakeUrl })
    expect((await failure(adapter.merchandise(['a'], ctx()))).code).toBe('invalid_response')
    answer(200, '{"items": []}')
    expect((await failure(adapter.merchandise(['a'], ctx()))).code).toBe('invalid_response')
  })

  it('keeps the code and message of a refusal, and leaves a body of another shape out', async () => {
    answer(422, '{"code":"cart_empty","message":"empty","details":{"lines":0}}')
    const adapter = createRestAdapter({ baseUrl: fakeUrl })
    const refused = await failure(adapter.apply('cart_1', [setLine('a', 1)], ctx()))
    expect(refused).toMatchObject({
      message: 'empty',
      details: { serverCode: 'cart_empty', lines: 0 },
    })
    answer(422, '{"code":"cart_empty","message":"empty","details":[1]}')
    const odd = await failure(adapter.apply('cart_1', [setLine('a', 1)], ctx()))
    expect(odd).toMatchObject({ message: 'the server answered 422', details: {} })
  })

  it('maps a refused connection to network', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const adapter = createRestAdapter({ baseUrl: `http://127.0.0.1:${port}` })
    expect((await failure(adapter.get('cart_1', ctx()))).code).toBe('network')
  })

  it('maps a server that never answers to timeout', async () => {
    handler = () => {}
    const adapter = createRestAdapter({ baseUrl: fakeUrl, timeoutMs: 50 })
    expect((await failure(adapter.get('cart_1', ctx()))).code).toBe('timeout')
  })

  it('passes ctx.signal: an aborted call fails at once', async () => {
    handler = () => {}
    const controller = new AbortController()
    const adapter = createRestAdapter({ baseUrl: fakeUrl })
    const pending = failure(adapter.get('cart_1', ctx('k', controller.signal)))
    controller.abort()
    expect((await pending).code).toBe('network')
  })

  it('sends Idempotency-Key and the configured headers', async () => {
    answer(500, '{}')
    const adapter = createRestAdapter({ baseUrl: fakeUrl, headers: { 'x-shop': 'demo' } })
    await failure(adapter.apply('cart_1', [setLine('a', 1)], ctx('batch-42')))
    const request = seen.at(-1)!
    expect(request.headers['idempotency-key']).toBe('batch-42')
    expect(request.headers['x-shop']).toBe('demo')
    expect(request.url).toBe('/v1/carts/cart_1/ops')
  })

  it('names a bad baseUrl', () => {
    expect(() => createRestAdapter({ baseUrl: 'ftp://x' })).toThrow(/options\.baseUrl/)
  })
})

describe('helpers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1)
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('finds the token of a recovery link', () => {
    expect(recoveryToken('https://shop.example/recover?token=tote1.a.b.c')).toBe('tote1.a.b.c')
    expect(recoveryToken('https://shop.example/recover#token=tote1.a.b.c')).toBe('tote1.a.b.c')
    expect(recoveryToken('tote1.a.b.c')).toBe('tote1.a.b.c')
    expect(recoveryToken('https://shop.example/recover')).toBeNull()
  })
})
