import { describe, expect, it } from 'vitest'
import { signRecoveryToken } from '../recovery-token/index.ts'
import {
  addressHash,
  signUnsubscribeToken,
  unsubscribeHeaders,
  verifyUnsubscribeToken,
} from './index.ts'

const keys = [
  { id: 'k2', secret: 'b'.repeat(32) },
  { id: 'k1', secret: 'a'.repeat(32) },
]
const claims = { shopId: 'demo', recipientId: 'rcp_abcDEF123_-' }

describe('unsubscribe tokens', () => {
  it('verify with any key of the ring and say only the shop and a random recipient id', () => {
    const token = signUnsubscribeToken(claims, keys)
    expect(verifyUnsubscribeToken(token, { keys, shopId: 'demo' })).toEqual({ ok: true, claims })
    expect(verifyUnsubscribeToken(token, { keys: [keys[1]!, keys[0]!], shopId: 'demo' }).ok).toBe(
      true,
    )
    const payload = Buffer.from(token.split('.')[2]!, 'base64url').toString('utf8')
    expect(JSON.parse(payload)).toEqual({ s: 'demo', r: claims.recipientId })
  })

  it('refuses a tampered, foreign, retired or malformed token', () => {
    const token = signUnsubscribeToken(claims, keys)
    const [prefix, keyId, , signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ s: 'demo', r: 'rcp_other' })).toString('base64url')
    const check = (value: string, shopId = 'demo', ring = keys) =>
      verifyUnsubscribeToken(value, { keys: ring, shopId })
    expect(check(`${prefix}.${keyId}.${forged}.${signature}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(check(token, 'other')).toEqual({ ok: false, reason: 'foreign_shop' })
    expect(check(token, 'demo', [keys[1]!])).toEqual({ ok: false, reason: 'unknown_key' })
    expect(check('not-a-token')).toEqual({ ok: false, reason: 'malformed' })
    expect(check(signUnsubscribeToken({ ...claims, recipientId: 'x' }, keys))).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })

  it('takes only the encoding it writes: no padding, no + or /, no stray bits', () => {
    const token = signUnsubscribeToken(claims, keys)
    const [prefix, keyId, payload, signature] = token.split('.') as [string, string, string, string]
    const check = (value: string) => verifyUnsubscribeToken(value, { keys, shopId: 'demo' })
    const standard = Buffer.from(signature, 'base64url').toString('base64')
    expect(check(`${prefix}.${keyId}.${payload}.${signature}=`)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(check(`${prefix}.${keyId}.${payload}.${standard}`).ok).toBe(standard === signature)
    // The last character carries unused bits: another letter with the same six-bit prefix
    // decodes to the same bytes.
    const last = signature.at(-1)!
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!
    const stray = `${signature.slice(0, -1)}${twin}`
    if (Buffer.from(stray, 'base64url').equals(Buffer.from(signature, 'base64url'))) {
      expect(check(`${prefix}.${keyId}.${payload}.${stray}`)).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
    expect(check(token).ok).toBe(true)
  })

  it('never takes a recovery token signed with the same keys', () => {
    const recovery = signRecoveryToken({ cartId: 'cart_1', shopId: 'demo', expiresAt: 1e15 }, keys)
    const [, keyId, payload, signature] = recovery.split('.')
    expect(
      verifyUnsubscribeToken(`toteu1.${keyId}.${payload}.${signature}`, { keys, shopId: 'demo' }),
    ).toEqual({ ok: false, reason: 'bad_signature' })
  })
})

describe('addresses', () => {
  it('hash one address the same whatever its case, and differently per shop', () => {
    expect(addressHash('demo', ' Ada@Example.com')).toBe(addressHash('demo', 'ada@example.com'))
    expect(addressHash('demo', 'ada@example.com')).not.toBe(addressHash('other', 'ada@example.com'))
    expect(addressHash('demo', 'ada@example.com')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('make the one-click headers of RFC 8058', () => {
    expect(unsubscribeHeaders('https://shop.example/v1/unsubscribe?token=t')).toEqual({
      'List-Unsubscribe': '<https://shop.example/v1/unsubscribe?token=t>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })
})
