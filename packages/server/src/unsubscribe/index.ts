import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { newId } from '../carts/ids.ts'
import { isoAt } from '../clock/index.ts'
import { isCanonicalBase64url, type RecoveryKey } from '../recovery-token/index.ts'
import type { Queryable } from '../storage/index.ts'

/**
 * What an unsubscribe token says: the shop and a random recipient id. Never the address: the
 * link travels in emails, mail logs and list headers.
 */
export interface UnsubscribeClaims {
  shopId: string
  recipientId: string
}

/** Why an unsubscribe token was refused. */
export type UnsubscribeTokenFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'foreign_shop'

/** The outcome of {@link verifyUnsubscribeToken}. */
export type UnsubscribeTokenResult =
  | { ok: true; claims: UnsubscribeClaims }
  | { ok: false; reason: UnsubscribeTokenFailure }

// A prefix of its own: the HMAC covers it, so a recovery token never passes as an unsubscribe
// token, nor the other way round, though both are signed with the same keys.
const PREFIX = 'toteu1'
const RECIPIENT_ID = /^rcp_[A-Za-z0-9_-]{1,64}$/

function sign(secret: string, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest()
}

/**
 * Signs an unsubscribe token with the first key of the ring:
 * `toteu1.<key id>.<claims>.<HMAC-SHA256>`. It does not expire: an unsubscribe link works for
 * as long as its key stays in the ring.
 *
 * @example
 * signUnsubscribeToken({ shopId: 'demo', recipientId: 'rcp_…' }, keys)
 */
export function signUnsubscribeToken(
  claims: UnsubscribeClaims,
  keys: readonly RecoveryKey[],
): string {
  const key = keys[0]
  if (!key) throw new TypeError('secrets.recoveryKeys: expected at least one key')
  const payload = Buffer.from(JSON.stringify({ s: claims.shopId, r: claims.recipientId })).toString(
    'base64url',
  )
  const signed = `${PREFIX}.${key.id}.${payload}`
  return `${signed}.${sign(key.secret, signed).toString('base64url')}`
}

/** Verifies an unsubscribe token in constant time with the key its id names, for this shop. */
export function verifyUnsubscribeToken(
  token: string,
  options: { keys: readonly RecoveryKey[]; shopId: string },
): UnsubscribeTokenResult {
  const parts = token.split('.')
  if (parts.length !== 4 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' }
  const [, keyId, payload, signature] = parts as [string, string, string, string]
  // Only the encoding the server writes: no padding, no `+/`, no stray trailing bits.
  if (!isCanonicalBase64url(payload) || !isCanonicalBase64url(signature)) {
    return { ok: false, reason: 'malformed' }
  }
  const key = options.keys.find((candidate) => candidate.id === keyId)
  if (!key) return { ok: false, reason: 'unknown_key' }
  const expected = sign(key.secret, `${PREFIX}.${keyId}.${payload}`)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' }
  }
  let claims: { s?: unknown; r?: unknown }
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (typeof claims.s !== 'string' || typeof claims.r !== 'string' || !RECIPIENT_ID.test(claims.r))
    return { ok: false, reason: 'malformed' }
  if (claims.s !== options.shopId) return { ok: false, reason: 'foreign_shop' }
  return { ok: true, claims: { shopId: claims.s, recipientId: claims.r } }
}

/** An address as Tote compares it: trimmed, lower-case (as customer profiles, docs/domain.md R13). */
export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * The SHA-256 of a shop's address: what the server keeps to count and stop recovery emails,
 * so an unsubscribe and the daily count outlive the erasure of the address itself.
 */
export function addressHash(shopId: string, email: string): string {
  return createHash('sha256')
    .update(`${shopId}\n${normalizeAddress(email)}`)
    .digest('hex')
}

/** An address the shop emails, as the unsubscribe list knows it. */
export interface EmailRecipient {
  /** Random; what unsubscribe links carry. */
  id: string
  addressHash: string
  /** When it unsubscribed (ISO), or `null`. */
  unsubscribedAt: string | null
}

/**
 * The recipient of an address, created on first use and locked until the transaction ends, so
 * two server instances emailing one address take turns (the daily limit counts right).
 */
export async function lockRecipient(
  tx: Queryable,
  ctx: { shopId: string; clock: { now(): number } },
  email: string,
): Promise<EmailRecipient> {
  const hash = addressHash(ctx.shopId, email)
  await tx.query(
    `INSERT INTO email_recipients (id, shop_id, address_hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (shop_id, address_hash) DO NOTHING`,
    [newId('rcp'), ctx.shopId, hash, isoAt(ctx.clock.now())],
  )
  const { rows } = await tx.query<{ id: string; unsubscribed_at: Date | string | null }>(
    'SELECT id, unsubscribed_at FROM email_recipients WHERE shop_id = $1 AND address_hash = $2 FOR UPDATE',
    [ctx.shopId, hash],
  )
  const row = rows[0]!
  return {
    id: row.id,
    addressHash: hash,
    unsubscribedAt:
      row.unsubscribed_at === null ? null : new Date(row.unsubscribed_at).toISOString(),
  }
}

/**
 * Unsubscribes a recipient from recovery emails, for good. Resolves `false` when the shop has
 * no such recipient; unsubscribing twice keeps the first time.
 */
export async function unsubscribeRecipient(
  db: Queryable,
  ctx: { shopId: string; clock: { now(): number } },
  recipientId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE email_recipients SET unsubscribed_at = COALESCE(unsubscribed_at, $3)
      WHERE shop_id = $1 AND id = $2 RETURNING id`,
    [ctx.shopId, recipientId, isoAt(ctx.clock.now())],
  )
  return rows.length > 0
}

/** Whether the recipient of a token exists (the confirmation page asks before unsubscribing). */
export async function findRecipient(
  db: Queryable,
  shopId: string,
  recipientId: string,
): Promise<{ unsubscribedAt: string | null } | null> {
  const { rows } = await db.query<{ unsubscribed_at: Date | string | null }>(
    'SELECT unsubscribed_at FROM email_recipients WHERE shop_id = $1 AND id = $2',
    [shopId, recipientId],
  )
  const row = rows[0]
  if (!row) return null
  return {
    unsubscribedAt:
      row.unsubscribed_at === null ? null : new Date(row.unsubscribed_at).toISOString(),
  }
}

/**
 * The one-click unsubscribe headers of RFC 8058 for a link: mail clients show an
 * "Unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to it.
 */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}
