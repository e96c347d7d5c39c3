import type { ShopContext } from '../carts/index.ts'
import { isoAt } from '../clock/index.ts'
import type { Queryable } from '../storage/index.ts'
import { getAbandonmentSettings } from './settings.ts'

export { type AbandonmentContext, buildRecoveryEmail } from './email.ts'

export type {
  AbandonmentSettings,
  AbandonmentSettingsPatch,
  RecoveryRecipients,
} from './settings.ts'
export {
  getAbandonmentSettings,
  MAX_DELAY_MINUTES,
  MAX_EMAILS_PER_ADDRESS_PER_DAY,
  MIN_DELAY_MINUTES,
  updateAbandonmentSettings,
} from './settings.ts'

export {
  DEFAULT_SEND_TIMEOUT_MS,
  runAbandonmentSweep,
  type SweepOptions,
  type SweepResult,
  type SweepTimers,
} from './sweep.ts'

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

/**
 * Computes the shop's abandoned-cart statistics at the clock's time. A cart counts from the
 * moment it got a checkout email, even once an erasure or the retention of expired carts
 * removed the address (the statistics hold no personal data).
 */
export async function abandonmentStats(db: Queryable, ctx: ShopContext): Promise<AbandonmentStats> {
  const settings = await getAbandonmentSettings(db, ctx.shopId)
  const cutoff = isoAt(ctx.clock.now() - settings.delayMinutes * 60_000)
  const { rows } = await db.query<{ abandoned: number; value: number; sent: number }>(
    `SELECT count(*)::int AS abandoned, COALESCE(sum(c.total), 0)::float8 AS value,
            count(q.cart_id) FILTER (WHERE q.status = 'sent')::int AS sent
       FROM carts c LEFT JOIN abandonment_emails q ON q.cart_id = c.id
      WHERE c.shop_id = $1 AND c.checkout_started_at IS NOT NULL
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
