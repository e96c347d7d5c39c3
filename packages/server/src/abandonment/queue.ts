import { isoAt } from '../clock/index.ts'
import type { Queryable } from '../storage/index.ts'

/** What scheduling needs: the shop and the time. */
interface ScheduleContext {
  shopId: string
  clock: { now(): number }
}

/**
 * (Re)queues a cart's recovery email after a write: due `delay` after the cart's last update
 * (docs/domain.md R4), only when the feature is on and the cart has an email (R3). A cart already
 * emailed is never queued again: one recovery email per cart.
 */
export async function scheduleAbandonmentEmail(
  db: Queryable,
  ctx: ScheduleContext,
  cartId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO abandonment_emails (cart_id, shop_id, status, due_at, updated_at)
     SELECT c.id, c.shop_id, 'queued', c.updated_at + make_interval(mins => s.delay_minutes), $3
       FROM carts c JOIN abandonment_settings s ON s.shop_id = c.shop_id
      WHERE c.id = $1 AND c.shop_id = $2 AND s.enabled AND c.email IS NOT NULL AND c.status = 'active'
     ON CONFLICT (cart_id) DO UPDATE SET status = 'queued', due_at = EXCLUDED.due_at, updated_at = EXCLUDED.updated_at
      WHERE abandonment_emails.status <> 'sent'`,
    [cartId, ctx.shopId, isoAt(ctx.clock.now())],
  )
}
