import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The address of the client, for rate limits. Behind `trustedHops` proxies of your own, each
 * proxy appends the address it saw to `X-Forwarded-For`, and the last one is the socket's
 * peer: the client is the right-most address no trusted proxy wrote, `trustedHops` entries
 * from the right. Entries further left are the client's own words and never used, so a
 * made-up `X-Forwarded-For` cannot pick another bucket.
 *
 * @example
 * // one proxy; X-Forwarded-For: "6.6.6.6, 203.0.113.7" from the proxy at 10.0.0.2
 * clientAddress(c, 1) // '203.0.113.7'
 */
export function clientAddress(c: Context, trustedHops: number): string {
  const peer = socketAddress(c)
  if (trustedHops <= 0) return peer
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const chain = [...forwarded, peer]
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!
}

/** The socket's peer: `local` when there is no socket (`app.fetch` in tests). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'local'
  }
}

/**
 * Whether a request comes from this machine itself, and not through a proxy: a proxy on the
 * same host connects from a loopback address, but says so in its forwarding headers.
 */
export function isFromThisMachine(c: Context): boolean {
  const address = socketAddress(c)
  const loopback =
    address === 'local' ||
    address === '::1' ||
    address.startsWith('127.') ||
    address.startsWith('::ffff:127.')
  const forwarded = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host'].some(
    (name) => c.req.header(name) !== undefined,
  )
  return loopback && !forwarded
}
