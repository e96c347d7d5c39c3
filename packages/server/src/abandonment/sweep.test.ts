import { lineKey } from '@tote/core/adapter'
import { expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createMemoryOutbox, type Mailer, type OutgoingEmail } from '../email/mailer.ts'
import { createToteServer, type ToteServer, type ToteServerOptions } from '../server/index.ts'
import { describeOnEachStorage } from '../storage/each-storage.ts'
import type { Storage } from '../storage/index.ts'
import type { SweepTimers } from './sweep.ts'

const MINUTE = 60_000
let shops = 0

const setLine = (merchandiseId: string, quantity: number) => ({
  type: 'setLine',
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId),
  lineId: null,
})

async function call(server: ToteServer, path: string, body: unknown) {
  const response = await server.fetch(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** A mailer that waits until the test lets it go; `called` resolves with the first email. */
function heldMailer() {
  const outbox = createMemoryOutbox()
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let called!: (email: OutgoingEmail) => void
  const sending = new Promise<OutgoingEmail>((resolve) => {
    called = resolve
  })
  const mailer: Mailer = {
    async send(email) {
      called(email)
      await released
      return outbox.send(email)
    },
  }
  return { mailer, outbox, release, sending }
}

/** Timers the test fires by hand. */
function manualTimers(): SweepTimers & { fire(): void; readonly pending: number } {
  const waiting = new Map<number, () => void>()
  let next = 0
  return {
    setTimeout(callback) {
      waiting.set(++next, callback)
      return next
    },
    clearTimeout(handle) {
      waiting.delete(handle as number)
    },
    fire() {
      const due = [...waiting.values()]
      waiting.clear()
      for (const callback of due) callback()
    },
    get pending() {
      return waiting.size
    },
  }
}

describeOnEachStorage('tote_sweep', (label, storage: () => Storage) => {
  /** A shop with the feature on (20 minutes) and one cart left in checkout, due now. */
  async function leftCart(options: Partial<ToteServerOptions> = {}) {
    const clock = createManualClock()
    const server = await createToteServer({
      storage: storage(),
      clock,
      shop: { id: `sweep-${++shops}` },
      sweepIntervalMs: 0,
      ...options,
    })
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const { cart } = await call(server, '/v1/carts', { ops: [setLine('canvas-tote-natural', 1)] })
    await call(server, `/v1/carts/${cart.id}/email`, { email: 'shopper@example.com' })
    clock.advance(20 * MINUTE)
    return { server, clock, cartId: cart.id as string }
  }

  it(`serves shoppers while the mailer takes its time, storage never held meanwhile (${label})`, async () => {
    const held = heldMailer()
    const { server, cartId } = await leftCart({ mailer: held.mailer })
    const sweep = server.sweep()
    await held.sending
    // The very cart being emailed, and a new one, are written while the email is out.
    const written = await call(server, `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 1)],
    })
    expect(written.cart.lines).toHaveLength(2)
    const other = await call(server, '/v1/carts', { ops: [setLine('riso-poster-a3', 1)] })
    expect(other.cart.lines).toHaveLength(1)
    held.release()
    expect(await sweep).toEqual({ sent: [cartId], failed: [] })
    expect(await held.outbox.list()).toHaveLength(1)
  })

  it(`leaves an email the mailer never answered queued, claimed against other instances until the claim lapses (${label})`, async () => {
    const timers = manualTimers()
    let asked = 0
    let asking!: () => void
    const askedOnce = new Promise<void>((resolve) => {
      asking = resolve
    })
    const silent: Mailer = {
      send: () => {
        asked++
        asking()
        return new Promise(() => {})
      },
    }
    const { server, clock, cartId } = await leftCart({ mailer: silent, timers })
    const outbox = createMemoryOutbox()
    const other = await createToteServer({
      storage: storage(),
      clock,
      shop: server.shop,
      mailer: outbox,
      sweepIntervalMs: 0,
      seedDemo: false,
    })
    const sweep = server.sweep()
    await askedOnce
    timers.fire()
    expect(await sweep).toEqual({ sent: [], failed: [cartId] })
    expect(timers.pending).toBe(0)
    // The silent server may still deliver it: nobody sends it while the claim holds.
    expect(await other.sweep()).toEqual({ sent: [], failed: [] })
    clock.advance(10 * MINUTE)
    expect(await other.sweep()).toEqual({ sent: [cartId], failed: [] })
    expect(await other.sweep()).toEqual({ sent: [], failed: [] })
    expect((await outbox.list()).map((email) => email.id)).toEqual([`abandoned-${cartId}`])
    expect(asked).toBe(1)
  })

  it(`aborts the mailer's signal when it gives up on an email (${label})`, async () => {
    const timers = manualTimers()
    let aborted!: (reason: unknown) => void
    const abort = new Promise((resolve) => {
      aborted = resolve
    })
    let started!: () => void
    const sending = new Promise<void>((resolve) => {
      started = resolve
    })
    const mailer: Mailer = {
      send: (_email, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => {
            aborted(options.signal?.reason)
            reject(options.signal?.reason)
          })
          started()
        }),
    }
    const { server, cartId } = await leftCart({ mailer, timers })
    const sweep = server.sweep()
    await sending
    timers.fire()
    expect(String(await abort)).toContain('did not answer')
    expect(await sweep).toEqual({ sent: [], failed: [cartId] })
  })

  it(`sends no recovery email for a cart without lines (${label})`, async () => {
    const outbox = createMemoryOutbox()
    const { server, clock, cartId } = await leftCart({ mailer: outbox })
    await call(server, `/v1/carts/${cartId}/ops`, { ops: [setLine('canvas-tote-natural', 0)] })
    clock.advance(3 * 24 * 60 * MINUTE)
    expect(await server.sweep()).toEqual({ sent: [], failed: [] })
    expect(await outbox.list()).toEqual([])
  })

  it(`sends a batch larger than one claim, each email once (${label})`, async () => {
    const outbox = createMemoryOutbox()
    // Thirteen shoppers, all from this one machine.
    const { server, clock } = await leftCart({ mailer: outbox, rateLimits: { captureEmail: 0 } })
    const more: string[] = []
    for (let i = 0; i < 12; i++) {
      const { cart } = await call(server, '/v1/carts', { ops: [setLine('dot-notebook-a5', 1)] })
      await call(server, `/v1/carts/${cart.id}/email`, { email: `shopper${i}@example.com` })
      more.push(cart.id)
    }
    clock.advance(20 * MINUTE)
    const { sent, failed } = await server.sweep()
    expect(failed).toEqual([])
    expect(sent).toHaveLength(13)
    expect(new Set(sent).size).toBe(13)
    expect(await outbox.list()).toHaveLength(13)
  })
})
