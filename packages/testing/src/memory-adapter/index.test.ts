import type { AdapterContext, CartOp } from '@tote/core/adapter'
import { isToteError, lineKey, parseCartSnapshot } from '@tote/core/adapter'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { demoCatalogue } from '../demo-catalogue/index.ts'
import { createMemoryBackend } from '../memory-backend/index.ts'
import { createMemoryAdapter } from './index.ts'

function ctx(idempotencyKey = 'key-1', signal = new AbortController().signal): AdapterContext {
  return { signal, idempotencyKey }
}

function setLine(merchandiseId: string, quantity: number): CartOp {
  return {
    type: 'setLine',
    merchandiseId,
    attributes: {},
    quantity,
    lineKey: lineKey(merchandiseId),
    lineId: null,
  }
}

function setup(options: Parameters<typeof createMemoryAdapter>[1] = {}) {
  const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock: { now: () => 0 } })
  return { backend, adapter: createMemoryAdapter(backend, options) }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createMemoryAdapter', () => {
  it('is named memory and supports everything', () => {
    const { adapter } = setup()
    expect(adapter.name).toBe('memory')
    expect(Object.values(adapter.capabilities)).toEqual([true, true, true, true, true, true, true])
  })

  it('creates, applies and reads carts on the backend', async () => {
    const { adapter, backend } = setup()
    const created = await adapter.create({ ops: [setLine('pin-fox', 1)] }, ctx('a'))
    const applied = await adapter.apply(created.cart.id, [setLine('pin-fox', 3)], ctx('b'))
    expect(parseCartSnapshot(applied.cart).lines[0]?.quantity).toBe(3)
    expect(await adapter.get(created.cart.id, ctx('c'))).toEqual(backend.getCart(created.cart.id))
    expect(await adapter.get('cart-404', ctx('d'))).toBeNull()
  })

  it('logs every call with its cart, ops and idempotency key', async () => {
    const { adapter } = setup()
    const { cart } = await adapter.create({ ops: [] }, ctx('k1'))
    await adapter.apply(cart.id, [setLine('pin-fox', 2)], ctx('k2'))
    await adapter.captureEmail(cart.id, { email: 'ada@example.com', consent: true }, ctx('k3'))
    await adapter.merchandise(['pin-fox'], ctx('k4'))
    expect(adapter.calls).toEqual([
      { method: 'create', cartId: null, ops: [], idempotencyKey: 'k1' },
      { method: 'apply', cartId: cart.id, ops: [setLine('pin-fox', 2)], idempotencyKey: 'k2' },
      {
        method: 'captureEmail',
        cartId: cart.id,
        ops: null,
        idempotencyKey: 'k3',
        email: { email: 'ada@example.com', consent: true },
      },
      { method: 'merchandise', cartId: null, ops: null, idempotencyKey: 'k4', ids: ['pin-fox'] },
    ])
  })

  it('applies a retried batch once and returns the same result', async () => {
    const { adapter } = setup()
    const { cart } = await adapter.create({ ops: [] }, ctx('create'))
    const first = await adapter.apply(cart.id, [setLine('pin-fox', 2)], ctx('batch-1'))
    const retry = await adapter.apply(cart.id, [setLine('pin-fox', 2)], ctx('batch-1'))
    expect(retry).toEqual(first)
    expect(retry.cart.version).toBe(2)
  })

  it('refuses the same key with other content as a conflict', async () => {
    const { adapter } = setup()
    const { cart } = await adapter.create({ ops: [] }, ctx('create'))
    await adapter.apply(cart.id, [setLine('pin-fox', 2)], ctx('batch-1'))
    const error = await adapter
      .apply(cart.id, [setLine('pin-fox', 5)], ctx('batch-1'))
      .catch((caught: unknown) => caught)
    expect(isToteError(error, 'conflict')).toBe(true)
  })

  it('rejects instead of throwing synchronously on nonsense input', async () => {
    const { adapter } = setup()
    const { cart } = await adapter.create({ ops: [] }, ctx('create'))
    const promise = adapter.apply(cart.id, null as unknown as CartOp[], ctx('bad'))
    await expect(promise).rejects.toMatchObject({ code: 'rejected' })
    await expect(
      adapter.create({ ops: 5 } as unknown as { ops: CartOp[] }, ctx('bad-create')),
    ).rejects.toSatisfy((error) => isToteError(error))
  })

  it('delays the answer by the latency while the backend applies at once', async () => {
    vi.useFakeTimers()
    const { adapter, backend } = setup({ latency: 200 })
    let settled = false
    const pending = adapter.create({ ops: [setLine('pin-fox', 1)] }, ctx()).then((result) => {
      settled = true
      return result
    })
    await vi.advanceTimersByTimeAsync(199)
    expect(settled).toBe(false)
    expect(backend.cartIds()).toEqual(['cart-1'])
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toBe(true)
    expect((await pending).cart.lines).toHaveLength(1)
  })

  it('can hold a request before the backend sees it', async () => {
    vi.useFakeTimers()
    const { adapter, backend } = setup({
      latency: (call) => (call.method === 'create' ? { request: 100, response: 50 } : 0),
    })
    const pending = adapter.create({ ops: [] }, ctx())
    await vi.advanceTimersByTimeAsync(99)
    expect(backend.cartIds()).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(backend.cartIds()).toEqual(['cart-1'])
    await vi.advanceTimersByTimeAsync(50)
    await expect(pending).resolves.toMatchObject({ cart: { id: 'cart-1' } })
    expect(await adapter.get('cart-1', ctx())).not.toBeNull()
  })

  it('rejects with the abort reason when the signal aborts during latency', async () => {
    vi.useFakeTimers()
    const { adapter, backend } = setup({ latency: { request: 100 } })
    const controller = new AbortController()
    const pending = adapter.create({ ops: [] }, ctx('k', controller.signal))
    const reason = new Error('gave up')
    controller.abort(reason)
    await expect(pending).rejects.toBe(reason)
    await vi.advanceTimersByTimeAsync(100)
    expect(backend.cartIds()).toEqual([])
  })

  it('looks merchandise up in its market and resolves recovery links', async () => {
    const { adapter, backend } = setup({ country: 'NO' })
    backend.setCurrency('NOK', { country: 'NO', rate: 10 })
    const [pin] = await adapter.merchandise(['pin-fox', 'nope'], ctx())
    expect(pin?.price).toEqual({ amount: 6500, currency: 'NOK' })
    const { cart } = await adapter.create({ ops: [setLine('pin-fox', 1)] }, ctx('c'))
    const recovered = await adapter.recover(backend.createRecoveryLink(cart.id), ctx())
    expect(recovered.cart.id).toBe(cart.id)
    await expect(adapter.recover('nonsense', ctx())).rejects.toMatchObject({
      code: 'invalid_recovery_link',
      details: { reason: 'malformed' },
    })
  })
})
