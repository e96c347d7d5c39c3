import { createHmac, timingSafeEqual } from 'node:crypto'

/** A key that signs recovery tokens. Keep several to rotate: the first signs, all verify. */
export interface RecoveryKey {
  /** A short public id written into each token, such as `2026-01`. */
  id: string
  /** The secret: at least 32 characters of randomness. Never commit a real one. */
  secret: string
}

/** What a recovery token says. It holds no personal data: only opaque ids and times. */
export interface RecoveryClaims {
  cartId: string
  shopId: string
  /** Milliseconds since the epoch after which the token is refused. */
  expiresAt: number
}

/** Why a token was refused. */
export type RecoveryTokenFailure =
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'expired'
  | 'foreign_shop'

/** The outcome of {@link verifyRecoveryToken}. */
export type RecoveryTokenResult =
  | { ok: true; claims: RecoveryClaims; keyId: string }
  | { ok: false; reason: RecoveryTokenFailure }

const PREFIX = 'tote1'
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/

/** Checks a key ring; throws a `TypeError` naming the problem. */
export function assertRecoveryKeys(keys: readonly RecoveryKey[]): void {
  if (keys.length === 0) throw new TypeError('secrets.recoveryKeys: expected at least one key')
  const ids = new Set<string>()
  for (const key of keys) {
    if (!KEY_ID.test(key.id)) {
      throw new TypeError(
        `secrets.recoveryKeys: key id ${JSON.stringify(key.id)} must match ${KEY_ID}`,
      )
    }
    if (ids.has(key.id)) throw new TypeError(`secrets.recoveryKeys: duplicate key id ${key.id}`)
    if (key.secret.length < 32) {
      throw new TypeError(
        `secrets.recoveryKeys: key ${key.id} needs a secret of at least 32 characters`,
      )
    }
    ids.add(key.id)
  }
}

/**
 * Whether `text` is base64url exactly as Tote writes it: no padding, no `+` or `/`, and no
 * stray bits in the last character. Decoders accept all of those, so one token could
 * otherwise be written several ways.
 *
 * @example
 * isCanonicalBase64url('AQ') // true
 * isCanonicalBase64url('AR') // false: the same byte with stray bits
 */
export function isCanonicalBase64url(text: string): boolean {
  return (
    /^[A-Za-z0-9_-]*$/.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text
  )
}

function sign(secret: string, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest()
}

/**
 * Signs a recovery token with the first key of the ring: `tote1.<key id>.<claims>.<HMAC-SHA256>`.
 *
 * @example
 * signRecoveryToken({ cartId, shopId: 'demo', expiresAt: now + 7 * DAY }, keys)
 */
export function signRecoveryToken(claims: RecoveryClaims, keys: readonly RecoveryKey[]): string {
  const key = keys[0]
  if (!key) throw new TypeError('secrets.recoveryKeys: expected at least one key')
  const payload = Buffer.from(
    JSON.stringify({ c: claims.cartId, s: claims.shopId, x: Math.floor(claims.expiresAt / 1000) }),
  ).toString('base64url')
  const signed = `${PREFIX}.${key.id}.${payload}`
  return `${signed}.${sign(key.secret, signed).toString('base64url')}`
}

/**
 * Verifies a token in constant time (`crypto.timingSafeEqual`) with the key its id names,
 * then checks expiry and that it was issued for this shop.
 */
export function verifyRecoveryToken(
  token: string,
  options: { keys: readonly RecoveryKey[]; shopId: string; now: number },
): RecoveryTokenResult {
  const parts = token.split('.')
  if (parts.length !== 4 || parts[0] !== PREFIX) return { ok: false, reason: 'malformed' }
  const [, keyId, payload, signature] = parts as [string, string, string, string]
  const key = options.keys.find((candidate) => candidate.id === keyId)
  if (!key) return { ok: false, reason: 'unknown_key' }
  const expected = sign(key.secret, `${PREFIX}.${keyId}.${payload}`)
  // The claims are signed as text; the signature is compared as bytes, so only the one
  // encoding Tote writes is taken (decoders also read padding, `+/` and stray bits).
  const given = Buffer.from(signature, 'base64url')
  if (
    !isCanonicalBase64url(signature) ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, reason: 'bad_signature' }
  }
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const claims = decoded as { c?: unknown; s?: unknown; x?: unknown }
  if (
    typeof claims.c !== 'string' ||
    typeof claims.s !== 'string' ||
    typeof claims.x !== 'number'
  ) {
    return { ok: false, reason: 'malformed' }
  }
  if (claims.s !== options.shopId) return { ok: false, reason: 'foreign_shop' }
  const expiresAt = claims.x * 1000
  if (options.now >= expiresAt) return { ok: false, reason: 'expired' }
  return { ok: true, keyId, claims: { cartId: claims.c, shopId: claims.s, expiresAt } }
}
