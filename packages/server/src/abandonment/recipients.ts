import { isoAt } from '../clock/index.ts'
import type { Storage } from '../storage/index.ts'
import { lockRecipient } from '../unsubscribe/index.ts'
import { getAbandonmentSettings } from './settings.ts'

/**
 * Why a due recovery email was not sent: the shop only emails those who agreed to marketing
 * and this cart's shopper did not, the address unsubscribed, or the address already got the
 * shop's daily number of recovery emails.
 */
export type RecoveryEmailSkip = 'no_consent' | 'unsubscribed' | 'address_limit'

/** Whether a claimed recovery email may go out, and to which unsubscribe recipient. */
export type RecipientDecision =
  | { send: true; recipientId: string }
  | { send: false; reason: RecoveryEmailSkip }

const DAY_MS = 24 * 60 * 60_000

/**
 * Decides whether a cart's claimed recovery email may go out, in one short transaction:
 * the shop's `recipients` setting against the cart's own consent, the unsubscribe list, and
 * at most `maxEmailsPerAddressPerDay` in any 24 hours per address (emails another sweep
 * claimed and may be sending count too). The address's recipient row is locked meanwhile,
 * so two sweeps deciding for one address take turns.
 *
 * An admitted email is marked with the address's hash, so it counts for the address from
 * now on; a refused one is cancelled with its reason, and never sent.
 */
export async function admitRecoveryEmail(
  storage: Storage,
  ctx: { shopId: string; clock: { now(): number } },
  email: { cartId: string; claim: string },
): Promise<RecipientDecision> {
  return storage.transaction(async (tx) => {
    const now = ctx.clock.now()
    const settings = await getAbandonmentSettings(tx, ctx.shopId)
    const { rows } = await tx.query<{ email: string | null; marketing_consent: boolean }>(
      'SELECT email, marketing_consent FROM carts WHERE id = $1 AND shop_id = $2',
      [email.cartId, ctx.shopId],
    )
    const cart = rows[0]
    if (!cart?.email) throw new Error('the claimed cart has no email')
    let reason: RecoveryEmailSkip | null = null
    let recipientId = ''
    let hash: string | null = null
    if (settings.recipients === 'consented' && !cart.marketing_consent) {
      reason = 'no_consent'
    } else {
      const recipient = await lockRecipient(tx, ctx, cart.email)
      recipientId = recipient.id
      hash = recipient.addressHash
      if (recipient.unsubscribedAt !== null) {
        reason = 'unsubscribed'
      } else {
        const counted = await tx.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM abandonment_emails
            WHERE shop_id = $1 AND address_hash = $2 AND cart_id <> $3
              AND ((status = 'sent' AND sent_at > $4) OR (status = 'queued' AND claimed_until > $5))`,
          [ctx.shopId, hash, email.cartId, isoAt(now - DAY_MS), isoAt(now)],
        )
        if (counted.rows[0]!.count >= settings.maxEmailsPerAddressPerDay) reason = 'address_limit'
      }
    }
    if (reason !== null) {
      await tx.query(
        `UPDATE abandonment_emails SET status = 'cancelled', skipped_reason = $3, address_hash = $4,
                claim_id = NULL, claimed_until = NULL, updated_at = $5
          WHERE cart_id = $1 AND claim_id = $2 AND status = 'queued'`,
        [email.cartId, email.claim, reason, hash, isoAt(now)],
      )
      return { send: false, reason }
    }
    await tx.query(
      'UPDATE abandonment_emails SET address_hash = $3 WHERE cart_id = $1 AND claim_id = $2',
      [email.cartId, email.claim, hash],
    )
    return { send: true, recipientId }
  })
}
