import { describe, expect, it } from 'vitest'
import { ToteAdapterError, ToteError } from '../errors/index.ts'
import { classifyFailure, retryDelay, toToteError } from './failure.ts'

const write = { kind: 'write', opsJson: '[]', key: 'k1' } as const
const adapterError = (code: ConstructorParameters<typeof ToteAdapterError>[0], extra = {}) =>
  new ToteAdapterError(code, code, extra)

describe('classifyFailure', () => {
  it.each(['cart_not_found', 'cart_expired', 'cart_completed'] as const)(
    '%s: the cart is gone',
    (code) => {
      expect(classifyFailure(adapterError(code), write)).toEqual({ kind: 'gone', code })
    },
  )

  it('rolls a refused write back with the notices the backend gave', () => {
    const notices = [{ code: 'out_of_stock', lineKey: 'a' }]
    expect(classifyFailure(adapterError('rejected', { details: { notices } }), write)).toEqual({
      kind: 'rejected',
      notices,
    })
  })

  it('drops a refused or unsupported email', () => {
    for (const code of ['rejected', 'invalid_argument', 'unsupported'] as const) {
      expect(classifyFailure(adapterError(code), { kind: 'email' }).kind).toBe('refused')
    }
  })

  it('refetches after an ambiguous failure and resends the same key', () => {
    for (const code of ['network', 'timeout', 'invalid_response', 'server_error'] as const) {
      expect(classifyFailure(adapterError(code), write)).toMatchObject({
        kind: 'retry',
        refetch: true,
        retryKey: { opsJson: '[]', key: 'k1' },
      })
    }
  })

  it('waits out a rate limit without refetching, keeping the key', () => {
    expect(classifyFailure(adapterError('rate_limited'), write)).toMatchObject({
      kind: 'retry',
      refetch: false,
      retryKey: { key: 'k1' },
    })
  })

  it('forgets the key after a conflict and refetches', () => {
    expect(classifyFailure(adapterError('conflict'), write)).toMatchObject({
      kind: 'retry',
      refetch: true,
      forgetKey: true,
    })
  })

  it('refetches after a failed read', () => {
    expect(classifyFailure(adapterError('server_error'), { kind: 'read' })).toMatchObject({
      kind: 'retry',
      refetch: true,
    })
  })

  it('takes anything thrown that is not a ToteError for an adapter defect', () => {
    const error = toToteError(new RangeError('boom'))
    expect(error).toBeInstanceOf(ToteError)
    expect(error.code).toBe('invalid_response')
  })
})

describe('retryDelay', () => {
  const error = adapterError('server_error')
  it('backs off exponentially with jitter, capped', () => {
    const delay = (attempt: number, random: number) =>
      retryDelay({ attempt, error, baseMs: 500, maxMs: 4_000, random })
    expect(delay(1, 0)).toBe(250)
    expect(delay(1, 0.999_999)).toBeCloseTo(500)
    expect(delay(3, 0)).toBe(1_000)
    expect(delay(10, 0)).toBe(2_000)
  })

  it('honours Retry-After', () => {
    const limited = new ToteAdapterError('rate_limited', 'slow down', { retryAfterMs: 7_000 })
    expect(retryDelay({ attempt: 1, error: limited, baseMs: 500, maxMs: 4_000, random: 0 })).toBe(
      7_000,
    )
  })
})
