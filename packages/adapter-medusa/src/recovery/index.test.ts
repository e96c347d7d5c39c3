import { describe, expect, it } from 'vitest'
import { createMedusaRecoveryLink, verifyMedusaRecoveryLink } from './index.ts'

const KEY = 'a-signing-key-of-the-shop'
const NOW = Date.UTC(2026, 10, 1)

const link = (options: { key?: string; expiresInMs?: number } = {}) =>
  createMedusaRecoveryLink({
    url: 'https://shop.example/recover?utm_source=email',
    cartId: 'cart_01JABCDEF',
    key: options.key ?? KEY,
    now: NOW,
    ...(options.expiresInMs === undefined ? {} : { expiresInMs: options.expiresInMs }),
  })

describe('recovery links', () => {
  it('names the cart and its expiry in a signed token, and nothing personal', async () => {
    const url = new URL(await link())
    expect(url.searchParams.get('utm_source')).toBe('email')
    expect(url.searchParams.get('token')).toMatch(/^v1\.cart_01JABCDEF\.\d+\.[\w-]{43}$/)
    expect(await verifyMedusaRecoveryLink(url.toString(), { key: KEY, now: NOW })).toEqual({
      ok: true,
      cartId: 'cart_01JABCDEF',
      expiresAt: NOW + 7 * 24 * 60 * 60_000,
    })
  })

  it('opens a bare token as well as the link', async () => {
    const token = new URL(await link()).searchParams.get('token') as string
    expect(await verifyMedusaRecoveryLink(token, { key: KEY, now: NOW })).toMatchObject({
      ok: true,
    })
  })

  it('refuses another cart id, another key, or a changed expiry as tampered', async () => {
    const token = new URL(await link()).searchParams.get('token') as string
    const [version, , expires, signature] = token.split('.')
    for (const forged of [
      `${version}.cart_01JOTHER.${expires}.${signature}`,
      `${version}.cart_01JABCDEF.${Number(expires) + 3600}.${signature}`,
    ]) {
      expect(await verifyMedusaRecoveryLink(forged, { key: KEY, now: NOW })).toEqual({
        ok: false,
        reason: 'tampered',
      })
    }
    expect(
      await verifyMedusaRecoveryLink(token, { key: 'another-key-of-16-chars', now: NOW }),
    ).toEqual({ ok: false, reason: 'tampered' })
  })

  it('accepts the keys it is given, the newest first, so keys can rotate', async () => {
    const old = await link({ key: 'the-previous-signing-key' })
    expect(
      await verifyMedusaRecoveryLink(old, { key: [KEY, 'the-previous-signing-key'], now: NOW }),
    ).toMatchObject({ ok: true })
  })

  it('refuses an expired link', async () => {
    expect(
      await verifyMedusaRecoveryLink(await link({ expiresInMs: 1000 }), {
        key: KEY,
        now: NOW + 1000,
      }),
    ).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses what is not a link', async () => {
    for (const bad of ['', 'cart_01JABCDEF', 'https://shop.example/recover', 'v1.x.1.y']) {
      expect(await verifyMedusaRecoveryLink(bad, { key: KEY })).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
  })

  it('fails fast on a short key or a bad cart id', async () => {
    await expect(link({ key: 'short' })).rejects.toMatchObject({ code: 'invalid_argument' })
    await expect(
      createMedusaRecoveryLink({ url: 'https://shop.example/r', cartId: 'a b', key: KEY }),
    ).rejects.toMatchObject({ argument: 'options.cartId' })
  })
})
