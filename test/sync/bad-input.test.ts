/**
 * What the sync engine does with every kind of bad input: broken answers from a backend,
 * broken storage, and bad arguments. Each row names the input and the behaviour expected.
 */
import { type CartAdapter, createCart, isToteError, ToteAdapterError } from '@tote/core'
import type { CartWriteResult } from '@tote/core/adapter'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openCart, settle, setup } from '../support/cart.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

type World = ReturnType<typeof setup>
type Mangle = (result: CartWriteResult) => unknown

/** An adapter that hands the engine a mangled answer for the next `times` writes. */
function mangling(world: World, mangle: Mangle, times = 1): CartAdapter {
  let left = times
  const wrap = async (run: () => Promise<CartWriteResult>) => {
    const result = await run()
    if (left <= 0) return result
    left--
    return mangle(structuredClone(result)) as CartWriteResult
  }
  return {
    ...world.adapter,
    create: (input, ctx) => wrap(() => world.adapter.create(input, ctx)),
    apply: (id, ops, ctx) => wrap(() => world.adapter.apply(id, ops, ctx)),
  }
}

const withCart =
  (mangle: (cart: Record<string, unknown>) => unknown): Mangle =>
  (result) => ({
    ...result,
    cart: mangle(result.cart as unknown as Record<string, unknown>),
  })
const firstLine = (cart: Record<string, unknown>) => (cart.lines as Record<string, unknown>[])[0]!

/** Bad answers that must never be read as a cart: refetch, resend the target, converge. */
const badAnswers: [string, Mangle][] = [
  [
    'an HTML body on a 200 (the adapter throws invalid_response)',
    () => {
      throw new ToteAdapterError('invalid_response', 'expected JSON, got text/html')
    },
  ],
  ['{} as the cart', () => ({ cart: {}, notices: [] })],
  ['lines: null', withCart((cart) => ({ ...cart, lines: null }))],
  [
    'a negative quantity',
    withCart((cart) => {
      firstLine(cart).quantity = -1
      return cart
    }),
  ],
  [
    'a NaN quantity',
    withCart((cart) => {
      firstLine(cart).quantity = Number.NaN
      return cart
    }),
  ],
  [
    'a fractional quantity',
    withCart((cart) => {
      firstLine(cart).quantity = 1.5
      return cart
    }),
  ],
  [
    'a huge quantity',
    withCart((cart) => {
      firstLine(cart).quantity = 1e12
      return cart
    }),
  ],
  [
    'duplicate line ids',
    withCart((cart) => {
      const lines = cart.lines as Record<string, unknown>[]
      lines.push({
        ...lines[0]!,
        key: 'x',
        merchandise: { ...(lines[0]!.merchandise as object), id: 'x' },
      })
      return cart
    }),
  ],
  [
    'money as a float',
    withCart((cart) => {
      ;(cart.cost as Record<string, { amount: number }>).total!.amount = 12.5
      return cart
    }),
  ],
  [
    'missing currency',
    withCart((cart) => {
      delete cart.currency
      return cart
    }),
  ],
  [
    'mixed currencies',
    withCart((cart) => {
      ;(firstLine(cart).cost as Record<string, { currency: string }>).total!.currency = 'USD'
      return cart
    }),
  ],
  [
    'a line key that does not match its merchandise',
    withCart((cart) => {
      firstLine(cart).key = 'other'
      return cart
    }),
  ],
  ['a null answer', () => null],
]

describe('bad answers from the backend', () => {
  it.each(badAnswers)(
    '%s → not applied; the cart is fetched again and the target resent until it holds',
    async (_name, mangle) => {
      const world = setup()
      const { cart } = openCart(world.browser, world.adapter)
      cart.add({ merchandiseId: 'pin-fox' })
      await settle(cart)
      const mangled = createCart({
        adapter: mangling(world, mangle),
        retry: { baseMs: 10, maxMs: 100 },
        env: world.browser.tab().env,
      })
      cart.destroy()
      mangled.setQuantity('pin-fox', 3)
      await settle(mangled)
      const id = mangled.$cart.get().id!
      expect(world.backend.getCart(id)!.lines.map((line) => [line.key, line.quantity])).toEqual([
        ['pin-fox', 3],
      ])
      expect(mangled.$lines.get().map((line) => [line.key, line.quantity, line.pending])).toEqual([
        ['pin-fox', 3, false],
      ])
      expect(mangled.$status.get()).toEqual({ state: 'idle' })
      const methods = world.adapter.calls.slice(-3).map((call) => call.method)
      expect(methods).toContain('get') // ambiguous: looked before resending
      mangled.destroy()
    },
  )
})

describe('answers that are valid but surprising', () => {
  it('a stale (older version) answer is discarded, never undoing a newer state', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const id = cart.$cart.get().id!
    const old = world.backend.getCart(id)!
    cart.setQuantity('pin-fox', 4)
    await settle(cart)
    const stale: CartAdapter = { ...world.adapter, get: async () => old }
    const second = openCart(world.browser, stale)
    second.cart.start()
    await settle(second.cart)
    expect(second.cart.$lines.get()[0]!.quantity).toBe(4)
    second.cart.destroy()
    cart.destroy()
  })

  it('a cart id rotated by the backend is followed', async () => {
    const world = setup()
    const rotated = world.backend.createCart({ ops: [] }).cart.id
    const adapter: CartAdapter = {
      ...world.adapter,
      apply: async (_id, ops, ctx) => world.adapter.apply(rotated, ops, ctx),
    }
    const { cart } = openCart(world.browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    cart.add({ merchandiseId: 'mug-speckled' })
    await settle(cart)
    expect(cart.$cart.get().id).toBe(rotated)
    expect(world.backend.getCart(rotated)!.lines.map((line) => line.key)).toEqual(['mug-speckled'])
    cart.destroy()
  })

  it.each([
    ['cart not found', (world: World, id: string) => world.backend.deleteCart(id), 'cart_expired'],
    [
      'cart completed',
      (world: World, id: string) => world.backend.completeCart(id),
      'cart_completed',
    ],
    ['cart expired', (world: World, id: string) => world.backend.expireCart(id), 'cart_expired'],
  ] as const)(
    '%s → a new cart with the unconfirmed change, and a notice',
    async (_name, end, code) => {
      const world = setup()
      const { cart } = openCart(world.browser, world.adapter)
      cart.add({ merchandiseId: 'pin-fox' })
      await settle(cart)
      const first = cart.$cart.get().id!
      end(world, first)
      cart.add({ merchandiseId: 'mug-speckled', quantity: 2 })
      await settle(cart)
      expect(cart.$cart.get().id).not.toBe(first)
      expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
        ['mug-speckled', 2],
      ])
      expect(cart.$notices.get().map((notice) => notice.code)).toContain(code)
      cart.destroy()
    },
  )

  it('a 422 after a partial apply → the cart is fetched first, the line rolled back with a notice', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const adapter: CartAdapter = {
      ...world.adapter,
      apply: async (id, ops, ctx) => {
        await world.adapter.apply(id, ops.slice(0, 1), ctx) // the backend applied part of it
        throw new ToteAdapterError('rejected', 'line 2 is not allowed', { status: 422 })
      },
    }
    const second = openCart(world.browser, adapter)
    cart.destroy()
    second.cart.setQuantity('pin-fox', 2)
    second.cart.add({ merchandiseId: 'mug-speckled' })
    await settle(second.cart)
    const id = second.cart.$cart.get().id!
    const server = world.backend.getCart(id)!.lines.map((line) => [line.key, line.quantity])
    expect(second.cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual(server)
    expect(second.cart.$notices.get().map((notice) => notice.code)).toEqual([
      'rejected',
      'rejected',
    ])
    expect(second.cart.$status.get()).toEqual({ state: 'idle' })
    second.cart.destroy()
  })

  it('success with warnings (quantity clamped) → the clamped quantity and an insufficient_stock notice', async () => {
    const world = setup()
    world.backend.setStock('pin-fox', 2)
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox', quantity: 5 })
    await settle(cart)
    expect(cart.$lines.get()[0]!.quantity).toBe(2)
    expect(cart.$notices.get()).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', from: 5, to: 2 }),
    ])
    cart.destroy()
  })

  it('a 409 → the cart is fetched again and the change resent', async () => {
    const world = setup()
    let conflicts = 1
    const adapter: CartAdapter = {
      ...world.adapter,
      apply: async (id, ops, ctx) => {
        if (conflicts-- > 0)
          throw new ToteAdapterError('conflict', 'the cart changed', { status: 409 })
        return world.adapter.apply(id, ops, ctx)
      },
    }
    const { cart } = openCart(world.browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    cart.setQuantity('pin-fox', 3)
    await settle(cart)
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['create', 'get', 'apply'])
    expect(cart.confirmed!.lines[0]!.quantity).toBe(3)
    cart.destroy()
  })

  it('a 429 with Retry-After → waits that long with status error and retryAt, then succeeds', async () => {
    const world = setup()
    let limited = 1
    const adapter: CartAdapter = {
      ...world.adapter,
      create: async (input, ctx) => {
        if (limited-- > 0)
          throw new ToteAdapterError('rate_limited', 'slow down', {
            status: 429,
            retryAfterMs: 5_000,
          })
        return world.adapter.create(input, ctx)
      },
    }
    const { cart } = openCart(world.browser, adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await vi.advanceTimersByTimeAsync(10)
    const status = cart.$status.get()
    expect(status).toMatchObject({ state: 'error', attempt: 1 })
    expect(status.state === 'error' && status.retryAt - Date.now()).toBeGreaterThan(4_900)
    await vi.advanceTimersByTimeAsync(4_900)
    expect(world.adapter.calls).toHaveLength(0)
    await settle(cart)
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['create'])
    cart.destroy()
  })

  it('a timeout after the backend applied → refetch, no second write, no duplicate', async () => {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    const slow: CartAdapter = {
      ...world.adapter,
      apply: async (id, ops, ctx) => {
        await world.adapter.apply(id, ops, ctx)
        return new Promise<never>(() => {}) // the answer never comes
      },
    }
    const second = openCart(world.browser, slow, { timeoutMs: 1_000 })
    cart.destroy()
    second.cart.add({ merchandiseId: 'pin-fox' })
    world.adapter.calls.length = 0
    await settle(second.cart)
    expect(world.adapter.calls.map((call) => call.method)).toEqual(['get', 'apply', 'get'])
    expect(second.cart.confirmed!.lines[0]!.quantity).toBe(2)
    second.cart.destroy()
  })

  it('__proto__ and constructor keys in an answer pollute nothing', async () => {
    const world = setup()
    const polluting = mangling(world, (result) =>
      JSON.parse(
        JSON.stringify(result).replace(
          '"attributes":{}',
          '"attributes":{"__proto__":{"polluted":"yes"},"constructor":"x"}',
        ),
      ),
    )
    const { cart } = openCart(world.browser, polluting)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(cart.$cart.get().attributes)).toBe(Object.prototype)
    cart.destroy()
  })
})

describe('bad storage', () => {
  async function storedWorld() {
    const world = setup()
    const { cart } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox', quantity: 2 })
    await settle(cart)
    cart.destroy()
    const raw = world.browser.storage.data.get('tote:cart')!
    world.adapter.calls.length = 0
    return { world, raw, id: JSON.parse(raw).cartId as string }
  }

  it.each([
    ['truncated JSON', (raw: string) => raw.slice(0, raw.length / 2)],
    ['an unknown version', (raw: string) => raw.replace('"v":1', '"v":99')],
    [
      'a __proto__ key',
      (raw: string) => raw.replace('"acked":{', '"acked":{"__proto__":{"x":"1"},'),
    ],
    [
      'a constructor key',
      (raw: string) => raw.replace('"attributes":{}', '"attributes":{"constructor":{"x":1}}'),
    ],
    ['a wrong shape', (raw: string) => raw.replace('"intents":[]', '"intents":{}')],
  ])('%s → discarded with a warning, the cart fetched again by id', async (_name, spoil) => {
    const { world, raw, id } = await storedWorld()
    world.browser.storage.data.set('tote:cart', spoil(raw))
    const { cart, tab } = openCart(world.browser, world.adapter)
    cart.start()
    await settle(cart)
    expect(tab.warnings.join()).toMatch(/discarded/)
    expect(world.adapter.calls.map((call) => [call.method, call.cartId])).toEqual([['get', id]])
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([['pin-fox', 2]])
    cart.destroy()
  })

  it.each([
    ['QuotaExceededError', new DOMException('full', 'QuotaExceededError')],
    ['SecurityError', new DOMException('blocked', 'SecurityError')],
  ])('%s on write → kept in memory with a warning; the cart still works', async (_name, error) => {
    const world = setup()
    world.browser.storage.failWith = error
    const { cart, tab } = openCart(world.browser, world.adapter)
    cart.add({ merchandiseId: 'pin-fox' })
    await settle(cart)
    expect(tab.warnings.join()).toMatch(/kept in memory/)
    expect(cart.$notices.get().map((notice) => notice.code)).toEqual(['storage_unavailable'])
    expect(cart.confirmed!.lines[0]!.quantity).toBe(1)
    cart.destroy()
  })

  it('an older snapshot written by another tab does not replace a newer one', async () => {
    const { world, raw } = await storedWorld()
    const { cart } = openCart(world.browser, world.adapter)
    cart.setQuantity('pin-fox', 5)
    await settle(cart)
    world.browser.storage.data.set('tote:cart', raw) // the other tab's older state
    openCart(world.browser, world.adapter).tab // a tab exists
    cart.start()
    const tabs = world.browser.channels
    for (const endpoint of tabs) endpoint.deliver({ from: 'other' })
    await settle(cart)
    expect(cart.$lines.get()[0]!.quantity).toBe(5)
    cart.destroy()
  })
})

describe('bad arguments from the calling developer', () => {
  it.each([
    ['no options', () => createCart(undefined as never), /^options: /],
    ['no adapter', () => createCart({} as never), /^options\.adapter: /],
    [
      'maxQuantity 0',
      (adapter: CartAdapter) => createCart({ adapter, maxQuantity: 0 }),
      /^options\.maxQuantity: /,
    ],
    [
      'empty storageKey',
      (adapter: CartAdapter) => createCart({ adapter, storageKey: '' }),
      /^options\.storageKey: /,
    ],
    [
      'a negative timeout',
      (adapter: CartAdapter) => createCart({ adapter, timeoutMs: -5 }),
      /^options\.timeoutMs: /,
    ],
    [
      'retry.maxMs below baseMs',
      (adapter: CartAdapter) => createCart({ adapter, retry: { baseMs: 500, maxMs: 100 } }),
      /^options\.retry\.maxMs: /,
    ],
    [
      'a NaN batch window',
      (adapter: CartAdapter) => createCart({ adapter, batchWindowMs: Number.NaN }),
      /^options\.batchWindowMs: /,
    ],
    [
      'a lower-case country',
      (adapter: CartAdapter) => createCart({ adapter, country: 'no' }),
      /^options\.country: /,
    ],
    [
      'a malformed locale',
      (adapter: CartAdapter) => createCart({ adapter, locale: 'not a locale!' }),
      /locale/,
    ],
  ])('%s → a ToteError naming the argument', (_name, make, message) => {
    const world = setup()
    let error: unknown
    try {
      make(world.adapter)
    } catch (caught) {
      error = caught
    }
    expect(isToteError(error, 'invalid_argument')).toBe(true)
    expect((error as Error).message).toMatch(message)
  })
})
