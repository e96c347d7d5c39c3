import { createRestAdapter } from '@tote/adapter-rest'
import { type Cart, createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import {
  createEmbeddedStorage,
  createManualClock,
  createToteServer,
  type ManualClock,
  type Storage,
  type ToteServer,
} from '@tote/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBrowser } from '../support/env.ts'

// The whole recovery pipeline against the real reference server: embedded storage (PGlite in
// memory), a random port of 127.0.0.1, and a server clock the test moves, so the abandonment
// delay passes without waiting. The carts run on real timers: only the network is slow here.

const SHOP = 'https://atelier.example'

let clock: ManualClock
let storage: Storage
let server: ToteServer
let url: string
/** Every request a storefront cart sent, as `METHOD /path`, cart ids replaced by `:id`. */
const requests: string[] = []
const carts: Cart[] = []

/** The REST adapter over the test server, recording each request it sends. */
function adapter() {
  return createRestAdapter({
    baseUrl: url,
    fetch: (input, init) => {
      const request = new Request(input, init)
      const path = new URL(request.url).pathname.replace(/cart_[A-Za-z0-9_-]+/, ':id')
      requests.push(`${request.method} ${path}`)
      return fetch(request)
    },
  })
}

/** A storefront cart in a browser of its own (a device of the shopper). */
function openStorefront(): Cart {
  const cart = createCart({
    adapter: adapter(),
    env: createBrowser().tab().env,
    locale: 'en',
    retry: { baseMs: 50, maxMs: 500 },
    recovery,
  })
  carts.push(cart)
  return cart
}

beforeAll(async () => {
  clock = createManualClock(Date.UTC(2026, 10, 23, 9))
  storage = await createEmbeddedStorage()
  server = await createToteServer({
    storage,
    clock,
    sweepIntervalMs: 0,
    shop: {
      id: 'journey',
      name: 'Atelier Tote',
      contact: { email: 'hello@atelier.example', address: '3 rue du Test, Paris' },
      recoveryUrl: `${SHOP}/recover`,
      checkoutUrl: `${SHOP}/checkout/{cartId}`,
    },
  })
  ;({ url } = await server.listen(0, '127.0.0.1'))
  // docs/domain.md R5, R7: the merchant turns abandoned-cart emails on before the shopper arrives.
  await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
})

afterAll(async () => {
  for (const cart of carts) cart.destroy()
  await server?.close()
  await storage?.close()
})

describe('the abandoned-cart journey over @tote/server', () => {
  it('emails once, recovers with notices, checks out and starts a new cart', async () => {
    // The shopper fills a cart on their laptop and reaches checkout.
    const laptop = openStorefront()
    laptop.add({ merchandiseId: 'canvas-tote-natural', quantity: 1 })
    laptop.add({ merchandiseId: 'enamel-mug-white', quantity: 2 })
    laptop.add({ merchandiseId: 'dot-notebook-a5', quantity: 3 })
    await laptop.settled()
    const cartId = laptop.$cart.get().id
    expect(cartId).toMatch(/^cart_/)
    expect(laptop.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['canvas-tote-natural', 1],
      ['enamel-mug-white', 2],
      ['dot-notebook-a5', 3],
    ])
    expect(laptop.$subtotal.get()).toEqual({
      amount: { amount: 2400 + 2 * 1450 + 3 * 990, currency: 'EUR' },
      estimated: false,
    })

    // docs/domain.md R3, R13: the checkout email makes the cart recoverable.
    await laptop.captureEmail('ada@example.com', { consent: true })
    expect(laptop.$email.get()).toEqual({ state: 'saved', email: 'ada@example.com' })

    // docs/domain.md R4: nothing is due before the delay has passed since the last update.
    clock.advance(19 * 60_000)
    expect(await server.sweep()).toEqual({ sent: [], failed: [] })
    expect(await server.outbox!.list()).toEqual([])

    // 25 minutes after the last update the shopper has left: one email, and only one.
    clock.advance(6 * 60_000)
    expect(await server.sweep()).toEqual({ sent: [cartId], failed: [] })
    expect(await server.sweep()).toEqual({ sent: [], failed: [] })
    const emails = await server.outbox!.list()
    expect(emails).toHaveLength(1)
    const [email] = emails
    expect(email!.to).toBe('ada@example.com')
    // docs/domain.md R9: the shop's name, each item, the button to the storefront, the footer.
    expect(email!.subject).toContain('Atelier Tote')
    for (const title of ['Canvas tote bag', 'Enamel mug', 'Dot-grid notebook'])
      expect(email!.text).toContain(title)
    expect(email!.text).toContain('hello@atelier.example')
    expect(email!.html).toMatch(/Complete your order/i)
    const link = email!.recoveryUrl!
    expect(link.startsWith(`${SHOP}/recover?token=tote1.`)).toBe(true)
    // docs/domain.md R2: the link carries a signed token, never the cart id or the address.
    expect(link).not.toContain(cartId!)
    expect(link).not.toContain('ada')

    // Meanwhile the merchant sells the last mugs and reprices the notebook.
    expect(await server.merchant.updateVariant('enamel-mug-white', { stock: 0 })).toBe(true)
    expect(await server.merchant.updateVariant('dot-notebook-a5', { price: 1290 })).toBe(true)

    // The shopper opens the link on their phone: another browser, no cart of its own.
    const phone = openStorefront()
    requests.length = 0
    const report = await phone.openRecovery(link)

    // docs/domain.md R11, R12: the report names both changes.
    expect(report.counts).toEqual({ removed: 1, lowered: 0, repriced: 1, currencyChanged: 0 })
    expect(report.notices.map((notice) => [notice.code, notice.lineKey])).toEqual(
      expect.arrayContaining([
        ['out_of_stock', 'enamel-mug-white'],
        ['price_changed', 'dot-notebook-a5'],
      ]),
    )
    expect(report.notices).toHaveLength(2)
    const priceChanged = report.notices.find((notice) => notice.code === 'price_changed')!
    expect(priceChanged.from).toEqual({ amount: 990, currency: 'EUR' })
    expect(priceChanged.to).toEqual({ amount: 1290, currency: 'EUR' })
    expect(priceChanged.message).toBe(
      'The price of Dot-grid notebook – A5 changed from €9.90 to €12.90.',
    )
    expect(report.notices.find((notice) => notice.code === 'out_of_stock')!.message).toBe(
      'Enamel mug – White is sold out and was removed from your cart.',
    )
    expect(phone.$notices.get().map((notice) => notice.code)).toEqual(
      expect.arrayContaining(['out_of_stock', 'price_changed']),
    )

    // docs/domain.md R11: the sold-out line is not shown; R12: the notebook at its new price.
    expect(phone.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['canvas-tote-natural', 1],
      ['dot-notebook-a5', 3],
    ])
    expect(phone.line('dot-notebook-a5').get()!.cost.unitPrice).toEqual({
      amount: 1290,
      currency: 'EUR',
    })
    expect(phone.$cart.get().id).toBe(cartId)

    // One round trip to recover, one write that brings the server's cart up to date.
    await phone.settled()
    expect(requests).toEqual(['POST /v1/recover', 'POST /v1/carts/:id/ops'])
    expect(phone.confirmed!.lines.map((line) => [line.key, line.quantity])).toEqual([
      ['canvas-tote-natural', 1],
      ['dot-notebook-a5', 3],
    ])
    expect(phone.$subtotal.get()).toEqual({
      amount: { amount: 2400 + 3 * 1290, currency: 'EUR' },
      estimated: false,
    })

    // Checkout: the storefront goes to the checkout page, which places the order.
    const checkoutUrl = await phone.checkout()
    expect(checkoutUrl).toBe(`${SHOP}/checkout/${cartId}`)
    const completed = await fetch(`${url}/v1/carts/${cartId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(completed.status).toBe(201)
    const order = (await completed.json()) as { order: { id: string }; cart: { status: string } }
    expect(order.cart.status).toBe('completed')
    expect(order.order.id).toBeTruthy()
    // docs/domain.md R10: the merchant counts the order as recovered after an email.
    expect(await server.merchant.stats()).toMatchObject({ emailsSent: 1, recovered: 1 })

    // docs/domain.md R17: the confirmation page refreshes the cart; the completed one is dropped.
    await phone.refresh()
    await phone.settled()
    expect(phone.$cart.get()).toMatchObject({ id: null, count: 0 })
    expect(phone.$notices.get().map((notice) => notice.code)).toContain('cart_completed')

    // The next add creates a new cart; the completed one is never written to again.
    phone.add({ merchandiseId: 'canvas-tote-black', quantity: 1 })
    await phone.settled()
    const nextId = phone.$cart.get().id
    expect(nextId).toMatch(/^cart_/)
    expect(nextId).not.toBe(cartId)
    expect(phone.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['canvas-tote-black', 1],
    ])

    // The laptop still holds the old cart: its next add finds it ordered and starts over.
    laptop.add({ merchandiseId: 'organic-tee-m', quantity: 1 })
    await laptop.settled()
    const laptopId = laptop.$cart.get().id
    expect(laptopId).toMatch(/^cart_/)
    expect([cartId, nextId]).not.toContain(laptopId)
    expect(laptop.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['organic-tee-m', 1],
    ])

    // The order kept what the shopper recovered; a second link to it is refused.
    const after = (await (await fetch(`${url}/v1/carts/${cartId}`)).json()) as {
      cart: { status: string; lines: { key: string }[] }
    }
    expect(after.cart.status).toBe('completed')
    expect(after.cart.lines.map((line) => line.key)).toEqual([
      'canvas-tote-natural',
      'dot-notebook-a5',
    ])
    await expect(openStorefront().openRecovery(link)).rejects.toMatchObject({
      code: 'invalid_recovery_link',
    })
  })
})
