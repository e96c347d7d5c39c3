import { ToteAdapterError, type ToteErrorCode } from '../errors/index.ts'

/**
 * Reads a `Retry-After` header (seconds, or an HTTP date) as milliseconds from `now`;
 * `undefined` when it is missing or unreadable. A date in the past gives `0`.
 *
 * @example
 * parseRetryAfter('2') // 2000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', now) // ms until then
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The error code an HTTP error status stands for on any backend: 429 → `rate_limited`,
 * 5xx → `server_error`, 409 → `conflict`, anything else → `rejected`. Adapters whose
 * protocol gives other statuses a meaning (a 404 cart) decide those first.
 *
 * @example
 * httpErrorCode(503) // 'server_error'
 */
export function httpErrorCode(status: number): ToteErrorCode {
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'server_error'
  if (status === 409) return 'conflict'
  return 'rejected'
}

/**
 * What {@link httpError} needs to know about a failed response.
 *
 * @example
 * const init: HttpErrorInit = { status: 503, headers: response.headers, message: 'unavailable' }
 */
export interface HttpErrorInit {
  status: number
  /** The response headers; a 429's `Retry-After` becomes `retryAfterMs`. */
  headers?: Pick<Headers, 'get'>
  message: string
  /** A code the adapter read from the body; {@link httpErrorCode} of the status otherwise. */
  code?: ToteErrorCode
  details?: Record<string, unknown>
  cause?: unknown
  /** The clock `Retry-After` dates are measured from. @default Date.now() */
  now?: number
}

/**
 * The `ToteAdapterError` for an HTTP error status, with `status` set and, on a 429,
 * `retryAfterMs` from `Retry-After` so the sync engine waits as long as it was asked.
 *
 * @example
 * throw httpError({ status: 429, headers: response.headers, message: 'slow down' })
 */
export function httpError(init: HttpErrorInit): ToteAdapterError {
  const retryAfterMs =
    init.status === 429 ? parseRetryAfter(init.headers?.get('retry-after'), init.now) : undefined
  return new ToteAdapterError(init.code ?? httpErrorCode(init.status), init.message, {
    status: init.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(init.details === undefined ? {} : { details: init.details }),
    ...(init.cause === undefined ? {} : { cause: init.cause }),
  })
}

/**
 * Maps what an HTTP client throws before any response to a `ToteAdapterError`, by name so
 * it works with any client: `TimeoutError`/`AbortError` → `timeout`, anything else → `network`.
 *
 * @example
 * try { response = await fetch(url) } catch (error) { throw transportError(error) }
 */
export function transportError(error: unknown): ToteAdapterError {
  const name = error instanceof Error ? error.name : ''
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ToteAdapterError('timeout', 'the request was aborted or took too long', {
      cause: error,
    })
  }
  return new ToteAdapterError('network', 'the backend could not be reached', { cause: error })
}

/**
 * Parses a response body as JSON, or throws `invalid_response` saying what came instead
 * (an empty body, an HTML page, other text) — what a proxy or a login wall sends.
 *
 * @example
 * parseJsonBody('{"ok":true}', { status: 200, url }) // { ok: true }
 */
export function parseJsonBody(text: string, from: { status: number; url: string }): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ToteAdapterError(
      'invalid_response',
      `expected a JSON body from ${from.url}, got ${describeBody(text)} (status ${from.status})`,
      { status: from.status, cause: error },
    )
  }
}

function describeBody(text: string): string {
  if (text.trim() === '') return 'an empty body'
  return /^\s*</.test(text) ? 'HTML' : 'text that is not JSON'
}

/**
 * A response whose body was JSON.
 *
 * @example
 * const { status, body }: JsonResponse = await readJsonResponse(url, send)
 */
export interface JsonResponse {
  status: number
  body: unknown
  headers: Headers
}

/**
 * Runs `send` (the adapter's own HTTP call, with the client's retries off) and reads its
 * JSON body, mapping every failure to a `ToteAdapterError`: 429 → `rate_limited` (with
 * `retryAfterMs`), 5xx → `server_error`, a timeout → `timeout`, a failed connection →
 * `network`, a body that is not JSON → `invalid_response`. Other statuses are returned
 * with their parsed body for the adapter to judge.
 *
 * @example
 * const { status, body } = await readJsonResponse(url, () => fetch(url, { signal }))
 */
export async function readJsonResponse(
  url: string,
  send: () => Promise<Response>,
): Promise<JsonResponse> {
  let response: Response
  try {
    response = await send()
  } catch (error) {
    throw transportError(error)
  }
  if (response.status === 429 || response.status >= 500) {
    // The body is not read: let the connection go back to the pool.
    await response.body?.cancel().catch(() => {})
    throw httpError({
      status: response.status,
      headers: response.headers,
      message:
        response.status === 429
          ? `the backend asked to slow down (429) on ${url}`
          : `the backend failed with ${response.status}`,
    })
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw transportError(error)
  }
  const body = parseJsonBody(text, { status: response.status, url })
  return { status: response.status, body, headers: response.headers }
}
