import { describe, expect, it } from 'vitest'
import {
  assertRecoveryKeys,
  isCanonicalBase64url,
  signRecoveryToken,
  verifyRecoveryToken,
} from './index.ts'

const OLD = { id: 'k2025', secret: 'test-only-secret-old-000000000000000000' }
const NEW = { id: 'k2026', secret: 'test-only-secret-new-111111111111111111' }
const NOW = Date.UTC(2026, 0, 5)
const DAY = 24 * 60 * 60 * 1000
const claims = { cartId: 'cart_abc', shopId: 'demo', expiresAt: NOW + 7 * DAY }

describe('recovery tokens', () => {
  it('verifies a token it signed and reads its claims back', () => {
    const token = signRecoveryToken(claims, [NEW])
    expect(token.split('.')).toHaveLength(4)
    expect(verifyRecoveryToken(token, { keys: [NEW], shopId: 'demo', now: NOW })).toEqual({
      ok: true,
      keyId: 'k2026',
      claims,
    })
  })

  it('rotates: the first key signs, older keys still verify their tokens', () => {
    const old = signRecoveryToken(claims, [OLD])
    const ring = [NEW, OLD]
    expect(signRecoveryToken(claims, ring).split('.')[1]).toBe('k2026')
    expect(verifyRecoveryToken(old, { keys: ring, shopId: 'demo', now: NOW })).toMatchObject({
      ok: true,
      keyId: 'k2025',
    })
    // Once the old key is retired, its tokens stop working.
    expect(verifyRecoveryToken(old, { keys: [NEW], shopId: 'demo', now: NOW })).toEqual({
      ok: false,
      reason: 'unknown_key',
    })
  })

  it('refuses a token whose claims were changed', () => {
    const [prefix, kid, , signature] = signRecoveryToken(claims, [NEW]).split('.')
    const forged = Buffer.from(JSON.stringify({ c: 'cart_other', s: 'demo', x: 9e9 })).toString(
      'base64url',
    )
    expect(
      verifyRecoveryToken(`${prefix}.${kid}.${forged}.${signature}`, {
        keys: [NEW],
        shopId: 'demo',
        now: NOW,
      }),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('refuses a token with a changed, shortened or other key’s signature', () => {
    const token = signRecoveryToken(claims, [NEW])
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    const options = { keys: [NEW], shopId: 'demo', now: NOW }
    expect(verifyRecoveryToken(token.slice(0, -1) + last, options)).toMatchObject({ ok: false })
    expect(verifyRecoveryToken(token.slice(0, -5), options)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    const otherSecret = { id: NEW.id, secret: OLD.secret }
    expect(verifyRecoveryToken(signRecoveryToken(claims, [otherSecret]), options)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  it('refuses an expired token', () => {
    const token = signRecoveryToken(claims, [NEW])
    const options = { keys: [NEW], shopId: 'demo' }
    expect(verifyRecoveryToken(token, { ...options, now: claims.expiresAt - 1000 }).ok).toBe(true)
    expect(verifyRecoveryToken(token, { ...options, now: claims.expiresAt })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses a token of another shop', () => {
    const token = signRecoveryToken({ ...claims, shopId: 'other' }, [NEW])
    expect(verifyRecoveryToken(token, { keys: [NEW], shopId: 'demo', now: NOW })).toEqual({
      ok: false,
      reason: 'foreign_shop',
    })
  })

  it('refuses malformed tokens', () => {
    for (const token of ['', 'abc', 'tote1.k2026.x', 'tote2.k2026.a.b', 'tote1.k2026.%%%.abc']) {
      expect(verifyRecoveryToken(token, { keys: [NEW], shopId: 'demo', now: NOW }).ok).toBe(false)
    }
  })

  it('holds no personal data: only the cart id, shop id and expiry', () => {
    const payload = signRecoveryToken(claims, [NEW]).split('.')[2]!
    expect(Object.keys(JSON.parse(Buffer.from(payload, 'base64url').toString()))).toEqual([
      'c',
      's',
      'x',
    ])
  })

  it('checks the key ring', () => {
    expect(() => assertRecoveryKeys([])).toThrow(/at least one key/)
    expect(() => assertRecoveryKeys([{ id: 'a', secret: 'short' }])).toThrow(/32 characters/)
    expect(() => assertRecoveryKeys([NEW, NEW])).toThrow(/duplicate/)
    expect(() => assertRecoveryKeys([{ id: 'a.b', secret: NEW.secret }])).toThrow(/key id/)
  })
})

describe('canonical encoding', () => {
  const verify = (token: string) =>
    verifyRecoveryToken(token, { keys: [NEW], shopId: 'demo', now: NOW })
  const token = signRecoveryToken(claims, [NEW])
  const [prefix, kid, payload, signature] = token.split('.') as [string, string, string, string]

  it('accepts only base64url as it is signed: no padding, no + or /, no stray bits', () => {
    expect(isCanonicalBase64url(payload)).toBe(true)
    expect(isCanonicalBase64url('AQ')).toBe(true)
    expect(isCanonicalBase64url('AR')).toBe(false)
    expect(isCanonicalBase64url('AQ==')).toBe(false)
    expect(isCanonicalBase64url('+/8')).toBe(false)
  })

  it('refuses a token written another way that decodes to the same bytes', () => {
    // 43 characters carry 258 bits for 256: the last one has two stray bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(signature.at(-1)!)
    const strayBits = `${signature.slice(0, -1)}${alphabet[last ^ 1]}`
    const standard = (text: string) => text.replaceAll('-', '+').replaceAll('_', '/')
    const signatures = [`${signature}=`, strayBits, standard(signature)].filter(
      (variant) => variant !== signature,
    )
    for (const variant of signatures) {
      expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(signature, 'base64url'))
      expect(verify(`${prefix}.${kid}.${payload}.${variant}`)).toEqual({
        ok: false,
        reason: 'bad_signature',
      })
    }
    // The claims are signed as written: another writing of them fails the signature.
    expect(verify(`${prefix}.${kid}.${payload}=.${signature}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(verify(token).ok).toBe(true)
  })
})
