import type { AdapterContext, CartOp } from '@tote/core/adapter'
import { isToteAdapterError, lineKey } from '@tote/core/adapter'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { demoCatalogue } from '../demo-catalogue/index.ts'
import { createMemoryAdapter } from '../memory-adapter/index.ts'
import { createMemoryBackend } from '../memory-backend/index.ts'
import { createFaultyAdapter, createHeldResponses, type FaultyAdapterOptions } from './index.ts'

let keys = 0
function ctx(idempotencyKey = `key-${++keys}`): AdapterContext {
  return { signal: new AbortController().signal, idempotencyKey }
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

async function setup(options: FaultyAdapterOptions = {}) {
  const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock: { now: () => 0 } })
  const inner = createMemoryAdapter(backend)
  const { cart } = await inner.create({ ops: [] }, ctx())
  const adapter = createFaultyAdapter(inner, options)
  const quantity = () => backend.getCart(cart.id)?.lines[0]?.quantity ?? 0
  return { backend, inner, adapter, cartId: cart.id, quantity }
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (caught: unknown) => caught,
  )
  expect(isToteAdapterError(error)).toBe(true)
  return error as { code: string; status?: number; retryAfterMs?: number }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createFaultyAdapter', () => {
  it('passes calls through when no fault is queued', async () => {
    const { adapter, cartId, quantity } = await setup()
    const { cart } = await adapter.apply(cartId, [setLine('pin-fox', 2)], ctx())
    expect(cart.lines[0]?.quantity).toBe(2)
    expect(quantity()).toBe(2)
    expect(adapter.name).toBe('memory')
  })

  it('drops a request before it reaches the backend', async () => {
    const { adapter, cartId, quantity } = await setup({ faults: ['drop'] })
    const error = await failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))
    expect(error.code).toBe('network')
    expect(quantity()).toBe(0)
  })

  it('loses the answer after the backend applied the write', async () => {
    const { adapter, cartId, quantity } = await setup({
      faults: ['ackLost', { type: 'ackLost', code: 'timeout' }],
    })
    expect((await failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))).code).toBe(
      'network',
    )
    expect(quantity()).toBe(2)
    expect((await failureOf(adapter.apply(cartId, [setLine('pin-fox', 3)], ctx()))).code).toBe(
      'timeout',
    )
    expect(quantity()).toBe(3)
  })

  it('fails with a 5xx after applying', async () => {
    const { adapter, cartId, quantity } = await setup({
      faults: [{ type: 'serverErrorAfterApply', status: 503 }],
    })
    const error = await failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))
    expect(error).toMatchObject({ code: 'server_error', status: 503 })
    expect(quantity()).toBe(2)
  })

  it('rate limits without applying and says when to retry', async () => {
    const { adapter, cartId, quantity } = await setup({
      faults: [{ type: 'rateLimited', retryAfterMs: 2500 }],
    })
    const error = await failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 2500 })
    expect(quantity()).toBe(0)
  })

  it('times out, applied or not, after the scheduled time', async () => {
    vi.useFakeTimers()
    const { adapter, cartId, quantity } = await setup({
      faults: [
        { type: 'timeout', afterMs: 1000 },
        { type: 'timeout', applied: true },
      ],
    })
    const first = failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))
    await vi.advanceTimersByTimeAsync(1000)
    expect((await first).code).toBe('timeout')
    expect(quantity()).toBe(0)
    expect((await failureOf(adapter.apply(cartId, [setLine('pin-fox', 4)], ctx()))).code).toBe(
      'timeout',
    )
    expect(quantity()).toBe(4)
  })

  it('applies and then fails as if a 200 had an HTML body', async () => {
    const { adapter, cartId, quantity } = await setup({ faults: ['malformed'] })
    const error = await failureOf(adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()))
    expect(error).toMatchObject({ code: 'invalid_response', status: 200 })
    expect(quantity()).toBe(2)
  })

  it('delays an answer on the injected scheduler', async () => {
    const timers: { callback: () => void; ms: number }[] = []
    const { adapter, cartId, quantity } = await setup({
      faults: [{ type: 'delay', ms: 300 }],
      scheduler: { setTimeout: (callback, ms) => timers.push({ callback, ms }) },
    })
    let settled = false
    const answer = adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()).then((result) => {
      settled = true
      return result
    })
    await vi.waitFor(() => expect(timers).toHaveLength(1))
    expect(quantity()).toBe(2)
    expect(settled).toBe(false)
    expect(timers[0]?.ms).toBe(300)
    timers[0]?.callback()
    expect((await answer).cart.lines[0]?.quantity).toBe(2)
  })

  it('takes faults from the queue only for the chosen methods, then asks the chooser', async () => {
    const chooser = vi.fn(() => 'drop' as const)
    const { adapter, cartId } = await setup({
      faults: ['rateLimited'],
      methods: ['apply'],
      fault: chooser,
    })
    await expect(adapter.get(cartId, ctx())).resolves.not.toBeNull()
    expect((await failureOf(adapter.apply(cartId, [], ctx()))).code).toBe('rate_limited')
    expect((await failureOf(adapter.apply(cartId, [], ctx()))).code).toBe('network')
    expect(chooser).toHaveBeenCalledTimes(1)
    expect(adapter.log.map((record) => [record.call.method, record.fault])).toEqual([
      ['get', 'pass'],
      ['apply', 'rateLimited'],
      ['apply', 'drop'],
    ])
    adapter.inject('malformed')
    expect(adapter.queued).toBe(1)
    adapter.heal()
    await expect(adapter.apply(cartId, [], ctx())).resolves.toBeDefined()
  })

  it('reorders answers through the respond hook', async () => {
    const held = createHeldResponses()
    const { adapter, cartId } = await setup({ respond: held.respond })
    const order: number[] = []
    const first = adapter.apply(cartId, [setLine('pin-fox', 1)], ctx()).then(({ cart }) => {
      order.push(cart.version)
    })
    const second = adapter.apply(cartId, [setLine('pin-fox', 2)], ctx()).then(({ cart }) => {
      order.push(cart.version)
    })
    await vi.waitFor(() => expect(held.calls).toHaveLength(2))
    await held.releaseAll('reverse')
    await Promise.all([first, second])
    expect(order).toEqual([3, 2])
  })

  it('holds failures too and delivers them when released', async () => {
    const held = createHeldResponses()
    const { adapter, cartId } = await setup({ faults: ['drop'], respond: held.respond })
    const failed = failureOf(adapter.apply(cartId, [], ctx()))
    await vi.waitFor(() => expect(held.calls).toHaveLength(1))
    await held.release()
    expect((await failed).code).toBe('network')
  })
})
