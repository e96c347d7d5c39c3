import { parseOption } from '../options/index.ts'
import { z } from '../zod/index.ts'

/**
 * The most one cart line may cost, in minor units: 10^11 (1,000,000,000.00 EUR). With at
 * most {@link CART_LIMIT_CEILINGS}`.lines` lines, every amount Tote computes stays a safe
 * integer (below 2^53), which `@tote/core` requires of money.
 */
export const MAX_LINE_AMOUNT = 100_000_000_000
/** The most one cart may cost before discounts, in minor units: 10^12. */
export const MAX_CART_AMOUNT = 1_000_000_000_000

/** What one cart may hold. A write past a limit is refused and changes nothing. */
export interface CartLimits {
  /** Lines one cart may hold; a write adding more is refused with `422 cart_too_large`. @default 500 */
  lines: number
  /** Characters of a cart note. @default 5000 */
  noteLength: number
  /** Attributes of a cart, and of a line. @default 50 */
  attributes: number
  /** Characters of an attribute name. @default 256 */
  attributeNameLength: number
  /** Characters of an attribute value. @default 2048 */
  attributeValueLength: number
}

/** The default {@link CartLimits}. */
export const DEFAULT_CART_LIMITS: Readonly<CartLimits> = {
  lines: 500,
  noteLength: 5000,
  attributes: 50,
  attributeNameLength: 256,
  attributeValueLength: 2048,
}

/** The highest value each cart limit may be configured to. */
export const CART_LIMIT_CEILINGS: Readonly<CartLimits> = {
  lines: 5000,
  noteLength: 100_000,
  attributes: 500,
  attributeNameLength: 1024,
  attributeValueLength: 10_000,
}

/**
 * Requests one client address may make per minute, by kind; over it the server answers
 * `429 rate_limited` with `Retry-After`. `0` turns a limit off.
 */
export interface RateLimits {
  /** `POST /v1/carts`. @default 30 */
  createCart: number
  /** `POST /v1/carts/{cartId}/ops` and `/complete`. @default 300 */
  writes: number
  /** `POST /v1/carts/{cartId}/email`. @default 10 */
  captureEmail: number
  /** `POST /v1/recover`. @default 20 */
  recover: number
}

/** The default {@link RateLimits}. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = {
  createCart: 30,
  writes: 300,
  captureEmail: 10,
  recover: 20,
}

const count = (most: number, zero: boolean) =>
  z.int({ error: (issue) => `expected a whole number, got ${String(issue.input)}` }).check(
    z.minimum(zero ? 0 : 1, {
      error: (issue) => `expected ${zero ? '0 (off) or more' : 'at least 1'}, got ${issue.input}`,
    }),
    z.maximum(most, { error: (issue) => `expected at most ${most}, got ${issue.input}` }),
  )

/** Reads `options.limits`; throws a `ToteArgumentError` naming a value out of range. */
export function parseCartLimits(input: Partial<CartLimits> | undefined): CartLimits {
  const limits = { ...DEFAULT_CART_LIMITS }
  for (const key of Object.keys(DEFAULT_CART_LIMITS) as (keyof CartLimits)[]) {
    const value = input?.[key]
    if (value !== undefined) {
      limits[key] = parseOption(
        count(CART_LIMIT_CEILINGS[key], false),
        value,
        `options.limits.${key}`,
      )
    }
  }
  return limits
}

/**
 * Reads `options.rateLimits` (and the older `options.recoverRateLimit`, which
 * `rateLimits.recover` overrides).
 */
export function parseRateLimits(
  input: Partial<RateLimits> | undefined,
  recoverRateLimit: number | undefined,
): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS }
  if (recoverRateLimit !== undefined) {
    limits.recover = parseOption(
      count(1_000_000, true),
      recoverRateLimit,
      'options.recoverRateLimit',
    )
  }
  for (const key of Object.keys(DEFAULT_RATE_LIMITS) as (keyof RateLimits)[]) {
    const value = input?.[key]
    if (value !== undefined) {
      limits[key] = parseOption(count(1_000_000, true), value, `options.rateLimits.${key}`)
    }
  }
  return limits
}
