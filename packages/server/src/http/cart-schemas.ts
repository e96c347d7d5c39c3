import { MAX_LINE_QUANTITY } from '@tote/core/adapter'
import type { CartLimits } from '../limits/index.ts'
import { z } from '../zod/index.ts'

/** Most operations one batch may carry. */
export const MAX_OPS_PER_BATCH = 250

/**
 * Attribute names no cart takes, all refused the same way: as keys of a plain object they
 * would reach its prototype (`__proto__` would even vanish in parsing).
 */
export const RESERVED_ATTRIBUTE_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype']

/**
 * The bodies of the cart writes, within the server's {@link CartLimits}.
 *
 * @example
 * const { CreateCartBody, ApplyOpsBody } = cartBodies(DEFAULT_CART_LIMITS)
 */
export function cartBodies(limits: CartLimits) {
  // Names are checked on the raw object: a record schema would drop `__proto__` unseen.
  const attributes = z.pipe(
    z.unknown().check(
      z.refine(
        (value) =>
          typeof value !== 'object' ||
          value === null ||
          !RESERVED_ATTRIBUTE_NAMES.some((name) => Object.hasOwn(value, name)),
        {
          error: `reserved attribute name (${RESERVED_ATTRIBUTE_NAMES.join(', ')})`,
          abort: true,
        },
      ),
    ),
    z
      .record(
        z.string().check(z.minLength(1), z.maxLength(limits.attributeNameLength)),
        z.string().check(z.maxLength(limits.attributeValueLength)),
      )
      .check(
        z.refine((value) => Object.keys(value).length <= limits.attributes, {
          error: `at most ${limits.attributes} attributes`,
        }),
      ),
  )
  const op = z.discriminatedUnion('type', [
    z.object({
      type: z.literal('setLine'),
      merchandiseId: z.string().check(z.minLength(1), z.maxLength(200)),
      attributes: z._default(attributes, {}),
      quantity: z.int().check(z.minimum(0), z.maximum(MAX_LINE_QUANTITY)),
      // Compared with the key of merchandiseId and attributes, which bound its length.
      lineKey: z.string().check(z.minLength(1), z.maxLength(200_000)),
      lineId: z._default(z.nullable(z.string().check(z.maxLength(200))), null),
    }),
    z.object({
      type: z.literal('setNote'),
      note: z.string().check(z.maxLength(limits.noteLength)),
    }),
    z.object({ type: z.literal('setAttributes'), attributes }),
    z.object({
      type: z.literal('setDiscountCodes'),
      codes: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(10)),
    }),
  ])
  return {
    /** `POST /v1/carts` */
    CreateCartBody: z.object({
      ops: z._default(z.array(op).check(z.maxLength(MAX_OPS_PER_BATCH)), []),
      country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
    }),
    /** `POST /v1/carts/{cartId}/ops` */
    ApplyOpsBody: z.object({
      ops: z.array(op).check(z.minLength(1), z.maxLength(MAX_OPS_PER_BATCH)),
    }),
  }
}
