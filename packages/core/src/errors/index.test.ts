import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import {
  AMBIGUOUS_ERROR_CODES,
  isToteAdapterError,
  isToteError,
  ToteAdapterError,
  ToteArgumentError,
  ToteError,
  type ToteErrorCode,
} from './index.ts'

/**
 * A Tote error as another copy of `@tote/core` (a second bundle) would make it: same shape,
 * same registered brand, but a different class, so `instanceof ToteError` is false.
 */
class OtherBundleToteError extends Error {
  override name = 'ToteError'
  readonly code: ToteErrorCode
  constructor(code: ToteErrorCode, message: string) {
    super(message)
    this.code = code
    Object.defineProperty(this, Symbol.for('tote.error'), { value: true })
  }
}

describe('ToteError', () => {
  it('carries a code, a message and a name, and is an Error', () => {
    const error = new ToteError('cart_completed', 'the cart became an order')
    expect(error).toBeInstanceOf(Error)
    expect(error.code).toBe('cart_completed')
    expect(error.message).toBe('the cart became an order')
    expect(error.name).toBe('ToteError')
    expect(String(error)).toBe('ToteError: the cart became an order')
  })

  it('chains the cause, and has none when none is given', () => {
    const network = new TypeError('Failed to fetch')
    const error = new ToteError('network', 'could not reach the backend', { cause: network })
    expect(error.cause).toBe(network)
    expect('cause' in new ToteError('network', 'offline')).toBe(false)
  })

  it('keeps machine-readable details', () => {
    const error = new ToteError('rejected', 'refused', { details: { field: 'quantity' } })
    expect(error.details).toEqual({ field: 'quantity' })
    expect(new ToteError('rejected', 'refused').details).toBeUndefined()
  })
})

describe('ToteArgumentError', () => {
  it('is an invalid_argument ToteError whose message starts with the argument', () => {
    const error = new ToteArgumentError('quantity', 'expected a whole number, got 1.5')
    expect(error).toBeInstanceOf(ToteError)
    expect(error.code).toBe('invalid_argument')
    expect(error.name).toBe('ToteArgumentError')
    expect(error.argument).toBe('quantity')
    expect(error.message).toBe('quantity: expected a whole number, got 1.5')
  })

  it('chains the cause', () => {
    const cause = new RangeError('bad')
    expect(new ToteArgumentError('options.locale', 'unknown', { cause }).cause).toBe(cause)
  })
})

describe('ToteAdapterError', () => {
  it('carries the HTTP status and how long to wait', () => {
    const error = new ToteAdapterError('rate_limited', 'slow down', {
      status: 429,
      retryAfterMs: 2000,
    })
    expect(error).toBeInstanceOf(ToteError)
    expect(error.name).toBe('ToteAdapterError')
    expect(error.code).toBe('rate_limited')
    expect(error.status).toBe(429)
    expect(error.retryAfterMs).toBe(2000)
  })

  it('chains the cause through to the base error', () => {
    const cause = new SyntaxError('Unexpected token <')
    const error = new ToteAdapterError('invalid_response', 'HTML instead of JSON', { cause })
    expect(error.cause).toBe(cause)
    expect(error.status).toBeUndefined()
  })
})

describe('isToteError', () => {
  it('recognizes every Tote error class', () => {
    expect(isToteError(new ToteError('timeout', 'slow'))).toBe(true)
    expect(isToteError(new ToteArgumentError('quantity', 'bad'))).toBe(true)
    expect(isToteError(new ToteAdapterError('server_error', '502'))).toBe(true)
  })

  it('checks the code when one is given', () => {
    const error = new ToteAdapterError('cart_completed', 'ordered')
    expect(isToteError(error, 'cart_completed')).toBe(true)
    expect(isToteError(error, 'cart_expired')).toBe(false)
    expect(isToteError(new ToteArgumentError('id', 'empty'), 'invalid_argument')).toBe(true)
  })

  it('recognizes an error from another bundle by its registered symbol', () => {
    const foreign = new OtherBundleToteError('conflict', 'changed meanwhile')
    expect(foreign).not.toBeInstanceOf(ToteError)
    expect(isToteError(foreign)).toBe(true)
    expect(isToteError(foreign, 'conflict')).toBe(true)
    expect(isToteError(foreign, 'network')).toBe(false)
  })

  it('recognizes an error from another bundle by its name and code', () => {
    const foreign = Object.assign(new Error('gone'), { name: 'ToteError', code: 'cart_not_found' })
    expect(isToteError(foreign, 'cart_not_found')).toBe(true)
    const adapter = Object.assign(new Error('502'), {
      name: 'ToteAdapterError',
      code: 'server_error',
    })
    expect(isToteError(adapter)).toBe(true)
  })

  it('recognizes a branded error from another realm, where instanceof Error is false', () => {
    const foreign = runInNewContext(`
      const error = new Error('offline')
      error.name = 'ToteError'
      error.code = 'network'
      Object.defineProperty(error, Symbol.for('tote.error'), { value: true })
      error
    `)
    expect(foreign instanceof Error).toBe(false)
    expect(isToteError(foreign, 'network')).toBe(true)
  })

  it('refuses values that are not Tote errors', () => {
    const notTote: unknown[] = [
      null,
      undefined,
      0,
      'ToteError',
      new Error('plain'),
      new TypeError('Failed to fetch'),
      Object.assign(new Error('no code'), { name: 'ToteError' }),
      Object.assign(new Error('other name'), { name: 'HTTPError', code: 'network' }),
      { name: 'ToteError', code: 'network', message: 'a plain object' },
      { [Symbol('tote.error')]: true, code: 'network' },
      { [Symbol.for('tote.error')]: 'yes', code: 'network' },
    ]
    for (const value of notTote) expect(isToteError(value), String(value)).toBe(false)
  })
})

describe('isToteAdapterError', () => {
  it('tells adapter errors from other Tote errors', () => {
    expect(isToteAdapterError(new ToteAdapterError('network', 'offline'))).toBe(true)
    expect(isToteAdapterError(new ToteArgumentError('quantity', 'bad'))).toBe(false)
    expect(isToteAdapterError(new ToteError('network', 'offline'))).toBe(false)
    expect(isToteAdapterError(new Error('offline'))).toBe(false)
  })

  it('recognizes an adapter error from another bundle by its name', () => {
    const foreign = Object.assign(new Error('429'), {
      name: 'ToteAdapterError',
      code: 'rate_limited',
    })
    expect(isToteAdapterError(foreign)).toBe(true)
  })
})

describe('AMBIGUOUS_ERROR_CODES', () => {
  it('holds the failures after which a write may or may not have been applied', () => {
    expect([...AMBIGUOUS_ERROR_CODES].sort()).toEqual([
      'invalid_response',
      'network',
      'server_error',
      'timeout',
    ])
    expect(AMBIGUOUS_ERROR_CODES.has('rate_limited')).toBe(false)
    expect(AMBIGUOUS_ERROR_CODES.has('rejected')).toBe(false)
  })
})
