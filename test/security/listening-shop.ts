// A shop served by @tote/server on 127.0.0.1 for the hardening suites (input, limits, proxy,
// sweep, config): each test opens its own shop on the suite's storage, and can take a picture
// of everything the shop stored, to assert that a refused request stored nothing.
import { randomBytes } from 'node:crypto'
import { Agent, request as httpRequest } from 'node:http'
import {
  createManualClock,
  createMemoryOutbox,
  createToteServer,
  type Storage,
  type ToteServerOptions,
} from '@tote/server'
import { onTestFinished } from 'vitest'
import { jsonCaller, setLine } from './http.ts'

export { type Answer, MINUTE, setLine } from './http.ts'

export const MERCHANT_TOKEN = 'merchant-token-for-hardening-tests-0123456789'

/**
 * Everything a shop keeps, row by row: carts (with version, totals, note, attributes), lines,
 * idempotency keys, customers, queued emails and orders. Equal before and after a refused
 * request means nothing was stored.
 */
export async function storedState(storage: Storage, shopId: string): Promise<unknown> {
  const read = async (sql: string) => (await storage.query(sql, [shopId])).rows
  return {
    carts: await read(
      `SELECT id, version, subtotal, total, note, attributes, email, updated_at, recovery_opened_at
         FROM carts WHERE shop_id = $1 ORDER BY id`,
    ),
    lines: await read(
      `SELECT l.cart_id, l.line_key, l.quantity FROM cart_lines l JOIN carts c ON c.id = l.cart_id
        WHERE c.shop_id = $1 ORDER BY l.cart_id, l.position`,
    ),
    idempotencyKeys: await read(
      'SELECT scope, key, status FROM idempotency_keys WHERE shop_id = $1 ORDER BY scope, key',
    ),
    customers: await read('SELECT id, email FROM customers WHERE shop_id = $1 ORDER BY id'),
    emails: await read(
      'SELECT cart_id, status, claim_id FROM abandonment_emails WHERE shop_id = $1 ORDER BY cart_id',
    ),
    orders: await read('SELECT id, total FROM orders WHERE shop_id = $1 ORDER BY id'),
  }
}

/** Opens a listening shop on `storage`, closed when the test finishes. */
export async function listeningShop(storage: Storage, options: Partial<ToteServerOptions> = {}) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9))
  const outbox = createMemoryOutbox(clock)
  const server = await createToteServer({
    storage,
    clock,
    mailer: outbox,
    shop: { id: `hard-${randomBytes(5).toString('hex')}` },
    secrets: {
      merchantToken: MERCHANT_TOKEN,
      recoveryKeys: [{ id: 'hard', secret: randomBytes(32).toString('base64url') }],
    },
    sweepIntervalMs: 0,
    ...options,
  })
  const { url, port } = await server.listen(0)
  onTestFinished(() => server.close())
  const shopId = server.shop.id

  const call = jsonCaller(url)

  /** A cart with these ops (one tote bag by default); its id. */
  const cart = async (ops: unknown[] = [setLine('canvas-tote-natural', 1)]): Promise<string> => {
    const answer = await call('POST', '/v1/carts', { ops })
    if (answer.status !== 201) throw new Error(`create: ${answer.status} ${answer.text}`)
    return answer.body.cart.id
  }

  return {
    server,
    clock,
    outbox,
    url,
    port,
    shopId,
    call,
    merchant: (method: string, path: string, body?: unknown) =>
      call(method, path, body, { authorization: `Bearer ${MERCHANT_TOKEN}` }),
    cart,
    stored: () => storedState(storage, shopId),
  }
}

/**
 * One raw HTTP/1.1 exchange on a keep-alive connection: status, headers, and a promise that
 * settles when the server closes the connection.
 */
export function rawRequest(
  port: number,
  options: { method: string; path: string; headers: Record<string, string>; body: string },
): Promise<{ status: number; headers: Record<string, unknown>; closed: Promise<void> }> {
  const agent = new Agent({ keepAlive: true })
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: options.method,
        path: options.path,
        headers: { connection: 'keep-alive', ...options.headers },
      },
      (res) => {
        const socket = res.socket
        const closed = new Promise<void>((done) => {
          if (socket.destroyed) done()
          else socket.once('close', () => done())
        })
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, closed }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
