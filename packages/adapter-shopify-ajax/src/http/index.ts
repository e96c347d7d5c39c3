import { ToteAdapterError } from '@tote/core'
import ky, { type KyInstance } from 'ky'

/** How long to wait for a response before giving up, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch
  /** Timeout per request in milliseconds. */
  timeoutMs?: number
  /** Headers sent with every request. */
  headers?: Record<string, string>
}

/**
 * A ky instance that never retries and never throws on HTTP status: the sync engine owns
 * retries, and every status is mapped to a `ToteAdapterError` by {@link sendJson}.
 */
export function createHttpClient(options: HttpClientOptions = {}): KyInstance {
  return ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // Read at call time, never at import time, so tests and SSR can swap it.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: options.headers,
  })
}

/** A response whose body was JSON. */
export interface JsonResponse {
  status: number
  body: unknown
  headers: Headers
}

/**
 * Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds.
 *
 * @example
 * retryAfterMs('2') // 2000
 */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * Sends a request and reads a JSON body, mapping every failure to a `ToteAdapterError`:
 * 429 → `rate_limited` (with `retryAfterMs`), 5xx → `server_error`, a timeout → `timeout`,
 * a failed connection → `network`, a body that is not JSON → `invalid_response`.
 * Other statuses are returned with their parsed body for the caller to judge.
 */
export async function sendJson(
  client: KyInstance,
  url: string,
  init: { method: 'GET' | 'POST'; json?: unknown; signal: AbortSignal },
): Promise<JsonResponse> {
  let response: Response
  try {
    response = await client(url, { method: init.method, json: init.json, signal: init.signal })
  } catch (error) {
    throw transportError(error)
  }
  if (response.status === 429) {
    await response.body?.cancel().catch(() => {})
    throw new ToteAdapterError('rate_limited', `the backend asked to slow down (429) on ${url}`, {
      status: 429,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    })
  }
  if (response.status >= 500) {
    await response.body?.cancel().catch(() => {})
    throw new ToteAdapterError('server_error', `the backend failed with ${response.status}`, {
      status: response.status,
    })
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw transportError(error)
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new ToteAdapterError(
      'invalid_response',
      `expected a JSON body from ${url}, got ${describeBody(text)} (status ${response.status})`,
      { status: response.status, cause: error },
    )
  }
  return { status: response.status, body, headers: response.headers }
}

function describeBody(text: string): string {
  if (text.trim() === '') return 'an empty body'
  return /^\s*</.test(text) ? 'HTML' : 'text that is not JSON'
}

/** Maps what `fetch`/ky throw (abort, timeout, connection failure) to a `ToteAdapterError`. */
export function transportError(error: unknown): ToteAdapterError {
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ToteAdapterError('timeout', 'the request was aborted or took too long', {
      cause: error,
    })
  }
  return new ToteAdapterError('network', 'the backend could not be reached', { cause: error })
}
