import { describe, expect, it } from 'vitest'
import {
  createSession,
  csrfToken,
  isMerchantToken,
  isValidCsrf,
  isValidSession,
  SESSION_TTL_MS,
} from './session.ts'

const TOKEN = 'merchant-token-for-tests'
const NOW = Date.UTC(2026, 0, 5, 9, 0)

describe('merchant sessions', () => {
  it('accepts its own session until it expires', () => {
    const session = createSession(TOKEN, NOW)
    expect(isValidSession(session, TOKEN, NOW + SESSION_TTL_MS - 1)).toBe(true)
    expect(isValidSession(session, TOKEN, NOW + SESSION_TTL_MS)).toBe(false)
  })

  it('refuses a session signed with another token, or with a changed expiry', () => {
    const session = createSession(TOKEN, NOW)
    expect(isValidSession(session, 'another-token', NOW)).toBe(false)
    const [, signature] = session.split('.')
    expect(isValidSession(`${NOW + 10 * SESSION_TTL_MS}.${signature}`, TOKEN, NOW)).toBe(false)
    expect(isValidSession('garbage', TOKEN, NOW)).toBe(false)
    expect(isValidSession(undefined, TOKEN, NOW)).toBe(false)
  })

  it('never holds the token', () => {
    expect(createSession(TOKEN, NOW)).not.toContain(TOKEN)
  })

  it('ties form tokens to the session', () => {
    const session = createSession(TOKEN, NOW)
    const other = createSession(TOKEN, NOW + 1)
    expect(isValidCsrf(csrfToken(session, TOKEN), session, TOKEN)).toBe(true)
    expect(isValidCsrf(csrfToken(other, TOKEN), session, TOKEN)).toBe(false)
    expect(isValidCsrf(undefined, session, TOKEN)).toBe(false)
  })

  it('compares the merchant token exactly, and never accepts an empty one', () => {
    expect(isMerchantToken(TOKEN, TOKEN)).toBe(true)
    expect(isMerchantToken(`${TOKEN}x`, TOKEN)).toBe(false)
    expect(isMerchantToken('', '')).toBe(false)
  })
})
