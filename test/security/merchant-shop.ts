// A shop served by @tote/server on 127.0.0.1 for the privacy, customer and order suites: each
// test opens its own shop (own id, clock and outbox) on the suite's storage and closes it.
import { randomBytes } from 'node:crypto'
import {
  createManualClock,
  createMemoryOutbox,
  createToteServer,
  type Storage,
  type ToteServerOptions,
} from '@tote/server'
import { onTestFinished } from 'vitest'
import { jsonCaller, MINUTE, setLine } from './http.ts'

export { type Answer, MINUTE, setLine } from './http.ts'

export const MERCHANT_TOKEN = 'merchant-token-for-security-tests-0123456789'
export const DAY = 24 * 60 * MINUTE

/** Opens a listening shop on `storage`; closed when the test finishes. */
export async function openShop(storage: Storage, options: Partial<ToteServerOptions> = {}) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9))
  const outbox = createMemoryOutbox(clock)
  const server = await createToteServer({
    storage,
    clock,
    mailer: outbox,
    shop: {
      id: `sec-${randomBytes(5).toString('hex')}`,
      name: 'Atelier Tote',
      contact: { email: 'hello@atelier.example' },
      recoveryUrl: 'https://atelier.example/recover',
    },
    secrets: {
      merchantToken: MERCHANT_TOKEN,
      recoveryKeys: [{ id: 'sec', secret: randomBytes(32).toString('base64url') }],
    },
    sweepIntervalMs: 0,
    // Many shoppers, all from this one machine: the per-client rate limits are tested apart.
    rateLimits: { createCart: 0, writes: 0, captureEmail: 0 },
    ...options,
  })
  const { url } = await server.listen(0)
  onTestFinished(() => server.close())

  const call = jsonCaller(url)
  const merchant = (method: string, path: string, body?: unknown) =>
    call(method, path, body, { authorization: `Bearer ${MERCHANT_TOKEN}` })

  /** A new cart with one line; its id. */
  const newCart = async (headers: Record<string, string> = {}): Promise<string> => {
    const answer = await call(
      'POST',
      '/v1/carts',
      { ops: [setLine('canvas-tote-natural', 1)] },
      headers,
    )
    if (answer.status !== 201) throw new Error(`create: ${answer.status} ${answer.text}`)
    return answer.body.cart.id
  }
  const captureEmail = async (
    cartId: string,
    email: string,
    consent = false,
    headers: Record<string, string> = {},
  ) => {
    const answer = await call('POST', `/v1/carts/${cartId}/email`, { email, consent }, headers)
    if (answer.status !== 200) throw new Error(`email: ${answer.status} ${answer.text}`)
    return answer
  }
  const complete = async (cartId: string) => {
    const answer = await call('POST', `/v1/carts/${cartId}/complete`, {})
    if (answer.status !== 201) throw new Error(`complete: ${answer.status} ${answer.text}`)
    return answer.body.order as { id: string }
  }
  /** The customer profile id of an address (one row), straight from storage. */
  const customerIdOf = async (email: string): Promise<string> => {
    const { rows } = await storage.query<{ id: string }>(
      'SELECT id FROM customers WHERE shop_id = $1 AND email_normalized = $2',
      [server.shop.id, email.toLowerCase()],
    )
    if (!rows[0]) throw new Error('no such customer')
    return rows[0].id
  }
  return {
    server,
    clock,
    outbox,
    url,
    call,
    merchant,
    newCart,
    captureEmail,
    complete,
    customerIdOf,
  }
}
