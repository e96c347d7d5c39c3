import { isoAt } from '../clock/index.ts'
import type { Mailer } from '../email/mailer.ts'
import type { Queryable, Storage } from '../storage/index.ts'
import { normalizeAddress } from '../unsubscribe/index.ts'

/** What the privacy sweep needs. */
export interface PrivacyContext {
  shopId: string
  clock: { now(): number }
  /** How long an active cart lives after its last change, in milliseconds. */
  cartLifetimeMs: number
  /** How long an expired cart keeps its personal data, in milliseconds. */
  expiredCartRetentionMs: number
}

/** What one privacy sweep did. */
export interface PrivacySweepResult {
  /** Erasure requests carried out. */
  erasures: string[]
  /** Expired carts whose personal data was removed. */
  purgedCarts: number
}

/**
 * Carries out an erasure request in one transaction: the person's carts lose their address,
 * consent, note and attributes (and move on one version), the idempotency records that hold
 * the address are deleted, and the profile is deleted, or, when orders keep it
 * (docs/domain.md R15), emptied of the address, note and tags. Orders keep their billing
 * address (R20). The unsubscribe list keeps only a hash of the address, so an unsubscribe
 * outlives the erasure.
 */
async function eraseOne(
  tx: Queryable,
  ctx: PrivacyContext,
  request: { id: string; customer_id: string | null; email: string },
): Promise<void> {
  const now = isoAt(ctx.clock.now())
  const address = normalizeAddress(request.email)
  const { rows } = await tx.query<{ email: string }>(
    `UPDATE carts c SET email = NULL, marketing_consent = false, customer_id = NULL, note = '',
            attributes = '{}'::jsonb, version = c.version + 1
       FROM carts before
      WHERE before.id = c.id AND c.shop_id = $1
        AND (lower(btrim(c.email)) = $2 OR c.customer_id = $3)
      RETURNING before.email`,
    [ctx.shopId, address, request.customer_id],
  )
  // Stored answers are JSON: the address appears in them as a JSON string would hold it, in
  // each spelling the carts had (SQL's lower() may leave letters beyond ASCII as they are).
  const spellings = new Set([address, request.email.trim()])
  for (const row of rows) if (row.email) spellings.add(row.email)
  await tx.query(
    `DELETE FROM idempotency_keys k WHERE k.shop_id = $1
        AND (strpos(lower(k.response::text), $2) > 0
             OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS n WHERE strpos(k.response::text, n) > 0))`,
    [
      ctx.shopId,
      JSON.stringify(address).slice(1, -1),
      [...spellings].map((spelling) => JSON.stringify(spelling).slice(1, -1)),
    ],
  )
  if (request.customer_id !== null) {
    const orders = await tx.query('SELECT 1 FROM orders WHERE customer_id = $1 LIMIT 1', [
      request.customer_id,
    ])
    if (orders.rows.length === 0) {
      // Completed first, so the request's link to the profile is cleared by the delete.
      await tx.query(
        `UPDATE erasure_requests SET status = 'completed', completed_at = $2, email = NULL WHERE id = $1`,
        [request.id, now],
      )
      await tx.query('DELETE FROM customers WHERE id = $1', [request.customer_id])
      return
    }
    await tx.query('DELETE FROM customer_tags WHERE customer_id = $1', [request.customer_id])
    await tx.query(
      `UPDATE customers SET email = '', email_normalized = 'erased:' || id, note = '',
              marketing_consent = false, last_cart_id = NULL, erased_at = $2, updated_at = $2
        WHERE id = $1`,
      [request.customer_id, now],
    )
  }
  await tx.query(
    `UPDATE erasure_requests SET status = 'completed', completed_at = $2, email = NULL WHERE id = $1`,
    [request.id, now],
  )
}

/**
 * Carries out the shop's pending erasure requests, oldest first. For each, the mailer first
 * forgets the emails it keeps to the address (the outbox), outside any transaction; then the
 * database is erased in one transaction that claims the request with `FOR UPDATE SKIP LOCKED`,
 * so two instances sweeping at once erase it once. A request whose mailer fails stays pending
 * and is tried again by the next sweep.
 */
export async function carryOutErasures(
  storage: Storage,
  ctx: PrivacyContext,
  mailer: Mailer,
): Promise<string[]> {
  const { rows } = await storage.query<{ id: string; email: string }>(
    `SELECT id, email FROM erasure_requests WHERE shop_id = $1 AND status = 'pending'
      ORDER BY requested_at, id LIMIT 100`,
    [ctx.shopId],
  )
  const done: string[] = []
  for (const pending of rows) {
    try {
      await mailer.erase?.(pending.email)
    } catch {
      continue
    }
    const erased = await storage.transaction(async (tx) => {
      const claimed = await tx.query<{ id: string; customer_id: string | null; email: string }>(
        `SELECT id, customer_id, email FROM erasure_requests
          WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
        [pending.id],
      )
      if (!claimed.rows[0]) return false
      await eraseOne(tx, ctx, claimed.rows[0])
      return true
    })
    if (erased) done.push(pending.id)
  }
  return done
}

/**
 * Removes the personal data of carts that expired more than `expiredCartRetentionMs` ago:
 * their address, consent, link to a profile, note and attributes. Their lines and totals stay,
 * for the merchant's statistics. Completed carts are orders' carts and keep theirs.
 */
export async function purgeExpiredCarts(db: Queryable, ctx: PrivacyContext): Promise<number> {
  const cutoff = ctx.clock.now() - ctx.cartLifetimeMs - ctx.expiredCartRetentionMs
  const { rows } = await db.query(
    `UPDATE carts SET email = NULL, marketing_consent = false, customer_id = NULL, note = '',
            attributes = '{}'::jsonb
      WHERE shop_id = $1 AND status = 'active' AND updated_at <= $2
        AND (email IS NOT NULL OR customer_id IS NOT NULL OR note <> '' OR attributes <> '{}'::jsonb)
      RETURNING id`,
    [ctx.shopId, isoAt(cutoff)],
  )
  return rows.length
}

/** Erasure requests, then the retention of expired carts: what the sweep does for privacy. */
export async function runPrivacySweep(
  storage: Storage,
  ctx: PrivacyContext,
  mailer: Mailer,
): Promise<PrivacySweepResult> {
  const erasures = await carryOutErasures(storage, ctx, mailer)
  const purgedCarts = await purgeExpiredCarts(storage, ctx)
  return { erasures, purgedCarts }
}
