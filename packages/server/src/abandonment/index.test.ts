import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock, type ManualClock } from '../clock/index.ts'
import { createFolderOutbox, createMemoryOutbox, type Mailer } from '../email/mailer.ts'
import { createToteServer, type ToteServer, type ToteServerOptions } from '../server/index.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'

const MINUTE = 60_000
let storage: Storage
let shops = 0

beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

const setLine = (merchandiseId: string, quantity: number) => ({
  type: 'setLine',
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId),
  lineId: null,
})

/** A shop of its own on the shared storage, with its own clock and the feature on. */
async function shop(
  options: {
    enabled?: boolean
    delayMinutes?: number
    message?: string
  } & Partial<ToteServerOptions> = {},
) {
  const { enabled = true, delayMinutes = 30, message, ...rest } = options
  const clock = (rest.clock as ManualClock | undefined) ?? createManualClock()
  const server = await createToteServer({
    storage,
    clock,
    shop: {
      id: `abandon-${++shops}`,
      name: 'Atelier Tote',
      contact: {
        email: 'hello@atelier.example',
        phone: '+33 1 23 45 67 89',
        address: '3 rue du Test, Paris',
      },
      recoveryUrl: 'https://atelier.example/recover',
    },
    sweepIntervalMs: 0,
    ...rest,
  })
  if (enabled)
    await server.merchant.updateSettings({ enabled, delayMinutes, ...(message ? { message } : {}) })
  return { server, clock, ...api(server) }
}

function api(server: ToteServer) {
  const call = async (path: string, body: unknown) => {
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
  return {
    async cart(ops = [setLine('canvas-tote-natural', 2)]): Promise<string> {
      return (await call('/v1/carts', { ops })).cart.id
    },
    update: (cartId: string, ops = [setLine('dot-notebook-a5', 1)]) =>
      call(`/v1/carts/${cartId}/ops`, { ops }),
    email: (cartId: string, email = 'shopper@example.com') =>
      call(`/v1/carts/${cartId}/email`, { email, consent: true }),
    complete: (cartId: string) => call(`/v1/carts/${cartId}/complete`, {}),
    emails: async () => (await server.outbox!.list()).map((entry) => entry.id),
  }
}

describe('abandoned-cart emails', () => {
  it('only carts with an email get one (docs/domain.md R3)', async () => {
    const { server, clock, cart, email, emails } = await shop()
    const anonymous = await cart()
    const known = await cart()
    await email(known)
    clock.advance(3 * 24 * 60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([known])
    expect(await emails()).toEqual([`abandoned-${known}`])
    expect(await emails()).not.toContain(`abandoned-${anonymous}`)
  })

  it('goes out once the delay has passed since the last update, and each update restarts it (docs/domain.md R4)', async () => {
    const { server, clock, cart, email, update, emails } = await shop({ delayMinutes: 30 })
    const id = await cart()
    await email(id)
    clock.advance(29 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    await update(id)
    clock.advance(29 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    clock.advance(1 * MINUTE)
    expect((await server.sweep()).sent).toEqual([id])
    expect(await emails()).toHaveLength(1)
  })

  it('keeps the delay between 20 minutes and 2 days, and a new delay moves queued emails (docs/domain.md R5)', async () => {
    const { server, clock, cart, email } = await shop({ delayMinutes: 20 })
    await expect(server.merchant.updateSettings({ delayMinutes: 19 })).rejects.toThrow()
    await expect(
      server.merchant.updateSettings({ delayMinutes: 2 * 24 * 60 + 1 }),
    ).rejects.toThrow()
    const id = await cart()
    await email(id)
    await server.merchant.updateSettings({ delayMinutes: 2 * 24 * 60 })
    clock.advance(24 * 60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    clock.advance(24 * 60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([id])
  })

  it('sends nothing when the order is placed before the delay (docs/domain.md R6)', async () => {
    const { server, clock, cart, email, complete, emails } = await shop()
    const id = await cart()
    await email(id)
    clock.advance(10 * MINUTE)
    await complete(id)
    clock.advance(2 * 24 * 60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    expect(await emails()).toEqual([])
  })

  it('does not reach back to carts abandoned before it was turned on (docs/domain.md R7)', async () => {
    const { server, clock, cart, email, update } = await shop({ enabled: false })
    const before = await cart()
    await email(before)
    const later = await cart()
    await email(later)
    clock.advance(60 * MINUTE)
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 30 })
    clock.advance(2 * 24 * 60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    // A cart the shopper comes back to after the feature was turned on is a new abandonment.
    await update(later)
    clock.advance(30 * MINUTE)
    expect((await server.sweep()).sent).toEqual([later])
  })

  it('turning it off cancels every queued email, even if turned on again (docs/domain.md R8)', async () => {
    const { server, clock, cart, email } = await shop()
    const a = await cart()
    const b = await cart()
    await email(a)
    await email(b, 'other@example.com')
    clock.advance(10 * MINUTE)
    await server.merchant.updateSettings({ enabled: false })
    clock.advance(60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
    await server.merchant.updateSettings({ enabled: true })
    clock.advance(60 * MINUTE)
    expect((await server.sweep()).sent).toEqual([])
  })

  it('holds the shop name, contact footer, items with image, quantity and description, the button and the merchant’s text (docs/domain.md R9)', async () => {
    const { server, clock, cart, email } = await shop({
      message: 'We kept your items aside.\n\nFree shipping until Sunday.',
    })
    const id = await cart([setLine('canvas-tote-natural', 2), setLine('enamel-mug-white', 1)])
    await email(id)
    clock.advance(30 * MINUTE)
    await server.sweep()
    const [sent] = await server.outbox!.list()
    expect(sent).toMatchObject({ to: 'shopper@example.com', from: 'hello@atelier.example' })
    const { html, text, subject } = sent!
    expect(subject).toContain('Atelier Tote')
    for (const part of [
      'Atelier Tote',
      'hello@atelier.example',
      '+33 1 23 45 67 89',
      '3 rue du Test, Paris',
      'We kept your items aside.',
      'Free shipping until Sunday.',
      'Canvas tote bag',
      'Heavy organic canvas, reinforced handles, an inside pocket.',
      'Quantity: 2',
      'Enamel mug',
      'Quantity: 1',
      '/assets/products/canvas-tote.svg',
      '/assets/products/enamel-mug.svg',
      'Complete your order',
    ]) {
      expect(html).toContain(part)
    }
    expect(text).toContain('Canvas tote bag — Natural × 2')
    expect(text).toContain('Complete your order: https://atelier.example/recover?token=tote1.')
    const link = /href="(https:\/\/atelier\.example\/recover\?token=[^"]+)"/.exec(html)![1]!
    expect(sent!.recoveryUrl).toBe(link)
    expect(link).not.toContain('shopper')
    expect(decodeURIComponent(link)).not.toContain('@')
    // The link opens this very cart.
    const token = new URL(link.replaceAll('&amp;', '&')).searchParams.get('token')
    const recovered = await server.fetch(
      new Request('http://127.0.0.1/v1/recover', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      }),
    )
    expect((await recovered.json()).cart.id).toBe(id)
  })

  it('escapes the merchant’s text and previews the email (docs/domain.md R9)', async () => {
    const { server } = await shop({ message: '<script>alert(1)</script> See you soon' })
    const response = await server.fetch(
      new Request('http://127.0.0.1/v1/merchant/abandonment/preview?format=html', {
        headers: { authorization: `Bearer ${server.merchantToken}` },
      }),
    )
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; See you soon')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Complete your order')
    expect(await server.outbox!.list()).toEqual([])
  })

  it('counts abandoned carts, their value, the recovered ones and the rate (docs/domain.md R10)', async () => {
    const { server, clock, cart, email, complete } = await shop()
    const a = await cart([setLine('canvas-tote-natural', 1)])
    const b = await cart([setLine('riso-poster-a3', 1)])
    const c = await cart([setLine('dot-notebook-a5', 1)])
    await email(a)
    await email(b, 'b@example.com')
    await email(c, 'c@example.com')
    await complete(c)
    clock.advance(30 * MINUTE)
    await server.sweep()
    await complete(a)
    const stats = await server.merchant.stats()
    expect(stats).toEqual({
      abandoned: 2,
      value: { amount: 2400 + 3500, currency: 'EUR' },
      emailsSent: 2,
      recovered: 1,
      recoveredValue: { amount: 2400, currency: 'EUR' },
      recoveryRate: 0.5,
    })
  })

  it('shows the merchant carts in checkout and abandoned: what, when, for whom (docs/domain.md R1, R2)', async () => {
    const { server, clock, cart, email } = await shop({ delayMinutes: 30 })
    const left = await cart([setLine('enamel-mug-white', 2)])
    await email(left, 'left@example.com')
    clock.advance(40 * MINUTE)
    const fresh = await cart()
    await email(fresh, 'fresh@example.com')
    await cart() // no email: not in checkout
    await server.sweep()
    const list = async (state: string) => {
      const response = await server.fetch(
        new Request(`http://127.0.0.1/v1/merchant/carts?state=${state}`, {
          headers: { authorization: `Bearer ${server.merchantToken}` },
        }),
      )
      return (await response.json()).carts
    }
    expect(await list('abandoned')).toEqual([
      expect.objectContaining({
        id: left,
        state: 'abandoned',
        email: 'left@example.com',
        total: { amount: 2900, currency: 'EUR' },
        lines: [{ merchandiseId: 'enamel-mug-white', title: 'Enamel mug', quantity: 2 }],
        recoveryEmail: 'sent',
      }),
    ])
    expect((await list('checkout')).map((entry: { id: string }) => entry.id)).toEqual([fresh])
  })

  it('sends each email exactly once, whatever the number of sweeps and instances', async () => {
    const first = await shop()
    const clock = first.clock
    const shared = createMemoryOutbox()
    const a = await createToteServer({
      storage,
      clock,
      shop: first.server.shop,
      mailer: shared,
      sweepIntervalMs: 0,
    })
    const b = await createToteServer({
      storage,
      clock,
      shop: first.server.shop,
      mailer: shared,
      sweepIntervalMs: 0,
    })
    const ids = await Promise.all(Array.from({ length: 6 }, () => first.cart()))
    // One address each: an address gets one recovery email a day by default.
    for (const [index, id] of ids.entries()) await first.email(id, `shopper-${index}@example.com`)
    clock.advance(30 * MINUTE)
    // Two calls on one instance share one sweep; instances are kept apart by row locks.
    const sweepA = a.sweep()
    expect(a.sweep()).toBe(sweepA)
    const results = await Promise.all([sweepA, b.sweep(), first.server.sweep()])
    const sent = results.flatMap((result) => result.sent)
    expect(sent.sort()).toEqual([...ids].sort())
    expect(await shared.list()).toHaveLength(6 - (await first.emails()).length)
    expect((await a.sweep()).sent).toEqual([])
  })

  it('leaves an email queued when sending fails, and sends it on the next sweep', async () => {
    let down = true
    const outbox = createMemoryOutbox()
    const flaky: Mailer = {
      send: async (message) => {
        if (down) throw new Error('SMTP unavailable')
        return outbox.send(message)
      },
    }
    const { server, clock, cart, email } = await shop({ mailer: flaky })
    const id = await cart()
    await email(id)
    clock.advance(30 * MINUTE)
    expect(await server.sweep()).toEqual({ sent: [], failed: [id] })
    down = false
    expect(await server.sweep()).toEqual({ sent: [id], failed: [] })
    expect(await server.sweep()).toEqual({ sent: [], failed: [] })
  })

  it('lists the outbox at the dev URL', async () => {
    const { server, clock, cart, email } = await shop({ devRoutes: true })
    const id = await cart()
    await email(id)
    clock.advance(30 * MINUTE)
    await server.sweep()
    const list = await (
      await server.fetch(new Request('http://127.0.0.1/dev/outbox?format=json'))
    ).json()
    expect(list.emails.map((entry: { id: string }) => entry.id)).toEqual([`abandoned-${id}`])
    const page = await server.fetch(new Request(`http://127.0.0.1/dev/outbox/abandoned-${id}`))
    expect(await page.text()).toContain('Complete your order')
  })
})

describe('across a restart (embedded storage in a folder)', () => {
  it('never sends an email twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tote-restart-'))
    try {
      const clock = createManualClock()
      const outboxDir = join(dir, 'outbox')
      const open = async () => {
        const folderStorage = await createEmbeddedStorage({ dataDir: join(dir, 'db') })
        const server = await createToteServer({
          storage: folderStorage,
          clock,
          mailer: createFolderOutbox(outboxDir, clock),
          sweepIntervalMs: 0,
        })
        return { folderStorage, server, ...api(server) }
      }
      const first = await open()
      await first.server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
      const a = await first.cart()
      const b = await first.cart()
      await first.email(a)
      clock.advance(20 * MINUTE)
      await first.email(b, 'b@example.com')
      expect((await first.server.sweep()).sent).toEqual([a])
      await first.server.close()
      await first.folderStorage.close()

      const second = await open()
      clock.advance(20 * MINUTE)
      expect((await second.server.sweep()).sent).toEqual([b])
      expect((await second.server.sweep()).sent).toEqual([])
      expect((await second.server.outbox!.list()).map((entry) => entry.id).sort()).toEqual(
        [`abandoned-${a}`, `abandoned-${b}`].sort(),
      )
      await second.folderStorage.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
