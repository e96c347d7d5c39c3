import { isoAt } from '../clock/index.ts'
import type { Queryable } from '../storage/index.ts'

/** The shortest delay a merchant may set (docs/domain.md R5): 20 minutes. */
export const MIN_DELAY_MINUTES = 20
/** The longest delay a merchant may set (docs/domain.md R5): 2 days. */
export const MAX_DELAY_MINUTES = 2 * 24 * 60
/** The most recovery emails a merchant may let one address get in 24 hours. */
export const MAX_EMAILS_PER_ADDRESS_PER_DAY = 10

/**
 * Who gets recovery emails: `all`, everyone who gave an email at checkout (the default, as
 * Shopify's abandoned-checkout setting), or `consented`, only those who agreed to marketing on
 * that cart.
 */
export type RecoveryRecipients = 'all' | 'consented'

/** A shop's abandoned-cart email settings. */
export interface AbandonmentSettings {
  enabled: boolean
  /** Minutes after a cart's last update before its recovery email goes out (20–2880). */
  delayMinutes: number
  /** The merchant's own text, shown above the items. */
  message: string
  /** When the feature was last turned on (ISO), or `null`. */
  enabledAt: string | null
  /** Who gets recovery emails. @default 'all' */
  recipients: RecoveryRecipients
  /**
   * The most recovery emails one address gets in any 24 hours, however many carts it left
   * (1–10); the carts over the limit get none. @default 1
   */
  maxEmailsPerAddressPerDay: number
}

/** What a merchant may change. */
export type AbandonmentSettingsPatch = Partial<
  Pick<
    AbandonmentSettings,
    'enabled' | 'delayMinutes' | 'message' | 'recipients' | 'maxEmailsPerAddressPerDay'
  >
>

const DEFAULTS: AbandonmentSettings = {
  enabled: false,
  delayMinutes: 60,
  message: '',
  enabledAt: null,
  recipients: 'all',
  maxEmailsPerAddressPerDay: 1,
}

/**
 * The shop's settings (off, 60 minutes, no text, to everyone who gave an email, one a day per
 * address, until the merchant changes them).
 */
export async function getAbandonmentSettings(
  db: Queryable,
  shopId: string,
): Promise<AbandonmentSettings> {
  const { rows } = await db.query<{
    enabled: boolean
    delay_minutes: number
    message: string
    enabled_at: Date | string | null
    recipients: RecoveryRecipients
    max_emails_per_address_per_day: number
  }>(
    `SELECT enabled, delay_minutes, message, enabled_at, recipients, max_emails_per_address_per_day
       FROM abandonment_settings WHERE shop_id = $1`,
    [shopId],
  )
  const row = rows[0]
  if (!row) return { ...DEFAULTS }
  return {
    enabled: row.enabled,
    delayMinutes: row.delay_minutes,
    message: row.message,
    enabledAt: row.enabled_at === null ? null : new Date(row.enabled_at).toISOString(),
    recipients: row.recipients,
    maxEmailsPerAddressPerDay: row.max_emails_per_address_per_day,
  }
}

/**
 * Changes the settings. Turning the feature on does not reach back: carts already waiting
 * are not queued (docs/domain.md R7); a cart is queued by its next update. Turning it off cancels
 * every queued email (R8). A new delay moves the queued emails (still from each cart's
 * last update).
 */
export async function updateAbandonmentSettings(
  db: Queryable,
  ctx: { shopId: string; clock: { now(): number } },
  patch: AbandonmentSettingsPatch,
): Promise<AbandonmentSettings> {
  const before = await getAbandonmentSettings(db, ctx.shopId)
  const next = { ...before, ...patch }
  const now = isoAt(ctx.clock.now())
  const enabledAt = next.enabled && !before.enabled ? now : next.enabled ? before.enabledAt : null
  await db.query(
    `INSERT INTO abandonment_settings (shop_id, enabled, delay_minutes, message, enabled_at, updated_at,
       recipients, max_emails_per_address_per_day)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (shop_id) DO UPDATE SET enabled = $2, delay_minutes = $3, message = $4, enabled_at = $5,
       updated_at = $6, recipients = $7, max_emails_per_address_per_day = $8`,
    [
      ctx.shopId,
      next.enabled,
      next.delayMinutes,
      next.message,
      enabledAt,
      now,
      next.recipients,
      next.maxEmailsPerAddressPerDay,
    ],
  )
  if (!next.enabled && before.enabled) {
    await db.query(
      `UPDATE abandonment_emails SET status = 'cancelled', updated_at = $2 WHERE shop_id = $1 AND status = 'queued'`,
      [ctx.shopId, now],
    )
  } else if (next.enabled && next.delayMinutes !== before.delayMinutes) {
    await db.query(
      `UPDATE abandonment_emails q SET due_at = c.updated_at + make_interval(mins => $2), updated_at = $3
         FROM carts c WHERE c.id = q.cart_id AND q.shop_id = $1 AND q.status = 'queued'`,
      [ctx.shopId, next.delayMinutes, now],
    )
  }
  return { ...next, enabledAt }
}
