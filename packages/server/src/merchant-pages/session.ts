import { createHmac, timingSafeEqual } from 'node:crypto'

/** The cookie that keeps a merchant signed in to the merchant pages. */
export const SESSION_COOKIE = 'tote_merchant'
/** How long a sign-in lasts: 12 hours. */
export const SESSION_TTL_MS = 12 * 60 * 60_000

const sign = (secret: string, purpose: string, value: string) =>
  createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url')

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Whether `given` is the merchant token, compared in constant time. */
export function isMerchantToken(given: string, merchantToken: string): boolean {
  return given.length > 0 && same(given, merchantToken)
}

/**
 * A session value: its expiry and a signature keyed by the merchant token. The cookie never
 * holds the token itself, and rotating the token signs every session out.
 */
export function createSession(merchantToken: string, now: number): string {
  const expires = String(now + SESSION_TTL_MS)
  return `${expires}.${sign(merchantToken, 'session', expires)}`
}

/** Whether a session value is signed with the merchant token and not expired. */
export function isValidSession(
  session: string | undefined,
  merchantToken: string,
  now: number,
): boolean {
  if (!session) return false
  const [expires, signature, ...rest] = session.split('.')
  if (!expires || !signature || rest.length > 0 || !/^\d{1,16}$/.test(expires)) return false
  return Number(expires) > now && same(signature, sign(merchantToken, 'session', expires))
}

/** The token each form carries, so another site cannot post to the merchant pages. */
export function csrfToken(session: string, merchantToken: string): string {
  return sign(merchantToken, 'csrf', session)
}

/** Whether a form's token belongs to the session. */
export function isValidCsrf(
  given: string | undefined,
  session: string,
  merchantToken: string,
): boolean {
  return typeof given === 'string' && same(given, csrfToken(session, merchantToken))
}
