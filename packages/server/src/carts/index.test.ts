import { isToteError, lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer, type ToteServerOptions } from '../server/index.ts'
import { describeOnEachStorage } from '../storage/each-storage.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
let shops = 0

const setLine = (merchandiseId: string, quantity: number) => ({
  type: 'setLine',
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId),
  lineId: null,
})

/** A shop of its own on `storage`, with its own manual clock and an HTTP helper. */
async function openShop(storage: Storage, options: Partial<ToteServerOptions> = {}) {
  const clock = createManualClock()
  const server = await createToteServer({
    storage,
    clock,
    shop: { id: `expiry-${++shops}`, recoveryUrl: 'https://atelier.example/recover' },
    sweepIntervalMs: 0,
    ...options,
  })
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await server.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    )
    return { status: response.status, body: await response.json() }
  }
  const newCart = async () => {
    const created = await call('POST', '/v1/carts', { ops: [setLine('canvas-tote-natural', 1)] })
    expect(created.status).toBe(201)
    return created.body.cart.id as string
  }
  return { server, clock, call, newCart }
}

const expired = (cartId: string) => ({
  code: 'cart_expired',
  message: 'This cart expired; start a new cart',
  details: { cartId },
})

function describeCartExpiry(name: string, storage: () => Storage): void {
  describe(`cart expiry (${name})`, () => {
    it('answers a read 410 cart_expired once the cart was not changed for 30 days', async () => {
      const { clock, call, newCart } = await openShop(storage())
      const cartId = await newCart()
      clock.advance(30 * DAY - 1)
      expect((await call('GET', `/v1/carts/${cartId}`)).status).toBe(200)
      clock.advance(1)
      expect(await call('GET', `/v1/carts/${cartId}`)).toEqual({
        status: 410,
        body: expired(cartId),
      })
    })

    it('counts the lifetime from the last change: every write restarts it', async () => {
      const { clock, call, newCart } = await openShop(storage(), { cartLifetimeMs: 20 * DAY })
      const cartId = await newCart()
      clock.advance(15 * DAY)
      const write = await call('POST', `/v1/carts/${cartId}/ops`, {
        ops: [setLine('dot-notebook-a5', 2)],
      })
      expect(write.status).toBe(200)
      clock.advance(15 * DAY)
      expect((await call('GET', `/v1/carts/${cartId}`)).status).toBe(200)
      clock.advance(5 * DAY)
      expect((await call('GET', `/v1/carts/${cartId}`)).status).toBe(410)
    })

    it('refuses every write to an expired cart with 410 cart_expired, and changes nothing', async () => {
      const { clock, call, newCart } = await openShop(storage())
      const cartId = await newCart()
      clock.advance(31 * DAY)
      const writes = [
        call('POST', `/v1/carts/${cartId}/ops`, { ops: [setLine('dot-notebook-a5', 1)] }),
        call('POST', `/v1/carts/${cartId}/email`, { email: 'ada@example.com', consent: false }),
        call('POST', `/v1/carts/${cartId}/complete`, {}),
      ]
      for (const answer of await Promise.all(writes)) {
        expect(answer).toEqual({ status: 410, body: expired(cartId) })
      }
      // Nothing was written: the merchant sees no order and no checkout for it.
      const { rows } = await storage().query<{ version: number; status: string }>(
        'SELECT version, status FROM carts WHERE id = $1',
        [cartId],
      )
      expect(rows).toEqual([{ version: 1, status: 'active' }])
    })

    it('keeps a completed cart cart_completed, however old (docs/domain.md R17)', async () => {
      const { clock, call, newCart } = await openShop(storage())
      const cartId = await newCart()
      expect((await call('POST', `/v1/carts/${cartId}/complete`, {})).status).toBe(201)
      clock.advance(365 * DAY)
      const read = await call('GET', `/v1/carts/${cartId}`)
      expect(read.status).toBe(200)
      expect(read.body.cart.status).toBe('completed')
      const write = await call('POST', `/v1/carts/${cartId}/ops`, {
        ops: [setLine('dot-notebook-a5', 1)],
      })
      expect(write.status).toBe(410)
      expect(write.body.code).toBe('cart_completed')
    })

    it('refuses the recovery link of an expired cart as an expired link', async () => {
      const { server, clock, call, newCart } = await openShop(storage())
      const cartId = await newCart()
      // A link sent late (no sweep ran for 29 days) still has days to run when its cart
      // expires; the cart's expiry is what refuses it.
      clock.advance(29 * DAY)
      const token = new URL(server.recoveryUrl(cartId)).searchParams.get('token')
      expect((await call('POST', '/v1/recover', { token })).status).toBe(200)
      clock.advance(1 * DAY)
      expect(await call('POST', '/v1/recover', { token })).toEqual({
        status: 410,
        body: {
          code: 'invalid_recovery_link',
          message: 'The cart of this recovery link expired',
          details: { reason: 'expired' },
        },
      })
    })

    it('sends no abandonment email for an expired cart and cancels it (docs/domain.md R3, R4)', async () => {
      const { server, clock, call, newCart } = await openShop(storage())
      await server.merchant.updateSettings({ enabled: true, delayMinutes: 60 })
      const capture = async (cartId: string) => {
        const captured = await call('POST', `/v1/carts/${cartId}/email`, {
          email: `${cartId.slice(-6)}@example.com`,
          consent: false,
        })
        expect(captured.status).toBe(200)
      }
      const left = await newCart()
      await capture(left)
      // No sweep runs for 31 days: `left` expires meanwhile, `recent` does not.
      clock.advance(20 * DAY)
      const recent = await newCart()
      await capture(recent)
      clock.advance(11 * DAY)
      expect(await server.sweep()).toEqual({ sent: [recent], failed: [] })
      expect((await server.outbox!.list()).map((email) => email.to)).toEqual([
        `${recent.slice(-6)}@example.com`,
      ])
      const { rows } = await storage().query<{ status: string }>(
        'SELECT status FROM abandonment_emails WHERE cart_id = $1',
        [left],
      )
      expect(rows).toEqual([{ status: 'cancelled' }])
    })
  })
}

describe('the cart lifetime option', () => {
  let storage: Storage
  beforeAll(async () => {
    storage = await createEmbeddedStorage()
  })
  afterAll(async () => {
    await storage?.close()
  })

  async function refusal(options: Partial<ToteServerOptions>) {
    const error = await openShop(storage, options).then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(isToteError(error)).toBe(true)
    return { code: (error as { code: string }).code, message: (error as Error).message }
  }

  it('refuses a lifetime shorter than the longest delay (docs/domain.md R5) plus the link lifetime', async () => {
    expect(await refusal({ cartLifetimeMs: 10 * DAY })).toEqual({
      code: 'invalid_argument',
      message:
        'options.cartLifetimeMs: expected at least 16 days (the longest abandonment delay, 2 days, plus recoveryLinkTtlMs, 14 days), so a recovery link never outlives its cart; got 10 days',
    })
    expect((await refusal({ recoveryLinkTtlMs: 29 * DAY })).message).toMatch(
      /^options\.cartLifetimeMs: expected at least 31 days .* got 30 days$/,
    )
  })

  it('refuses lifetimes that are not a positive number of milliseconds', async () => {
    expect((await refusal({ cartLifetimeMs: 0 })).message).toBe(
      'options.cartLifetimeMs: expected a positive number of milliseconds, got 0',
    )
    expect((await refusal({ recoveryLinkTtlMs: 1.5 })).message).toBe(
      'options.recoveryLinkTtlMs: expected a whole number of milliseconds',
    )
  })

  it('takes a shorter lifetime with a shorter link lifetime', async () => {
    const { clock, call, newCart } = await openShop(storage, {
      recoveryLinkTtlMs: 1 * DAY,
      cartLifetimeMs: 3 * DAY,
    })
    const cartId = await newCart()
    clock.advance(3 * DAY)
    expect((await call('GET', `/v1/carts/${cartId}`)).status).toBe(410)
  })
})

describeOnEachStorage('tote_expiry', describeCartExpiry)
