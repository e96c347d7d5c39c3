/**
 * Every error Tote throws is a {@link ToteError}: it has a stable `code` to branch on,
 * a human message that says what is wrong, and the underlying `cause` when there is one.
 *
 * Expected commerce outcomes (sold out, price changed) are never thrown: they are
 * notices in the cart's state.
 */

/**
 * Codes a {@link ToteError} may carry.
 *
 * @example
 * const code: ToteErrorCode = 'cart_completed'
 */
export type ToteErrorCode =
  /** The calling developer passed a bad argument. Nothing changed. */
  | 'invalid_argument'
  /** The backend could not be reached. Whether it applied the request is unknown. */
  | 'network'
  /** The request took too long. Whether the backend applied it is unknown. */
  | 'timeout'
  /** The backend answered with a body Tote could not read (HTML, truncated JSON, wrong shape). */
  | 'invalid_response'
  /** The backend failed (5xx). It may or may not have applied the request. */
  | 'server_error'
  /** The backend asked to slow down (429); `retryAfterMs` says for how long. */
  | 'rate_limited'
  /** The backend refused because of a concurrent change (409). */
  | 'conflict'
  /** The backend refused the request as invalid (4xx other than the above). */
  | 'rejected'
  /** The cart does not exist (any more). */
  | 'cart_not_found'
  /** The cart became an order and cannot be changed (docs/domain.md R17). */
  | 'cart_completed'
  /** The cart expired on the backend. */
  | 'cart_expired'
  /** The adapter does not support this feature. */
  | 'unsupported'
  /** A recovery link is malformed, tampered with, expired, foreign or already used. */
  | 'invalid_recovery_link'
  /** The cart was destroyed; it takes no more actions. */
  | 'destroyed'

const BRAND = Symbol.for('tote.error')

/**
 * Options shared by every Tote error.
 *
 * @example
 * new ToteError('unsupported', 'no checkout URL', { details: { cartId: 'c1' } })
 */
export interface ToteErrorOptions {
  /** The error that caused this one. */
  cause?: unknown
  /** Extra machine-readable facts (never personal data). */
  details?: Record<string, unknown>
}

/**
 * The base class of every error Tote throws.
 *
 * @example
 * try { cart.add({ merchandiseId: '', quantity: 1 }) }
 * catch (error) { if (isToteError(error, 'invalid_argument')) console.warn(error.message) }
 */
export class ToteError extends Error {
  override name = 'ToteError'
  readonly code: ToteErrorCode
  readonly details: Record<string, unknown> | undefined
  declare readonly [BRAND]: true

  constructor(code: ToteErrorCode, message: string, options: ToteErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options.details
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/**
 * Thrown when the calling developer passes a bad argument; the message names the argument.
 *
 * @example
 * throw new ToteArgumentError('options.baseUrl', 'expected an absolute URL') // "options.baseUrl: expected..."
 */
export class ToteArgumentError extends ToteError {
  override name = 'ToteArgumentError'
  /** The name of the offending argument, such as `quantity` or `options.adapter`. */
  readonly argument: string

  constructor(argument: string, message: string, options: ToteErrorOptions = {}) {
    super('invalid_argument', `${argument}: ${message}`, options)
    this.argument = argument
  }
}

/**
 * Options of a {@link ToteAdapterError}.
 *
 * @example
 * new ToteAdapterError('rate_limited', 'slow down', { status: 429, retryAfterMs: 2000 })
 */
export interface ToteAdapterErrorOptions extends ToteErrorOptions {
  /** HTTP status, when the failure came with one. */
  status?: number
  /** How long the backend asked us to wait before trying again, in milliseconds. */
  retryAfterMs?: number
}

/**
 * Thrown by adapters when a request to the backend fails. The sync engine branches on
 * `code`: `network`, `timeout`, `invalid_response` and `server_error` are ambiguous (the
 * cart is fetched again before anything is resent); `rate_limited` waits `retryAfterMs`.
 *
 * @example
 * throw new ToteAdapterError('cart_not_found', `no cart ${cartId}`, { status: 404 })
 */
export class ToteAdapterError extends ToteError {
  override name = 'ToteAdapterError'
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined

  constructor(code: ToteErrorCode, message: string, options: ToteAdapterErrorOptions = {}) {
    super(code, message, options)
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

const NAMES = new Set(['ToteError', 'ToteArgumentError', 'ToteAdapterError'])

/**
 * Whether `value` is a Tote error, optionally with a given code. Works across bundles and
 * realms (it checks a registered symbol and the name, not only `instanceof`).
 *
 * @example
 * if (isToteError(error, 'cart_completed')) startNewCart()
 */
export function isToteError(value: unknown, code?: ToteErrorCode): value is ToteError {
  if (typeof value !== 'object' || value === null) return false
  const branded =
    (value as { [BRAND]?: unknown })[BRAND] === true ||
    (value instanceof Error && NAMES.has(value.name) && 'code' in value)
  return branded && (code === undefined || (value as ToteError).code === code)
}

/**
 * Whether `value` is an error thrown by an adapter.
 *
 * @example
 * if (isToteAdapterError(error) && error.status === 404) forgetCart()
 */
export function isToteAdapterError(value: unknown): value is ToteAdapterError {
  return isToteError(value) && (value.name === 'ToteAdapterError' || 'retryAfterMs' in value)
}

/** Codes after which the backend may or may not have applied a write. */
export const AMBIGUOUS_ERROR_CODES: ReadonlySet<ToteErrorCode> = new Set([
  'network',
  'timeout',
  'invalid_response',
  'server_error',
])

/**
 * How a bad value reads in an error message: strings quoted, numbers and booleans as they
 * are, anything else by its kind (`null`, `array`, `object`, ...).
 *
 * @example
 * describe('') // '""'
 */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/**
 * What Tote's error messages say about a bad value: what was expected and what came.
 *
 * @example
 * expected('a non-empty string', 42) // 'expected a non-empty string, got 42'
 */
export const expected = (what: string, value: unknown): string =>
  `expected ${what}, got ${describe(value)}`
