// Signed recovery links for Medusa carts. Medusa has no recovery links of its own, so the app
// signs one (HMAC-SHA256 with its own key) when it sends the abandoned-cart email, and the
// adapter opens the cart it names. Web Crypto only: the same code runs in Node and browsers.
import { ToteArgumentError } from '@tote/core/adapter'

/** How long a link stays valid unless told otherwise: 7 days. */
export const RECOVERY_LINK_LIFETIME_MS = 7 * 24 * 60 * 60_000

const VERSION = 'v1'
const TOKEN = /^v1\.([A-Za-z0-9_-]+)\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/

/** Why a link does not open a cart. */
export type RecoveryLinkFailure = 'malformed' | 'tampered' | 'expired'

/**
 * What {@link verifyMedusaRecoveryLink} finds: the cart the link opens, or why it does not.
 *
 * @example
 * const result: RecoveryLinkCheck = { ok: false, reason: 'expired' }
 */
export type RecoveryLinkCheck =
  | { ok: true; cartId: string; expiresAt: number }
  | { ok: false; reason: RecoveryLinkFailure }

/**
 * Options of {@link createMedusaRecoveryLink}.
 *
 * @example
 * const options: RecoveryLinkOptions = { url: 'https://shop.example/recover', cartId, key }
 */
export interface RecoveryLinkOptions {
  /** The storefront page that opens recovery links; the token goes in its `token` parameter. */
  url: string
  /** The Medusa cart id (`cart_…`). */
  cartId: string
  /** The app's secret signing key. Keep it on the server. */
  key: string
  /** @default 7 days ({@link RECOVERY_LINK_LIFETIME_MS}) */
  expiresInMs?: number
  /** The time the lifetime starts from, in ms since the epoch. @default Date.now() */
  now?: number
}

const encoder = new TextEncoder()

function subtle(): SubtleCrypto {
  const crypto = globalThis.crypto?.subtle
  if (!crypto) {
    throw new ToteArgumentError('crypto', 'recovery links need Web Crypto (crypto.subtle)')
  }
  return crypto
}

function hmacKey(key: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  if (typeof key !== 'string' || key.length < 16) {
    throw new ToteArgumentError('key', 'expected a secret of at least 16 characters')
  }
  return subtle().importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    usage,
  ])
}

function message(cartId: string, expires: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`tote-medusa-recovery.${VERSION}.${cartId}.${expires}`)
}

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = ''
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/**
 * Signs a recovery link for a Medusa cart: `url?token=v1.<cartId>.<expiry>.<signature>`. The
 * token names the cart and when the link expires, and carries no personal data; the signature
 * is HMAC-SHA256 of both with the app's key. Call it where the key lives (the server that sends
 * the abandoned-cart email).
 *
 * @example
 * const link = await createMedusaRecoveryLink({
 *   url: 'https://shop.example/recover', cartId: 'cart_01J…', key: process.env.RECOVERY_KEY,
 * })
 */
export async function createMedusaRecoveryLink(options: RecoveryLinkOptions): Promise<string> {
  const { cartId } = options
  if (typeof cartId !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cartId)) {
    throw new ToteArgumentError('options.cartId', 'expected a Medusa cart id such as "cart_01J…"')
  }
  let url: URL
  try {
    url = new URL(options.url)
  } catch (cause) {
    throw new ToteArgumentError('options.url', 'expected an absolute URL', { cause })
  }
  const lifetime = options.expiresInMs ?? RECOVERY_LINK_LIFETIME_MS
  const expires = String(Math.floor(((options.now ?? Date.now()) + lifetime) / 1000))
  const signature = await subtle().sign(
    'HMAC',
    await hmacKey(options.key, 'sign'),
    message(cartId, expires),
  )
  url.searchParams.set('token', `${VERSION}.${cartId}.${expires}.${toBase64Url(signature)}`)
  return url.toString()
}

/** The token of a recovery link: its `token` parameter, or the link itself when it is a token. */
function tokenOf(link: string): string | null {
  const trimmed = link.trim()
  if (TOKEN.test(trimmed)) return trimmed
  try {
    return new URL(trimmed).searchParams.get('token')
  } catch {
    return null
  }
}

/**
 * Checks a recovery link made by {@link createMedusaRecoveryLink}: the signature against each
 * key (the newest first, so keys can rotate), with Web Crypto's constant-time comparison,
 * then the expiry.
 *
 * @example
 * const check = await verifyMedusaRecoveryLink(link, { key: [newKey, oldKey] })
 * if (check.ok) console.log(check.cartId)
 */
export async function verifyMedusaRecoveryLink(
  link: string,
  options: { key: string | readonly string[]; now?: number },
): Promise<RecoveryLinkCheck> {
  const token = typeof link === 'string' ? tokenOf(link) : null
  const match = token === null ? null : TOKEN.exec(token)
  if (!match) return { ok: false, reason: 'malformed' }
  const [, cartId, expires, signature] = match as unknown as [string, string, string, string]
  const keys = typeof options.key === 'string' ? [options.key] : options.key
  let signed = false
  for (const key of keys) {
    const valid = await subtle().verify(
      'HMAC',
      await hmacKey(key, 'verify'),
      fromBase64Url(signature),
      message(cartId, expires),
    )
    if (valid) {
      signed = true
      break
    }
  }
  if (!signed) return { ok: false, reason: 'tampered' }
  const expiresAt = Number(expires) * 1000
  if (expiresAt <= (options.now ?? Date.now())) return { ok: false, reason: 'expired' }
  return { ok: true, cartId, expiresAt }
}
