import { type CartAdapter, isToteError } from '@tote/core'
import { toGa4 } from '@tote/core/analytics'
import { fr } from '@tote/core/messages/fr'
import { nb } from '@tote/core/messages/nb'
import { recovery } from '@tote/core/recovery'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCart, settle, setup } from '../support/cart.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A shopper fills a cart, gives an email and leaves; returns the recovery link. */
async function abandonCart(world: ReturnType<typeof setup>) {
  const { cart } = openCart(world.browser, world.adapter, { storageKey: 'abandoned-tab' })
  cart.add({ merchandiseId: 'pin-fox', quantity: 2 })
  cart.add({ merchandiseId: 'mug-speckled', quantity: 2 })
  cart.add({ merchandiseId: 'notebook-a5', quantity: 1 })
  cart.add({ merchandiseId: 'tee-black-m', quantity: 1 })
  await settle(cart)
  const email = cart.captureEmail('ada@example.com', { consent: true })
  await settle(cart)
  await email
  const cartId = cart.$cart.get().id!
  cart.destroy()
  return { cartId, link: world.backend.createRecoveryLink(cartId) }
}

describe('openRecovery', () => {
  it('hides sold-out lines, lowers quantities to stock and shows new prices, each with a notice (docs/domain.md R11, R12)', async () => {
    const world = setup()
    const { link, cartId } = await abandonCart(world)
    world.backend.sellOut('pin-fox')
    world.backend.setStock('mug-speckled', 1)
    world.backend.setPrice('notebook-a5', { amount: 999, currency: 'EUR' })
    world.backend.discontinue('tee-black-m')
    world.adapter.calls.length = 0

    const { cart } = openCart(world.browser, world.adapter, { locale: 'en', recovery })
    const recovered = vi.fn()
    cart.on('cart_recovered', recovered)
    const report = await cart.openRecovery(link)

    // Shown at once, before the backend confirms the changes.
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['mug-speckled', 1],
      ['notebook-a5', 1],
    ])
    expect(cart.line('notebook-a5').get()!.cost.unitPrice).toEqual({ amount: 999, currency: 'EUR' })
    expect(report.counts).toEqual({ removed: 2, lowered: 1, repriced: 1, currencyChanged: 0 })
    expect(report.notices.map((notice) => notice.code).sort()).toEqual(
      ['discontinued', 'insufficient_stock', 'out_of_stock', 'price_changed'].sort(),
    )
    expect(cart.$notices.get()).toHaveLength(4)
    for (const notice of report.notices) expect(notice.message.length).toBeGreaterThan(10)
    expect(recovered).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'cart_recovered', cartId }),
    )

    await settle(cart)
    // One round trip to recover, one write to fix the backend's cart.
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['recover', 'apply'])
    expect(world.backend.getCart(cartId)!.lines.map((line) => [line.key, line.quantity])).toEqual([
      ['mug-speckled', 1],
      ['notebook-a5', 1],
    ])
    expect(cart.$cart.get()).toMatchObject({ id: cartId, pending: false })
    cart.destroy()
  })

  it('has the backend price the cart again when only a price changed, so the totals are exact (docs/domain.md R12)', async () => {
    const world = setup()
    const { link, cartId } = await abandonCart(world)
    world.backend.setPrice('notebook-a5', { amount: 999, currency: 'EUR' })
    world.adapter.calls.length = 0

    const { cart } = openCart(world.browser, world.adapter, { locale: 'en', recovery })
    const report = await cart.openRecovery(link)
    expect(report.counts.repriced).toBe(1)
    expect(cart.$cart.get()).toMatchObject({ pending: true, total: { estimated: true } })

    await settle(cart)
    // The backend prices a cart when it is written: the repriced line is sent at its quantity.
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['recover', 'apply'])
    const stored = world.backend.getCart(cartId)!
    expect(stored.lines.find((line) => line.key === 'notebook-a5')!.cost.unitPrice.amount).toBe(999)
    expect(cart.$cart.get()).toMatchObject({
      pending: false,
      total: { amount: stored.cost.total, estimated: false },
    })
    cart.destroy()
  })

  it('takes one round trip when nothing changed', async () => {
    const world = setup()
    const { link } = await abandonCart(world)
    world.adapter.calls.length = 0
    const { cart } = openCart(world.browser, world.adapter, { recovery })
    const report = await cart.openRecovery(link)
    await settle(cart)
    expect(report.notices).toEqual([])
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['recover'])
    expect(cart.$count.get()).toBe(6)
    cart.destroy()
  })

  it('writes the price change in French and Norwegian with money formatted for the locale', async () => {
    for (const [locale, messages, wording] of [
      ['fr-FR', fr, 'le prix a changé, de 14,50\u00a0€ à 9,99\u00a0€'],
      ['nb-NO', nb, 'er endret fra 14,50\u00a0€ til 9,99\u00a0€'],
    ] as const) {
      const world = setup()
      const { link } = await abandonCart(world)
      world.backend.setPrice('notebook-a5', { amount: 999, currency: 'EUR' })
      const { cart } = openCart(world.browser, world.adapter, { locale, messages, recovery })
      const report = await cart.openRecovery(link)
      const notice = report.notices.find((candidate) => candidate.code === 'price_changed')!
      expect(notice.message).toContain(wording)
      cart.destroy()
    }
  })

  it('needs recovery from @tote/core/recovery, and says so', async () => {
    const world = setup()
    const { link } = await abandonCart(world)
    const { cart } = openCart(world.browser, world.adapter)
    const error = await cart.openRecovery(link).catch((caught: unknown) => caught)
    expect(isToteError(error, 'unsupported')).toBe(true)
    expect((error as Error).message).toContain("pass `recovery` from '@tote/core/recovery'")
    expect(world.adapter.calls.filter((call) => call.method === 'recover')).toEqual([])
    cart.destroy()
  })

  it('merges a different non-empty cart into the recovered one by default, never doubling a line', async () => {
    const world = setup()
    const { link } = await abandonCart(world)
    const { cart } = openCart(world.browser, world.adapter, { recovery })
    cart.add({ merchandiseId: 'poster-fjord' })
    cart.add({ merchandiseId: 'pin-fox', quantity: 1 })
    await settle(cart)
    await cart.openRecovery(link)
    await settle(cart)
    const lines = Object.fromEntries(cart.$lines.get().map((line) => [line.key, line.quantity]))
    expect(lines).toEqual({
      'pin-fox': 2,
      'mug-speckled': 2,
      'notebook-a5': 1,
      'tee-black-m': 1,
      'poster-fjord': 1,
    })
    cart.destroy()
  })

  it('replaces the current cart when asked', async () => {
    const world = setup()
    const { link, cartId } = await abandonCart(world)
    const { cart } = openCart(world.browser, world.adapter, { recovery })
    cart.add({ merchandiseId: 'poster-fjord' })
    await settle(cart)
    await cart.openRecovery(link, { onExistingCart: 'replace' })
    await settle(cart)
    expect(cart.$cart.get().id).toBe(cartId)
    expect(cart.$lines.get().map((line) => line.key)).not.toContain('poster-fjord')
    cart.destroy()
  })

  it('reports a changed presentment currency as one notice, not as price changes (docs/domain.md R19)', async () => {
    const world = setup()
    const { link } = await abandonCart(world)
    world.backend.setCurrency('NOK', { rate: 11.5 })
    const { cart } = openCart(world.browser, world.adapter, { recovery })
    const report = await cart.openRecovery(link)
    expect(report.notices.map((notice) => notice.code)).toEqual(['currency_changed'])
    expect(report.counts.repriced).toBe(0)
    cart.destroy()
  })

  const badLinks: [
    string,
    (world: ReturnType<typeof setup>, link: string, cartId: string) => string,
  ][] = [
    [
      'tampered',
      (_w, link) => link.replace(/token=(.)/, (_m, c: string) => `token=${c === 'a' ? 'b' : 'a'}`),
    ],
    ['garbage', () => 'not a link at all'],
    [
      'expired',
      (_world, link) => {
        vi.setSystemTime(Date.now() + 30 * 24 * 3_600_000)
        return link
      },
    ],
    [
      'already completed',
      (world, link, cartId) => {
        world.backend.completeCart(cartId)
        return link
      },
    ],
    [
      'foreign (another shop)',
      (_w, link) => link.replace(/token=.*/, 'token=eyJmb3JlaWduIjp0cnVlfQ'),
    ],
  ]
  it.each(badLinks)(
    'a %s link rejects with invalid_recovery_link and leaves an empty, usable cart',
    async (_name, spoil) => {
      const world = setup()
      const { link, cartId } = await abandonCart(world)
      const bad = spoil(world, link, cartId)
      const { cart } = openCart(world.browser, world.adapter, { recovery })
      const error = await cart.openRecovery(bad).catch((caught: unknown) => caught)
      expect(isToteError(error, 'invalid_recovery_link')).toBe(true)
      expect(cart.$cart.get().lines).toEqual([])
      cart.add({ merchandiseId: 'pin-fox' })
      await settle(cart)
      expect(cart.$cart.get().id).not.toBe(cartId) // never someone else's cart
      expect(cart.$count.get()).toBe(1)
      cart.destroy()
    },
  )

  it('refuses an adapter answer with unreadable merchandise instead of calling lines discontinued', async () => {
    const world = setup()
    const { link } = await abandonCart(world)
    const adapter: CartAdapter = {
      ...world.adapter,
      recover: async (l, ctx) => {
        const result = await world.adapter.recover(l, ctx)
        return { ...result, merchandise: [{ id: 'pin-fox' } as never, ...result.merchandise] }
      },
    }
    const { cart } = openCart(world.browser, adapter, { recovery })
    const error = await cart.openRecovery(link).catch((caught: unknown) => caught)
    expect(isToteError(error, 'invalid_response')).toBe(true)
    expect(cart.$lines.get()).toEqual([])
    cart.destroy()
  })
})

describe('checkout email capture', () => {
  it('saves the email once for the same address and reflects each state (docs/domain.md R3, R13)', async () => {
    const world = setup({ latency: 100 })
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const states: string[] = []
    cart.$email.subscribe((state) => states.push(state.state))
    const first = cart.captureEmail('ada@example.com', { consent: true })
    expect(cart.$email.get()).toEqual({ state: 'saving', email: 'ada@example.com' })
    await settle(cart)
    await first
    await cart.captureEmail('ada@example.com', { consent: true })
    await settle(cart)
    expect(world.adapter.calls.filter((call) => call.method === 'captureEmail')).toHaveLength(1)
    expect(states).toEqual(['idle', 'saving', 'saved'])
    expect(world.backend.inspectCart(cart.$cart.get().id!)).toMatchObject({ emailConsent: true })
    cart.destroy()
  })

  it('sends the same address again when the consent changes', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    const first = cart.captureEmail('ada@example.com', { consent: false })
    await settle(cart)
    await first
    const second = cart.captureEmail('ada@example.com', { consent: true })
    await settle(cart)
    await second
    expect(world.adapter.calls.filter((call) => call.method === 'captureEmail')).toHaveLength(2)
    expect(world.backend.inspectCart(cart.$cart.get().id!)).toMatchObject({ emailConsent: true })
    cart.destroy()
  })

  it('creates the cart first when the email comes before any line', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    const saving = cart.captureEmail('ada@example.com')
    await settle(cart)
    await saving
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['create', 'captureEmail'])
    expect(cart.$cart.get().email).toBe('ada@example.com')
    cart.destroy()
  })

  it('keeps the email in storage only when persistEmail is set', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter, { persistEmail: true })
    const saving = cart.captureEmail('ada@example.com')
    await settle(cart)
    await saving
    expect([...world.browser.storage.data.values()].join('')).toContain('ada@example.com')
    cart.destroy()
  })
})

describe('analytics events', () => {
  it('emits line events as the shopper acts, and checkout_started with GA4 names', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    const seen: string[] = []
    for (const type of [
      'line_added',
      'quantity_changed',
      'line_removed',
      'checkout_started',
    ] as const) {
      cart.on(type, (event) => seen.push(toGa4(event).name))
    }
    const key = cart.add({ merchandiseId: 'pin-fox' })
    cart.setQuantity(key, 3)
    cart.add({ merchandiseId: 'mug-speckled' })
    cart.remove('mug-speckled')
    await settle(cart)
    const url = await cart.checkout()
    expect(url).toMatch(/^https:\/\/shop\.example\/checkout\//)
    expect(seen).toEqual([
      'add_to_cart',
      'add_to_cart',
      'add_to_cart',
      'remove_from_cart',
      'begin_checkout',
    ])
    cart.destroy()
  })

  it('refuses to check out an empty cart', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    await expect(cart.checkout()).rejects.toThrow(/empty/)
    cart.destroy()
  })
})

describe('openRecovery, larger and other links', () => {
  it('opens a Shopify-style permalink and lowers what is over stock', async () => {
    const world = setup()
    world.backend.setStock('mug-speckled', 1)
    const link = world.backend.permalink([
      { merchandiseId: 'pin-fox', quantity: 2 },
      { merchandiseId: 'mug-speckled', quantity: 3 },
    ])
    const { cart } = openCart(world.browser, world.adapter, { recovery })
    const report = await cart.openRecovery(link)
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['pin-fox', 2],
      ['mug-speckled', 1],
    ])
    expect(report.counts.lowered).toBe(1)
    await settle(cart)
    expect(world.backend.getCart(cart.$cart.get().id!)!.lines.map((line) => line.quantity)).toEqual(
      [2, 1],
    )
    cart.destroy()
  })

  it('recovers a 250-line cart: every fifth line sold out, the rest kept (docs/domain.md R11)', async () => {
    const world = setup()
    for (let index = 0; index < 250; index++) {
      world.backend.addMerchandise({
        id: `bulk-${index}`,
        productId: `bulk-product-${index}`,
        productTitle: `Bulk ${index}`,
        title: 'Default',
        price: { amount: 100 + index, currency: 'EUR' },
        quantityAvailable: null,
      })
    }
    const { cart: shopper } = openCart(world.browser, world.adapter, { storageKey: 'bulk' })
    for (let index = 0; index < 250; index++) shopper.add({ merchandiseId: `bulk-${index}` })
    await settle(shopper)
    const link = world.backend.createRecoveryLink(shopper.$cart.get().id!)
    shopper.destroy()
    for (let index = 0; index < 250; index += 5) world.backend.sellOut(`bulk-${index}`)

    const { cart } = openCart(world.browser, world.adapter, { recovery })
    const report = await cart.openRecovery(link)
    expect(report.counts.removed).toBe(50)
    expect(cart.$lines.get()).toHaveLength(200)
    expect(cart.$lines.get().some((line) => line.key === 'bulk-0')).toBe(false)
    await settle(cart)
    expect(world.backend.getCart(cart.$cart.get().id!)!.lines).toHaveLength(200)
    cart.destroy()
  })
})
