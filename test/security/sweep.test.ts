// The abandonment sweep never holds storage while it talks to a mail server, over HTTP on
// 127.0.0.1, on embedded storage and on PostgreSQL: a silent SMTP server and a mailer that
// fails leave the email queued for a later sweep, shoppers are served meanwhile, a second
// instance never sends what the first one claimed, and a cart without lines gets no email.
import { createServer, type Socket } from 'node:net'
import {
  createMemoryOutbox,
  createSmtpMailer,
  createToteServer,
  type Mailer,
  type SweepTimers,
} from '@tote/server'
import { expect, it, onTestFinished } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { listeningShop, MINUTE, setLine } from './listening-shop.ts'

/** An SMTP server that takes connections and never says a word; `connected` on the first. */
async function silentSmtpServer() {
  const sockets: Socket[] = []
  let connected!: () => void
  const first = new Promise<void>((resolve) => {
    connected = resolve
  })
  const server = createServer((socket) => {
    sockets.push(socket)
    connected()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => server.close(resolve))
  })
  return { url: `smtp://127.0.0.1:${port}`, connected: first, connections: () => sockets.length }
}

/** Timers the test fires by hand. */
function manualTimers(): SweepTimers & { fire(): void } {
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
  }
}

describeOnEachStorage('tote_sec_sweep', (label, storage) => {
  /** A listening shop with recovery emails on (20 minutes) and one cart due for its email. */
  async function shopWithDueCart(mailer: Mailer, timers?: SweepTimers) {
    const shop = await listeningShop(storage(), { mailer, ...(timers ? { timers } : {}) })
    await shop.server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const cartId = await shop.cart()
    const email = await shop.call('POST', `/v1/carts/${cartId}/email`, {
      email: 'shopper@example.com',
    })
    expect(email.status).toBe(200)
    shop.clock.advance(20 * MINUTE)
    return { shop, cartId }
  }

  it(`serves shoppers while the SMTP server is silent, and leaves the email queued (${label})`, async () => {
    const smtp = await silentSmtpServer()
    const timers = manualTimers()
    const mailer = await createSmtpMailer({ url: smtp.url, timeoutMs: 60_000 })
    const { shop, cartId } = await shopWithDueCart(mailer, timers)
    const sweep = shop.server.sweep()
    await smtp.connected
    // Every kind of shopper request goes through while the mail server keeps the sweep waiting.
    const created = await shop.call('POST', '/v1/carts', { ops: [setLine('riso-poster-a3', 1)] })
    expect(created.status).toBe(201)
    const other = created.body.cart.id
    expect(
      (await shop.call('POST', `/v1/carts/${other}/ops`, { ops: [setLine('dot-notebook-a5', 2)] }))
        .status,
    ).toBe(200)
    expect(
      (await shop.call('POST', `/v1/carts/${other}/email`, { email: 'other@example.com' })).status,
    ).toBe(200)
    expect((await shop.call('GET', `/v1/carts/${cartId}`)).status).toBe(200)
    expect(
      (await shop.call('POST', `/v1/carts/${cartId}/ops`, { ops: [setLine('dot-notebook-a5', 1)] }))
        .status,
    ).toBe(200)
    timers.fire()
    expect(await sweep).toEqual({ sent: [], failed: [cartId] })
    const { rows } = await storage().query<{ status: string }>(
      'SELECT status FROM abandonment_emails WHERE cart_id = $1',
      [cartId],
    )
    expect(rows).toEqual([{ status: 'queued' }])
  })

  it(`never lets a second instance send what the first one claimed, and sends it once the claim lapses (${label})`, async () => {
    const smtp = await silentSmtpServer()
    const timers = manualTimers()
    const mailer = await createSmtpMailer({ url: smtp.url, timeoutMs: 60_000 })
    const { shop, cartId } = await shopWithDueCart(mailer, timers)
    const outbox = createMemoryOutbox()
    const second = await createToteServer({
      storage: storage(),
      clock: shop.clock,
      shop: shop.server.shop,
      mailer: outbox,
      seedDemo: false,
      sweepIntervalMs: 0,
    })
    const sweep = shop.server.sweep()
    await smtp.connected
    // While the first instance waits on the mail server, the second finds nothing to send.
    expect(await second.sweep()).toEqual({ sent: [], failed: [] })
    timers.fire()
    expect(await sweep).toEqual({ sent: [], failed: [cartId] })
    expect(await second.sweep()).toEqual({ sent: [], failed: [] })
    shop.clock.advance(30 * MINUTE)
    expect(await second.sweep()).toEqual({ sent: [cartId], failed: [] })
    expect(await second.sweep()).toEqual({ sent: [], failed: [] })
    expect((await outbox.list()).map((email) => email.id)).toEqual([`abandoned-${cartId}`])
    expect(smtp.connections()).toBe(1)
  })

  it(`leaves an email whose mailer failed queued, and the next sweep sends it (${label})`, async () => {
    const outbox = createMemoryOutbox()
    let down = true
    const flaky: Mailer = {
      send: async (email) => {
        if (down) throw new Error('421 try again later')
        return outbox.send(email)
      },
    }
    const { shop, cartId } = await shopWithDueCart(flaky)
    expect(await shop.server.sweep()).toEqual({ sent: [], failed: [cartId] })
    down = false
    expect(await shop.server.sweep()).toEqual({ sent: [cartId], failed: [] })
    expect(await shop.server.sweep()).toEqual({ sent: [], failed: [] })
    expect(await outbox.list()).toHaveLength(1)
  })

  it(`sends no recovery email for a cart without lines (${label})`, async () => {
    const outbox = createMemoryOutbox()
    const { shop, cartId } = await shopWithDueCart(outbox)
    expect(
      (
        await shop.call('POST', `/v1/carts/${cartId}/ops`, {
          ops: [setLine('canvas-tote-natural', 0)],
        })
      ).status,
    ).toBe(200)
    const empty = await shop.call('POST', '/v1/carts', { ops: [] })
    await shop.call('POST', `/v1/carts/${empty.body.cart.id}/email`, { email: 'e@example.com' })
    shop.clock.advance(3 * 24 * 60 * MINUTE)
    expect(await shop.server.sweep()).toEqual({ sent: [], failed: [] })
    expect(await outbox.list()).toEqual([])
  })
})
