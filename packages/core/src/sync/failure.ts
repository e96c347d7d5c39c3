import {
  ToteAdapterError as AdapterError,
  AMBIGUOUS_ERROR_CODES,
  isToteError,
  type ToteAdapterError,
  type ToteError,
} from '../errors/index.ts'
import type { NoticeInput } from '../notices/types.ts'

/** What a failed call means for the cart. */
export type Failure =
  /** The backend says the cart is over: start a new one. */
  | { kind: 'gone'; code: 'cart_not_found' | 'cart_completed' | 'cart_expired' }
  /** The backend refused the batch: roll its intents back, with these notices first. */
  | { kind: 'rejected'; notices: NoticeInput[] }
  /** The backend refused the email: it is dropped and the caller told. */
  | { kind: 'refused'; error: ToteError }
  /**
   * Try again after a backoff. `refetch`: it is unknown whether the backend applied the
   * write, so look at the cart before resending. `retryKey`: resend the same operations
   * with this key. `forgetKey`: the key is spent; the next write takes a new one.
   */
  | {
      kind: 'retry'
      error: ToteError
      refetch: boolean
      retryKey?: { opsJson: string; key: string }
      forgetKey?: true
    }

/** The call that failed: a write with its operations and key, an email, or a read. */
export type FailedCall =
  | { kind: 'write'; opsJson: string; key: string }
  | { kind: 'email' }
  | { kind: 'read' }

/** Any thrown value as a `ToteError`: what is not one is an adapter defect. */
export function toToteError(error: unknown): ToteError {
  return isToteError(error)
    ? error
    : new AdapterError('invalid_response', 'the adapter failed unexpectedly', { cause: error })
}

/**
 * Decides what a failure means: start over, roll back, drop the email, or retry (and whether
 * to refetch first and which idempotency key to send again). A pure function of the error
 * and the call.
 *
 * @example
 * classifyFailure(new ToteAdapterError('timeout', '…'), { kind: 'write', opsJson, key })
 * // { kind: 'retry', refetch: true, retryKey: { opsJson, key }, error }
 */
export function classifyFailure(thrown: unknown, call: FailedCall): Failure {
  const error = toToteError(thrown)
  const { code } = error
  if (code === 'cart_not_found' || code === 'cart_expired' || code === 'cart_completed') {
    return { kind: 'gone', code }
  }
  const refusal = code === 'rejected' || code === 'invalid_argument'
  if (call.kind === 'email' && (refusal || code === 'unsupported'))
    return { kind: 'refused', error }
  if (call.kind === 'write' && refusal) {
    const notices = (error.details?.notices ?? []) as NoticeInput[]
    return { kind: 'rejected', notices }
  }
  if (refusal) return { kind: 'retry', error, refetch: false }
  if (code === 'conflict') return { kind: 'retry', error, refetch: true, forgetKey: true }
  const retryKey = call.kind === 'write' ? { opsJson: call.opsJson, key: call.key } : undefined
  // Unknown whether the backend applied it: look before resending.
  const refetch = code !== 'rate_limited' && (AMBIGUOUS_ERROR_CODES.has(code) || !retryKey)
  return retryKey ? { kind: 'retry', error, refetch, retryKey } : { kind: 'retry', error, refetch }
}

/**
 * How long to wait before retry number `attempt` (from 1): the backend's `Retry-After` when it
 * gave one, else capped exponential backoff with jitter (`random` in [0, 1)).
 *
 * @example
 * retryDelay({ attempt: 3, error, baseMs: 500, maxMs: 30_000, random: 0.5 }) // 1500
 */
export function retryDelay(options: {
  attempt: number
  error: ToteError
  baseMs: number
  maxMs: number
  random: number
}): number {
  const retryAfter = (options.error as ToteAdapterError).retryAfterMs
  if (retryAfter !== undefined) return Math.max(retryAfter, 0)
  const backoff = Math.min(options.maxMs, options.baseMs * 2 ** (options.attempt - 1))
  return backoff * (0.5 + options.random / 2)
}
