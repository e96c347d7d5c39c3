import { isToteError, lineKey, ToteAdapterError } from '@tote/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCart, settle, setup } from '../support/cart.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('optimistic updates', () => {
  it('shows an added line in the same tick, before any request, with an estimated subtotal', () => {
    const { adapter, browser, backend } = setup()
    const { cart } = openCart(browser, adapter)
    const [tee] = backend.getMerchandise(['tee-black-m'])
    cart.add({ merchandiseId: 'tee-black-m', quantity: 2, merchandise: tee! })
    expect(adapter.calls).toHaveLength(0)
    expect(cart.$count.get()).toBe(2)
    const line = cart.$lines.get()[0]!
    expect(line).toMatchObject({ key: 'tee-black-m', quantity: 2, pending: true })
    expect(cart.$subtotal.get()).toEqual({
      amount: { amount: tee!.price.amount * 2, currency: 'EUR' },
      estimated: true,
    })
    cart.destroy()
  })

  it('confirms the line and drops the estimated flag once the backend answers', async () => {
    const { adapter, browser } = setup()
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'mug-speckled' })
    await settle(cart)
    expect(cart.$lines.get()[0]).toMatchObject({ key: 'mug-speckled', quantity: 1, pending: false })
    expect(cart.$subtotal.get().estimated).toBe(false)
    expect(cart.$status.get()).toEqual({ state: 'idle' })
    cart.destroy()
  })
})

describe('single flight and coalescing', () => {
  it('coalesces ten clicks 30 ms apart with a 200 ms round trip into at most two writes', async () => {
    const { adapter, browser, backend } = setup({ latency: { request: 100, response: 100 } })
    const { cart } = openCart(browser, adapter)
    for (let click = 0; click < 10; click++) {
      cart.add({ merchandiseId: 'pin-fox' })
      await vi.advanceTimersByTimeAsync(30)
    }
    await settle(cart)
    const writes = adapter.calls.filter(
      (call) => call.method === 'create' || call.method === 'apply',
    )
    expect(writes.length).toBeLessThanOrEqual(2)
    const cartId = cart.$cart.get().id!
    expect(backend.getCart(cartId)!.lines[0]!.quantity).toBe(10)
    expect(cart.$count.get()).toBe(10)
    cart.destroy()
  })

  it('sends ten clicks made in one tick as one write', async () => {
    const { adapter, browser, backend } = setup()
    const { cart } = openCart(browser, adapter)
    for (let click = 0; click < 10; click++) cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(adapter.calls.filter((call) => call.method === 'create')).toHaveLength(1)
    expect(adapter.calls.filter((call) => call.method === 'apply')).toHaveLength(0)
    expect(backend.getCart(cart.$cart.get().id!)!.lines[0]!.quantity).toBe(10)
    cart.destroy()
  })

  it('never has two writes in flight at once', async () => {
    const { adapter, browser } = setup({ latency: { request: 50, response: 150 } })
    let inFlight = 0
    let most = 0
    const apply = adapter.apply.bind(adapter)
    adapter.apply = async (...args) => {
      inFlight++
      most = Math.max(most, inFlight)
      try {
        return await apply(...args)
      } finally {
        inFlight--
      }
    }
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    for (let i = 0; i < 20; i++) {
      cart.setQuantity('pin-fox', (i % 5) + 1)
      await vi.advanceTimersByTimeAsync(17)
    }
    await settle(cart)
    expect(most).toBe(1)
    expect(cart.confirmed!.lines[0]!.quantity).toBe(5)
    cart.destroy()
  })
})

describe('server wins', () => {
  it('replays pending changes on top of each response', async () => {
    const { adapter, browser } = setup({ latency: { response: 200 } })
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(50)
    cart.add({ merchandiseId: 'mug-speckled' }) // while the first write is in flight
    await vi.advanceTimersByTimeAsync(200) // first response: only the pin is confirmed
    expect(cart.$lines.get().map((line) => [line.key, line.pending])).toEqual([
      ['pin-fox', false],
      ['mug-speckled', true],
    ])
    await settle(cart)
    expect(cart.$lines.get().every((line) => !line.pending)).toBe(true)
    cart.destroy()
  })

  it('rolls a line back to the stock the backend has, with an insufficient_stock notice', async () => {
    const { adapter, browser, backend } = setup()
    backend.setStock('pin-fox', 3)
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox', quantity: 5 })
    await settle(cart)
    expect(cart.$lines.get()[0]!.quantity).toBe(3)
    expect(cart.$notices.get()).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: 'pin-fox', from: 5, to: 3 }),
    ])
    cart.destroy()
  })

  it('removes a sold-out line with an out_of_stock notice, never silently', async () => {
    const { adapter, browser, backend } = setup()
    backend.sellOut('pin-fox')
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(cart.$lines.get()).toEqual([])
    expect(cart.$notices.get().map((notice) => notice.code)).toEqual(['out_of_stock'])
    cart.destroy()
  })
})

describe('life cycle', () => {
  it('starts a new cart after the backend completes the old one, moving unconfirmed intents (docs/domain.md R17)', async () => {
    const { adapter, browser, backend } = setup()
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const first = cart.$cart.get().id!
    backend.completeCart(first)
    cart.add({ merchandiseId: 'mug-speckled' })
    await settle(cart)
    const second = cart.$cart.get().id!
    expect(second).not.toBe(first)
    expect(backend.getCart(second)!.lines.map((line) => line.key)).toEqual(['mug-speckled'])
    expect(cart.$notices.get().map((notice) => notice.code)).toContain('cart_completed')
    cart.destroy()
  })

  it('does nothing on the network until something subscribes or acts', async () => {
    const { adapter, browser } = setup()
    const first = openCart(browser, adapter)
    first.cart.add({ merchandiseId: 'pin-fox' })
    await settle(first.cart)
    first.cart.destroy()
    adapter.calls.length = 0
    const { cart } = openCart(browser, adapter)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(adapter.calls).toHaveLength(0)
    const off = cart.$count.listen(() => {})
    await settle(cart)
    expect(adapter.calls.map((call) => call.method)).toEqual(['get'])
    off()
    cart.destroy()
  })

  it('leaves no timer or listener behind after destroy()', async () => {
    const { adapter, browser, backend } = setup()
    // Long retry and timeout delays: a timer leaked by destroy() would still be pending below.
    const { cart } = openCart(browser, adapter, { retry: { baseMs: 60_000, maxMs: 60_000 } })
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    backend.deleteCart(cart.$cart.get().id!)
    vi.spyOn(adapter, 'apply').mockRejectedValue(
      Object.assign(new Error('down'), { name: 'TypeError' }),
    )
    cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(10)
    expect(vi.getTimerCount()).toBeGreaterThan(0)
    cart.destroy()
    // nanostores releases unused stores after one second; nothing of the cart's may remain.
    vi.advanceTimersByTime(1_000)
    expect(vi.getTimerCount()).toBe(0)
    expect(browser.channels.size).toBe(0)
    expect(browser.onlineListeners.size).toBe(0)
    expect(() => cart.add({ merchandiseId: 'pin-fox' })).toThrow(/destroyed/)
  })
})

describe('idempotency keys', () => {
  it("sends 128 random bits from the platform's generator, different for every batch", async () => {
    const { adapter, browser } = setup()
    // A test environment's random() is fixed: the keys must not come from it.
    const { cart } = openCart(browser, adapter, { env: { random: () => 0.5 } })
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    cart.add({ merchandiseId: 'mug-speckled' })
    await settle(cart)
    const keys = adapter.calls
      .filter((call) => call.method === 'create' || call.method === 'apply')
      .map((call) => call.idempotencyKey)
    expect(keys).toHaveLength(2)
    for (const key of keys) expect(key).toMatch(/^tote-[0-9a-f]{32}-/)
    expect(keys[0]!.slice(0, 37)).not.toBe(keys[1]!.slice(0, 37))
    cart.destroy()
  })
})

describe("a lost answer to the cart's creation", () => {
  /** Makes the next `create` reach the backend, then lose its answer. */
  function loseNextCreateAnswer(adapter: ReturnType<typeof setup>['adapter']) {
    const create = adapter.create.bind(adapter)
    let lost = false
    adapter.create = async (input, ctx) => {
      const result = await create(input, ctx)
      if (lost) return result
      lost = true
      throw new ToteAdapterError('network', 'the connection was reset')
    }
  }

  it('resends the creation with the same key and operations, then the newer clicks: one cart', async () => {
    const { adapter, browser, backend } = setup()
    loseNextCreateAnswer(adapter)
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(10) // the create is applied, its answer lost
    expect(backend.cartIds()).toHaveLength(1)
    cart.add({ merchandiseId: 'mug-speckled', quantity: 2 }) // clicked during the backoff
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const creates = adapter.calls.filter((call) => call.method === 'create')
    expect(creates).toHaveLength(2)
    expect(creates[1]!.idempotencyKey).toBe(creates[0]!.idempotencyKey)
    expect(backend.cartIds()).toEqual([cart.$cart.get().id])
    const lines = backend.getCart(cart.$cart.get().id!)!.lines
    expect(lines.map((line) => [line.key, line.quantity])).toEqual([
      ['pin-fox', 2],
      ['mug-speckled', 2],
    ])
    cart.destroy()
  })

  it('is resent by the next page load when the page closes during the backoff', async () => {
    const { adapter, browser, backend } = setup()
    loseNextCreateAnswer(adapter)
    const first = openCart(browser, adapter)
    first.cart.add({ merchandiseId: 'pin-fox', quantity: 3 })
    await vi.advanceTimersByTimeAsync(10)
    first.cart.destroy()
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'notebook-a5' })
    await settle(cart)
    expect(backend.cartIds()).toEqual([cart.$cart.get().id])
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['pin-fox', 3],
      ['notebook-a5', 1],
    ])
    cart.destroy()
  })

  it('is resent by another tab rather than doubled by a creation of its own', async () => {
    const { adapter, browser, backend } = setup()
    loseNextCreateAnswer(adapter)
    const a = openCart(browser, adapter, { retry: { baseMs: 60_000, maxMs: 60_000 } })
    a.cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(10)
    const b = openCart(browser, adapter)
    b.cart.add({ merchandiseId: 'mug-speckled' })
    await settle(b.cart)
    expect(backend.cartIds()).toEqual([b.cart.$cart.get().id])
    expect(b.cart.$count.get()).toBe(2)
    a.cart.destroy()
    b.cart.destroy()
  })

  it('keeps a removal made during the backoff: the line does not come back', async () => {
    const { adapter, browser, backend } = setup()
    loseNextCreateAnswer(adapter)
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(10)
    cart.remove('pin-fox')
    await settle(cart)
    expect(backend.cartIds()).toEqual([cart.$cart.get().id])
    expect(backend.getCart(cart.$cart.get().id!)!.lines).toEqual([])
    expect(cart.$count.get()).toBe(0)
    cart.destroy()
  })
})

describe('offline', () => {
  it('pauses writes while offline and sends them once back online', async () => {
    const { adapter, browser, backend } = setup()
    const { cart } = openCart(browser, adapter)
    browser.setOnline(false)
    cart.add({ merchandiseId: 'pin-fox', quantity: 2 })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(adapter.calls).toHaveLength(0)
    expect(cart.$status.get().state).toBe('offline')
    expect(cart.$count.get()).toBe(2)
    browser.setOnline(true)
    await settle(cart)
    expect(backend.getCart(cart.$cart.get().id!)!.lines[0]!.quantity).toBe(2)
    expect(cart.$status.get().state).toBe('idle')
    cart.destroy()
  })
})

describe('durable outbox', () => {
  it('keeps unsent changes across a reload and sends them exactly once', async () => {
    const { adapter, browser, backend } = setup()
    const first = openCart(browser, adapter)
    browser.setOnline(false)
    first.cart.add({ merchandiseId: 'pin-fox', quantity: 3 })
    first.cart.destroy() // the page is closed before anything was sent
    browser.setOnline(true)
    const { cart } = openCart(browser, adapter)
    expect(cart.$count.get()).toBe(3)
    await settle(cart)
    expect(adapter.calls.filter((call) => call.method === 'create')).toHaveLength(1)
    expect(backend.cartIds()).toHaveLength(1)
    expect(backend.getCart(cart.$cart.get().id!)!.lines[0]!.quantity).toBe(3)
    cart.destroy()
  })

  it('does not write the checkout email to storage unless asked', async () => {
    const { adapter, browser } = setup()
    const { cart } = openCart(browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const saving = cart.captureEmail('ada@example.com', { consent: true })
    await settle(cart)
    await saving
    expect(cart.$email.get()).toEqual({ state: 'saved', email: 'ada@example.com' })
    expect([...browser.storage.data.values()].join('')).not.toContain('ada@example.com')
    cart.destroy()
  })
})

describe('tabs', () => {
  it('shows a change made in one tab in the other', async () => {
    const { adapter, browser } = setup()
    const a = openCart(browser, adapter)
    const b = openCart(browser, adapter)
    b.cart.start()
    a.cart.add({ merchandiseId: 'pin-fox', quantity: 2 })
    await vi.advanceTimersByTimeAsync(0)
    expect(b.cart.$count.get()).toBe(2)
    await settle(a.cart)
    await settle(b.cart)
    expect(b.cart.$cart.get().id).toBe(a.cart.$cart.get().id)
    expect(b.cart.$lines.get()[0]!.pending).toBe(false)
    a.cart.destroy()
    b.cart.destroy()
  })

  it('keeps clicks made in two tabs at once, on one cart', async () => {
    const { adapter, browser, backend } = setup({ latency: 50 })
    const a = openCart(browser, adapter)
    const b = openCart(browser, adapter)
    a.cart.add({ merchandiseId: 'pin-fox' })
    b.cart.add({ merchandiseId: 'mug-speckled' })
    await settle(a.cart)
    await settle(b.cart)
    await settle(a.cart)
    expect(backend.cartIds()).toHaveLength(1)
    const keys = backend
      .getCart(backend.cartIds()[0]!)!
      .lines.map((line) => line.key)
      .sort()
    expect(keys).toEqual(['mug-speckled', 'pin-fox'])
    expect(a.cart.$count.get()).toBe(2)
    expect(b.cart.$count.get()).toBe(2)
    a.cart.destroy()
    b.cart.destroy()
  })
})

describe('tabs without Web Locks', () => {
  it('takes turns through a lease in storage: one write at a time, both tabs’ clicks kept', async () => {
    const { adapter, browser, backend } = setup({ latency: 80 })
    let inFlight = 0
    let most = 0
    const counted = {
      ...adapter,
      create: async (...args: Parameters<typeof adapter.create>) => {
        inFlight++
        most = Math.max(most, inFlight)
        try {
          return await adapter.create(...args)
        } finally {
          inFlight--
        }
      },
      apply: async (...args: Parameters<typeof adapter.apply>) => {
        inFlight++
        most = Math.max(most, inFlight)
        try {
          return await adapter.apply(...args)
        } finally {
          inFlight--
        }
      },
    }
    const a = openCart(browser, counted, { useLocks: false })
    const b = openCart(browser, counted, { useLocks: false })
    a.cart.add({ merchandiseId: 'pin-fox' })
    b.cart.add({ merchandiseId: 'mug-speckled' })
    await settle(a.cart)
    await settle(b.cart)
    await settle(a.cart)
    expect(most).toBe(1)
    expect(backend.cartIds()).toHaveLength(1)
    expect(a.cart.$count.get()).toBe(2)
    expect(b.cart.$count.get()).toBe(2)
    expect([...browser.storage.data.keys()].some((key) => key.endsWith(':lease'))).toBe(false)
    a.cart.destroy()
    b.cart.destroy()
  })
})

describe('bad arguments from the calling developer', () => {
  const cases: [string, (cart: ReturnType<typeof openCart>['cart']) => unknown, RegExp][] = [
    ['quantity -1', (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: -1 }), /^quantity: /],
    [
      'quantity 1.5',
      (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: 1.5 }),
      /^quantity: .*1\.5/,
    ],
    [
      'quantity NaN',
      (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: Number.NaN }),
      /^quantity: .*NaN/,
    ],
    [
      'quantity "2"',
      (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: '2' as unknown as number }),
      /^quantity: .*"2"/,
    ],
    [
      'quantity Infinity',
      (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: Number.POSITIVE_INFINITY }),
      /^quantity: /,
    ],
    [
      'quantity above the max',
      (cart) => cart.add({ merchandiseId: 'pin-fox', quantity: 1000 }),
      /^quantity: .*999/,
    ],
    ['empty merchandise id', (cart) => cart.add({ merchandiseId: '' }), /^merchandiseId: /],
    ['setQuantity -1', (cart) => cart.setQuantity('pin-fox', -1), /^quantity: /],
    ['setQuantity of an empty key', (cart) => cart.setQuantity('', 1), /^lineKey: /],
    [
      'attribute that is not a string',
      (cart) =>
        cart.add({ merchandiseId: 'pin-fox', attributes: { size: 3 as unknown as string } }),
      /^attributes\.size: /,
    ],
    ['note that is not a string', (cart) => cart.setNote(42 as unknown as string), /^note: /],
    ['malformed email', (cart) => cart.captureEmail('ada@'), /^email: /],
  ]
  it.each(cases)(
    '%s throws a ToteError naming the argument and changes nothing',
    async (_name, act, message) => {
      const { adapter, browser } = setup()
      const { cart } = openCart(browser, adapter)
      let error: unknown
      try {
        await act(cart)
      } catch (caught) {
        error = caught
      }
      expect(isToteError(error, 'invalid_argument')).toBe(true)
      expect((error as Error).message).toMatch(message)
      expect(cart.$cart.get().lines).toEqual([])
      expect(cart.$cart.get().pending).toBe(false)
      await vi.advanceTimersByTimeAsync(100)
      expect(adapter.calls).toHaveLength(0)
      cart.destroy()
    },
  )

  it('keeps lines with different attributes apart and merges the same ones', () => {
    const { adapter, browser } = setup()
    const { cart } = openCart(browser, adapter)
    const a = cart.add({ merchandiseId: 'tee-black-m', attributes: { engraving: 'Ada' } })
    const b = cart.add({ merchandiseId: 'tee-black-m', attributes: { engraving: 'Bob' } })
    const c = cart.add({ merchandiseId: 'tee-black-m', attributes: { engraving: 'Ada' } })
    expect(a).toBe(lineKey('tee-black-m', { engraving: 'Ada' }))
    expect(c).toBe(a)
    expect(b).not.toBe(a)
    expect(cart.$lines.get().map((line) => line.quantity)).toEqual([2, 1])
    cart.destroy()
  })
})

describe('backends that keep the cart themselves', () => {
  it('shows the shopper’s current cart on start when no cart id is stored', async () => {
    const { adapter, browser, backend } = setup()
    const existing = backend.createCart({
      ops: [
        {
          type: 'setLine',
          merchandiseId: 'pin-fox',
          attributes: {},
          quantity: 2,
          lineKey: 'pin-fox',
          lineId: null,
        },
      ],
    }).cart
    const withCurrent = { ...adapter, current: async () => backend.getCart(existing.id) }
    const { cart } = openCart(browser, withCurrent)
    cart.start()
    await settle(cart)
    expect(cart.$cart.get()).toMatchObject({ id: existing.id, count: 2 })
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(backend.getCart(existing.id)!.lines[0]!.quantity).toBe(3)
    cart.destroy()
  })
})

describe('adapter extensions', () => {
  it('exposes the last write’s extensions, such as re-rendered theme sections', async () => {
    const { adapter, browser } = setup()
    const withSections = {
      ...adapter,
      create: async (...args: Parameters<typeof adapter.create>) => ({
        ...(await adapter.create(...args)),
        extensions: { sections: { 'cart-drawer': '<div>1 item</div>' } },
      }),
    }
    const { cart } = openCart(browser, withSections)
    expect(cart.$extensions.get()).toEqual({})
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(cart.$extensions.get()).toEqual({ sections: { 'cart-drawer': '<div>1 item</div>' } })
    cart.destroy()
  })
})
