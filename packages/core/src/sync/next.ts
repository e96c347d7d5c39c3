import type { CartOp, CartWriteResult } from '../adapter/index.ts'
import type { CartSnapshot } from '../model/index.ts'
import type { FailedCall } from './failure.ts'
import { type Intent, toOps } from './intents.ts'
import { type Action, type EmailIntent, isDone, type SyncState } from './state.ts'

/** The next call the engine makes. */
export type Work =
  /** Fetch the cart before anything is sent (server wins). */
  | { kind: 'refetch'; cartId: string }
  /** Ask the adapter for the shopper's current cart. */
  | { kind: 'current' }
  /** Make the cart with these operations; `key` is set when resending an unclear create. */
  | { kind: 'create'; ops: CartOp[]; sent: readonly Intent[]; key: string | null }
  /** Send one batch; `key` is set when the same operations failed before. */
  | { kind: 'apply'; cartId: string; ops: CartOp[]; sent: readonly Intent[]; key: string | null }
  | { kind: 'email'; cartId: string; email: EmailIntent }
  | { kind: 'idle' }

/**
 * Chooses the next piece of work, a pure function of the state: refetch a stale cart, look
 * up the shopper's current cart, resend an unclear create, send the pending intents as one
 * batch, send the email — or nothing.
 *
 * @example
 * nextWork({ ...INITIAL_STATE, intents }) // { kind: 'create', ops: [...], key: null, ... }
 */
export function nextWork(state: SyncState): Work {
  const { cartId } = state
  if (state.stale && cartId) return { kind: 'refetch', cartId }
  if (state.lookup && !cartId) return { kind: 'current' }
  if (!cartId && state.creating) {
    const { sent, key } = state.creating
    return { kind: 'create', ops: toOps(sent, null), sent, key }
  }
  const pending = [...state.intents.values()].filter((intent) => !isDone(state, intent))
  if (!cartId) {
    // An email alone still needs a cart to be sent to.
    if (pending.length === 0 && !state.email) return { kind: 'idle' }
    return { kind: 'create', ops: toOps(pending, null), sent: pending, key: null }
  }
  if (pending.length > 0) {
    const ops = toOps(pending, state.confirmed)
    const retry = state.retryKey
    const key = retry && retry.opsJson === JSON.stringify(ops) ? retry.key : null
    return { kind: 'apply', cartId, ops, sent: pending, key }
  }
  if (state.email) return { kind: 'email', cartId, email: state.email }
  return { kind: 'idle' }
}

/** When the last intent and the last write happened, for {@link batchDelay}. */
export interface Pacing {
  lastIntentAt: number
  lastWriteEndAt: number
  /** When the current burst of writes began. */
  burstStartedAt: number
}

/**
 * How long to hold a batch back, in ms (0: send now). The first change after a quiet spell
 * goes out at once. While the shopper keeps clicking right after a write, the next batch
 * waits for a pause (`windowMs`, at most `maxWaitMs` from the burst's start), so a burst of
 * clicks becomes one more request, not one per response.
 *
 * @example
 * batchDelay({ lastIntentAt: 990, lastWriteEndAt: 1000, burstStartedAt: 0 }, 1000, 100, 1000) // 90
 */
export function batchDelay(
  pacing: Pacing,
  now: number,
  windowMs: number,
  maxWaitMs: number,
): number {
  if (now - pacing.lastWriteEndAt >= windowMs) return 0
  const quietAt = pacing.lastIntentAt + windowMs
  const deadline = pacing.burstStartedAt + maxWaitMs
  return Math.max(0, Math.min(quietAt, deadline) - now)
}

/**
 * The action a piece of work's parsed answer makes: a read's cart (or `null`: gone), a
 * write's or an email's result.
 *
 * @example
 * answered({ kind: 'refetch', cartId: 'c1' }, snapshot, seq) // { type: 'fetched', snapshot, seq }
 */
export function answered(
  work: Exclude<Work, { kind: 'idle' }>,
  answer: CartSnapshot | CartWriteResult | null,
  seq: string,
): Action {
  switch (work.kind) {
    case 'refetch':
    case 'current':
      return {
        type: work.kind === 'refetch' ? 'fetched' : 'found',
        snapshot: answer as CartSnapshot | null,
        seq,
      }
    case 'email':
      return { type: 'emailSaved', result: answer as CartWriteResult, email: work.email, seq }
    default:
      return { type: 'written', result: answer as CartWriteResult, sent: work.sent, seq }
  }
}

/** The call a failed piece of work made, as `classifyFailure` reads it (`null`: the lock failed). */
export function failedCall(work: Work | null, key: string): FailedCall {
  if (work?.kind === 'create' || work?.kind === 'apply') {
    return { kind: 'write', opsJson: JSON.stringify(work.ops), key }
  }
  return { kind: work?.kind === 'email' ? 'email' : 'read' }
}
