import { randomBytes } from 'node:crypto'
import { getCart } from '../carts/index.ts'
import { isoAt } from '../clock/index.ts'
import type { Mailer, OutgoingEmail } from '../email/mailer.ts'
import type { Storage } from '../storage/index.ts'
import { unsubscribeHeaders } from '../unsubscribe/index.ts'
import { type AbandonmentContext, buildRecoveryEmail } from './email.ts'
import { admitRecoveryEmail } from './recipients.ts'

/** What one sweep did. */
export interface SweepResult {
  /** Cart ids whose recovery email went out in this sweep. */
  sent: string[]
  /**
   * Cart ids whose email did not go out: the mailer failed or did not answer in time. They
   * stay queued for a later sweep.
   */
  failed: string[]
}

/** Timers the sweep waits with; tests pass fakes. */
export interface SweepTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Options of {@link runAbandonmentSweep}. */
export interface SweepOptions {
  /** The most emails one sweep sends. @default 500 */
  limit?: number
  /** How many due emails are claimed at a time. @default 10 */
  batchSize?: number
  /**
   * How long the mailer may take with one email. Then the sweep moves on and the email stays
   * queued; its claim is kept until it lapses, so no other sweep sends it meanwhile.
   * @default 20000
   */
  sendTimeoutMs?: number
  /** @default the global `setTimeout` and `clearTimeout` */
  timers?: SweepTimers
}

/** How long the mailer may take with one email, by default. */
export const DEFAULT_SEND_TIMEOUT_MS = 20_000

const globalTimers: SweepTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Sends the recovery emails that are due (docs/domain.md R3–R8): queued, the feature on, the
 * cart still active (not completed, not expired) with an email and at least one line, and its
 * last update at least the delay ago.
 *
 * Storage is never held while the mail server is talked to. Due emails are **claimed** in one
 * short statement (`FOR UPDATE SKIP LOCKED`, then a claim id and a lease written on the row),
 * each claimed email is rendered and sent with a timeout, and its outcome is recorded in
 * another short statement, only if the claim is still this sweep's. Another instance skips
 * claimed rows until their lease lapses, so one claim sends an email at most once; a
 * process that dies after sending and before recording leaves the claim to lapse, and the
 * email is sent again (same id, so an outbox refuses it and SMTP repeats the `Message-ID`).
 */
export async function runAbandonmentSweep(
  storage: Storage,
  ctx: AbandonmentContext,
  mailer: Mailer,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const limit = options.limit ?? 500
  const batchSize = options.batchSize ?? 10
  const timeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS
  const timers = options.timers ?? globalTimers
  const result: SweepResult = { sent: [], failed: [] }
  const tried: string[] = []
  await cancelExpiredCartEmails(storage, ctx)
  while (tried.length < limit) {
    const size = Math.min(batchSize, limit - tried.length)
    const claim = `claim_${randomBytes(12).toString('base64url')}`
    // Sent one after another: the lease covers the whole batch, and one more timeout.
    const leaseMs = (size + 1) * timeoutMs
    const claimed = await claimDueEmails(storage, ctx, { claim, size, leaseMs, tried })
    if (claimed.length === 0) break
    for (const cartId of claimed) {
      tried.push(cartId)
      const outcome = await deliver(storage, ctx, mailer, { cartId, claim, timeoutMs, timers })
      // A skipped email (no consent, unsubscribed, the address's daily limit) is neither.
      if (outcome !== 'skipped') result[outcome].push(cartId)
    }
  }
  await storage.query('DELETE FROM idempotency_keys WHERE shop_id = $1 AND created_at < $2', [
    ctx.shopId,
    isoAt(ctx.clock.now() - 24 * 60 * 60 * 1000),
  ])
  return result
}

/**
 * An expired cart cannot be opened any more: its queued email would only lead to an
 * "expired" page, so it is cancelled (a cart is queued again only by a write, and an expired
 * cart takes none). The lifetime outlasts the longest delay, so this only happens when no
 * sweep ran for a long time.
 */
async function cancelExpiredCartEmails(storage: Storage, ctx: AbandonmentContext): Promise<void> {
  await storage.query(
    `UPDATE abandonment_emails q SET status = 'cancelled', updated_at = $2
       FROM carts c
      WHERE c.id = q.cart_id AND q.shop_id = $1 AND q.status = 'queued'
        AND c.status = 'active' AND c.updated_at <= $3`,
    [ctx.shopId, isoAt(ctx.clock.now()), isoAt(ctx.clock.now() - ctx.cartLifetimeMs)],
  )
}

/** Claims up to `size` due emails for `leaseMs`, in one statement; oldest due first. */
async function claimDueEmails(
  storage: Storage,
  ctx: AbandonmentContext,
  options: { claim: string; size: number; leaseMs: number; tried: readonly string[] },
): Promise<string[]> {
  const now = ctx.clock.now()
  const { rows } = await storage.query<{ cart_id: string; due_at: Date | string }>(
    `WITH due AS (
       SELECT q.cart_id FROM abandonment_emails q
         JOIN carts c ON c.id = q.cart_id
         JOIN abandonment_settings s ON s.shop_id = q.shop_id
        WHERE q.shop_id = $1 AND q.status = 'queued' AND q.due_at <= $2 AND s.enabled
          AND (q.claimed_until IS NULL OR q.claimed_until <= $2)
          AND c.status = 'active' AND c.email IS NOT NULL
          AND c.updated_at + make_interval(mins => s.delay_minutes) <= $2
          AND c.updated_at > $4
          AND EXISTS (SELECT 1 FROM cart_lines l WHERE l.cart_id = q.cart_id)
          AND NOT (q.cart_id = ANY($3::text[]))
        ORDER BY q.due_at, q.cart_id
        LIMIT $5
        FOR UPDATE OF q SKIP LOCKED
     )
     UPDATE abandonment_emails q SET claim_id = $6, claimed_until = $7, attempts = q.attempts + 1
       FROM due WHERE q.cart_id = due.cart_id
     RETURNING q.cart_id, q.due_at`,
    [
      ctx.shopId,
      isoAt(now),
      [...options.tried],
      isoAt(now - ctx.cartLifetimeMs),
      options.size,
      options.claim,
      isoAt(now + options.leaseMs),
    ],
  )
  return rows
    .map((row) => ({ id: row.cart_id, at: new Date(row.due_at).getTime() }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.id)
}

/**
 * Renders and sends one claimed email, then records the outcome: `sent`, `failed`, or
 * `skipped` when the shop may not email this address now ({@link admitRecoveryEmail}).
 */
async function deliver(
  storage: Storage,
  ctx: AbandonmentContext,
  mailer: Mailer,
  options: { cartId: string; claim: string; timeoutMs: number; timers: SweepTimers },
): Promise<'sent' | 'failed' | 'skipped'> {
  const { cartId, claim } = options
  let outcome: 'sent' | 'failed' | 'timeout'
  let total = 0
  try {
    const cart = await getCart(storage, ctx, cartId)
    if (!cart?.email) throw new Error('the claimed cart has no email')
    total = cart.cost.total.amount
    const admitted = await admitRecoveryEmail(storage, ctx, { cartId, claim })
    if (!admitted.send) return 'skipped'
    const recoveryUrl = ctx.recoveryUrl(cartId)
    const unsubscribeUrl = ctx.unsubscribeUrl(admitted.recipientId)
    const email = await buildRecoveryEmail(storage, ctx, cart, recoveryUrl, unsubscribeUrl)
    const message = {
      id: `abandoned-${cartId}`,
      from: ctx.from,
      to: cart.email,
      ...email,
      headers: unsubscribeHeaders(unsubscribeUrl),
    }
    outcome = await sendWithin({ ...message, recoveryUrl }, mailer, options)
  } catch {
    outcome = 'failed'
  }
  const now = isoAt(ctx.clock.now())
  if (outcome === 'sent') {
    await storage.query(
      `UPDATE abandonment_emails SET status = 'sent', sent_at = $3, message_id = $4, cart_total = $5,
         updated_at = $3, claim_id = NULL, claimed_until = NULL
        WHERE cart_id = $1 AND claim_id = $2 AND status = 'queued'`,
      [cartId, claim, now, `abandoned-${cartId}`, total],
    )
    return 'sent'
  }
  if (outcome === 'failed') {
    // Nothing went out: the next sweep may try again at once.
    await storage.query(
      'UPDATE abandonment_emails SET claim_id = NULL, claimed_until = NULL WHERE cart_id = $1 AND claim_id = $2',
      [cartId, claim],
    )
  }
  // On a timeout the mail server may still take the email: the claim is kept until its lease
  // lapses, so no sweep sends it again meanwhile.
  return 'failed'
}

/** Hands an email to the mailer, giving up after `timeoutMs` (and aborting its signal). */
async function sendWithin(
  email: OutgoingEmail,
  mailer: Mailer,
  options: { timeoutMs: number; timers: SweepTimers },
): Promise<'sent' | 'failed' | 'timeout'> {
  const controller = new AbortController()
  let handle: unknown
  const timeout = new Promise<'timeout'>((resolve) => {
    handle = options.timers.setTimeout(() => {
      controller.abort(new Error(`the mailer did not answer within ${options.timeoutMs} ms`))
      resolve('timeout')
    }, options.timeoutMs)
  })
  try {
    const send = Promise.resolve()
      .then(() => mailer.send(email, { signal: controller.signal }))
      .then(
        () => 'sent' as const,
        () => 'failed' as const,
      )
    return await Promise.race([send, timeout])
  } finally {
    options.timers.clearTimeout(handle)
  }
}
