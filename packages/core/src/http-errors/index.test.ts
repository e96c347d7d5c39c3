import { describe, expect, it } from 'vitest'
import { isToteError, ToteAdapterError } from '../errors/index.ts'
import {
  httpError,
  httpErrorCode,
  parseJsonBody,
  parseRetryAfter,
  readJsonResponse,
  transportError,
} from './index.ts'

const now = Date.UTC(2026, 0, 1)

async function failure(promise: Promise<unknown>): Promise<ToteAdapterError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ToteAdapterError)
  return error as ToteAdapterError
}

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates as milliseconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500)
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000)
  })

  it('never waits a negative time', () => {
    expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0)
    expect(parseRetryAfter('-2', now)).toBe(0)
  })

  it('gives undefined when there is nothing to read', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('  ', now)).toBeUndefined()
  })
})

describe('httpErrorCode', () => {
  it.each([
    [429, 'rate_limited'],
    [500, 'server_error'],
    [503, 'server_error'],
    [409, 'conflict'],
    [400, 'rejected'],
    [403, 'rejected'],
    [404, 'rejected'],
  ])('maps %i to %s', (status, code) => {
    expect(httpErrorCode(status)).toBe(code)
  })
})

describe('httpError', () => {
  it('takes retryAfterMs from a 429 and keeps the status', () => {
    const headers = new Headers({ 'retry-after': '7' })
    const error = httpError({ status: 429, headers, message: 'slow down' })
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 7000 })
    expect(error.message).toBe('slow down')
  })

  it('ignores Retry-After on other statuses and lets the adapter pick the code', () => {
    const headers = new Headers({ 'retry-after': '7' })
    const error = httpError({
      status: 410,
      headers,
      code: 'cart_completed',
      message: 'gone',
      details: { serverCode: 'cart_completed' },
    })
    expect(error).toMatchObject({ code: 'cart_completed', status: 410, retryAfterMs: undefined })
    expect(error.details).toEqual({ serverCode: 'cart_completed' })
  })
})

describe('transportError', () => {
  it('calls a timeout or an abort a timeout, by name', () => {
    expect(transportError(new DOMException('late', 'TimeoutError')).code).toBe('timeout')
    expect(transportError(new DOMException('stop', 'AbortError')).code).toBe('timeout')
    const timeout = Object.assign(new Error('late'), { name: 'TimeoutError' })
    expect(transportError(timeout).cause).toBe(timeout)
  })

  it('calls anything else a network failure', () => {
    expect(transportError(new TypeError('fetch failed')).code).toBe('network')
    expect(transportError('odd').code).toBe('network')
  })
})

describe('parseJsonBody', () => {
  it('says what came instead of JSON', () => {
    const from = { status: 200, url: '/cart.js' }
    expect(parseJsonBody('{"a":1}', from)).toEqual({ a: 1 })
    expect(() => parseJsonBody('', from)).toThrow('got an empty body (status 200)')
    expect(() => parseJsonBody('<!doctype html>', from)).toThrow('got HTML')
    expect(() => parseJsonBody('ok', from)).toThrow('got text that is not JSON')
    try {
      parseJsonBody('<p>', from)
    } catch (error) {
      expect(isToteError(error, 'invalid_response')).toBe(true)
    }
  })
})

describe('readJsonResponse', () => {
  const url = 'https://shop.example/cart.js'

  it('returns the status and the parsed body of any other status', async () => {
    const response = await readJsonResponse(url, async () =>
      Response.json({ description: 'no such variant' }, { status: 422 }),
    )
    expect(response.status).toBe(422)
    expect(response.body).toEqual({ description: 'no such variant' })
  })

  it('throws rate_limited with retryAfterMs on a 429', async () => {
    const error = await failure(
      readJsonResponse(
        url,
        async () => new Response('busy', { status: 429, headers: { 'Retry-After': '2' } }),
      ),
    )
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 2000 })
  })

  it('throws server_error on a 5xx without reading the body', async () => {
    const error = await failure(
      readJsonResponse(url, async () => new Response('<h1>oops</h1>', { status: 502 })),
    )
    expect(error).toMatchObject({ code: 'server_error', status: 502 })
  })

  it('maps a failed send and a body that is not JSON', async () => {
    const network = await failure(
      readJsonResponse(url, () => Promise.reject(new TypeError('fetch failed'))),
    )
    expect(network.code).toBe('network')
    const html = await failure(
      readJsonResponse(url, async () => new Response('<html></html>', { status: 200 })),
    )
    expect(html).toMatchObject({ code: 'invalid_response', status: 200 })
    expect(html.message).toContain(url)
  })
})
