import type { CartSnapshot } from '@tote/core/adapter'
import { getCart, type ShopContext } from '../carts/index.ts'
import { findMerchandise } from '../catalogue/index.ts'
import { isoAt } from '../clock/index.ts'
import type { Mailer } from '../email/mailer.ts'
import { type RenderedEmail, renderRecoveryEmail, type ShopIdentity } from '../email/render.ts'
import type { Queryable, Storage } from '../storage/index.ts'
import { getAbandonmentSettings } from './settings.ts'

export type { AbandonmentSettings } from './settings.ts'
export {
  getAbandonmentSettings,
  MAX_DELAY_MINUTES,
  MIN_DELAY_MINUTES,
  updateAbandonmentSettings,
} from './settings.ts'

/** What the sweep and the email need beyond the cart context. */
export interface AbandonmentContext extends ShopContext {
  shop: ShopIdentity
  /** The address recovery emails come from. */
  from: string
  /** The storefront recovery URL for a cart (with its signed token). */
  recoveryUrl: (cartId: string) => string
}

/** What one sweep did. */
export interface SweepResult {
  /** Cart ids whose recovery email went out in this sweep. */
  sent: string[]
  /** Cart ids whose email failed to go out (they stay queued for the next sweep). */
  failed: string[]
}

/** Builds the recovery email of a cart. */
export async function buildRecoveryEmail(
  db: Queryable,
  ctx: AbandonmentContext,
  cart: CartSnapshot,
  recoveryUrl: string,
): Promise<RenderedEmail> {
  const settings = await getAbandonmentSettings(db, ctx.shopId)
  const items = await findMerchandise(
    db,
    ctx.shopId,
    cart.lines.map((line) => line.merchandise.id),
    ctx.assetBaseUrl,
  )
  const descriptions = new Map([...items].map(([id, item]) => [id, item.description]))
  return renderRecoveryEmail({
    shop: ctx.shop,
    cart,
    descriptions,
    message: settings.message,
    recoveryUrl,
  })
}

/**
 * Sends the recovery emails that are due (docs/domain.md R3–R8): queued, the feature on, the cart
 * still active (not completed, not expired) with an email, and its last update at least the
 * delay ago. Each email is
 * claimed in its own transaction with `FOR UPDATE SKIP LOCKED` and marked sent in that
 * same transaction, so several server instances sharing one PostgreSQL never send the same
 * email twice, and a restart never resends one that was marked sent.
 */
export async function runAbandonmentSweep(
  storage: Storage,
  ctx: AbandonmentContext,
  mailer: Mailer,
  options: { limit?: number } = {},
): Promise<SweepResult> {
  const limit = options.limit ?? 500
  const result: SweepResult = { sent: [], failed: [] }
  const skip = new Set<string>()
  // An expired cart cannot be opened any more: its queued email would only lead to an
  // "expired" page. Its email is cancelled (a cart is queued again only by a write, and an
  // expired cart takes none). The lifetime outlasts the longest delay, so this only happens
  // when no sweep ran for a long time.
  await storage.query(
    `UPDATE abandonment_emails q SET status = 'cancelled', updated_at = $2
       FROM carts c
      WHERE c.id = q.cart_id AND q.shop_id = $1 AND q.status = 'queued'
        AND c.status = 'active' AND c.updated_at <= $3`,
    [ctx.shopId, isoAt(ctx.clock.now()), isoAt(ctx.clock.now() - ctx.cartLifetimeMs)],
  )
  while (result.sent.length + result.failed.length < limit) {
    const now = ctx.clock.now()
    const claimed = await storage.transaction(async (tx) => {
      const { rows } = await tx.query<{ cart_id: string }>(
        `SELECT q.cart_id FROM abandonment_emails q
           JOIN carts c ON c.id = q.cart_id
           JOIN abandonment_settings s ON s.shop_id = q.shop_id
          WHERE q.shop_id = $1 AND q.status = 'queued' AND q.due_at <= $2 AND s.enabled
            AND c.status = 'active' AND c.email IS NOT NULL
            AND c.updated_at + make_interval(mins => s.delay_minutes) <= $2
            AND c.updated_at > $4
            AND NOT (q.cart_id = ANY($3::text[]))
          ORDER BY q.due_at, q.cart_id
          LIMIT 1
          FOR UPDATE OF q SKIP LOCKED`,
        [ctx.shopId, isoAt(now), [...skip], isoAt(now - ctx.cartLifetimeMs)],
      )
      const cartId = rows[0]?.cart_id
      if (!cartId) return null
      const cart = (await getCart(tx, ctx, cartId))!
      const recoveryUrl = ctx.recoveryUrl(cartId)
      const email = await buildRecoveryEmail(tx, ctx, cart, recoveryUrl)
      const id = `abandoned-${cartId}`
      try {
        await mailer.send({ id, from: ctx.from, to: cart.email!, ...email, recoveryUrl })
      } catch {
        return { cartId, sent: false }
      }
      await tx.query(
        `UPDATE abandonment_emails SET status = 'sent', sent_at = $2, message_id = $3, cart_total = $4, updated_at = $2
          WHERE cart_id = $1`,
        [cartId, isoAt(now), id, cart.cost.total.amount],
      )
      return { cartId, sent: true }
    })
    if (!claimed) break
    skip.add(claimed.cartId)
    ;(claimed.sent ? result.sent : result.failed).push(claimed.cartId)
  }
  await storage.query('DELETE FROM idempotency_keys WHERE shop_id = $1 AND created_at < $2', [
    ctx.shopId,
    isoAt(ctx.clock.now() - 24 * 60 * 60 * 1000),
  ])
  return result
}

/** Abandoned-cart statistics (docs/domain.md R10). */
export interface AbandonmentStats {
  /** Carts that reached checkout with an email and were left for longer than the delay. */
  abandoned: number
  /** Their total value. */
  value: { amount: number; currency: string }
  /** Recovery emails sent. */
  emailsSent: number
  /** Abandoned carts that became orders after their recovery email. */
  recovered: number
  /** Value of the recovered orders. */
  recoveredValue: { amount: number; currency: string }
  /** `recovered / abandoned`, 0 when nothing was abandoned. */
  recoveryRate: number
}

/** Computes the shop's abandoned-cart statistics at the clock's time. */
export async function abandonmentStats(db: Queryable, ctx: ShopContext): Promise<AbandonmentStats> {
  const settings = await getAbandonmentSettings(db, ctx.shopId)
  const cutoff = isoAt(ctx.clock.now() - settings.delayMinutes * 60_000)
  const { rows } = await db.query<{ abandoned: number; value: number; sent: number }>(
    `SELECT count(*)::int AS abandoned, COALESCE(sum(c.total), 0)::float8 AS value,
            count(q.cart_id) FILTER (WHERE q.status = 'sent')::int AS sent
       FROM carts c LEFT JOIN abandonment_emails q ON q.cart_id = c.id
      WHERE c.shop_id = $1 AND c.email IS NOT NULL
        AND ((c.status = 'active' AND c.updated_at <= $2) OR q.status = 'sent')`,
    [ctx.shopId, cutoff],
  )
  const recovered = await db.query<{ count: number; value: number }>(
    `SELECT count(*)::int AS count, COALESCE(sum(total), 0)::float8 AS value
       FROM orders WHERE shop_id = $1 AND recovered`,
    [ctx.shopId],
  )
  const row = rows[0]!
  const recoveredRow = recovered.rows[0]!
  return {
    abandoned: row.abandoned,
    value: { amount: Number(row.value), currency: ctx.currency },
    emailsSent: row.sent,
    recovered: recoveredRow.count,
    recoveredValue: { amount: Number(recoveredRow.value), currency: ctx.currency },
    recoveryRate: row.abandoned === 0 ? 0 : recoveredRow.count / row.abandoned,
  }
}

/** A cart as the merchant's list of checkouts shows it (docs/domain.md R1, R2). */
export interface MerchantCartSummary {
  id: string
  /** `checkout`: email given, within the delay; `abandoned`: left for longer than the delay. */
  state: 'checkout' | 'abandoned'
  email: string
  customerId: string | null
  checkoutStartedAt: string | null
  updatedAt: string
  total: { amount: number; currency: string }
  lines: { merchandiseId: string; title: string; quantity: number }[]
  /** Where its recovery email stands, or `null` when none was queued. */
  recoveryEmail: 'queued' | 'sent' | 'cancelled' | null
}

/**
 * The shop's carts in checkout or abandoned, newest first: what was in them, when and for
 * whom (docs/domain.md R2). For the merchant only; never exposed to shoppers.
 */
export async function listMerchantCarts(
  db: Queryable,
  ctx: ShopContext,
  options: { state: 'checkout' | 'abandoned'; limit: number },
): Promise<MerchantCartSummary[]> {
  const settings = await getAbandonmentSettings(db, ctx.shopId)
  const cutoff = isoAt(ctx.clock.now() - settings.delayMinutes * 60_000)
  const { rows } = await db.query<{
    id: string
    email: string
    customer_id: string | null
    checkout_started_at: Date | string | null
    updated_at: Date | string
    total: number
    currency: string
    recovery_email: MerchantCartSummary['recoveryEmail']
    lines: { merchandise_id: string; quantity: number; title: string }[] | null
  }>(
    `SELECT c.id, c.email, c.customer_id, c.checkout_started_at, c.updated_at, c.total, c.currency,
            q.status AS recovery_email,
            (SELECT json_agg(json_build_object('merchandise_id', l.merchandise_id, 'quantity', l.quantity,
                    'title', l.merchandise->>'productTitle') ORDER BY l.position)
               FROM cart_lines l WHERE l.cart_id = c.id) AS lines
       FROM carts c LEFT JOIN abandonment_emails q ON q.cart_id = c.id
      WHERE c.shop_id = $1 AND c.status = 'active' AND c.email IS NOT NULL
        AND (CASE WHEN $2 = 'abandoned' THEN c.updated_at <= $3 ELSE c.updated_at > $3 END)
      ORDER BY c.updated_at DESC, c.id
      LIMIT $4`,
    [ctx.shopId, options.state, cutoff, options.limit],
  )
  return rows.map((row) => ({
    id: row.id,
    state: options.state,
    email: row.email,
    customerId: row.customer_id,
    checkoutStartedAt:
      row.checkout_started_at === null ? null : new Date(row.checkout_started_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    total: { amount: row.total, currency: row.currency },
    lines: (row.lines ?? []).map((line) => ({
      merchandiseId: line.merchandise_id,
      title: line.title,
      quantity: line.quantity,
    })),
    recoveryEmail: row.recovery_email ?? null,
  }))
}
