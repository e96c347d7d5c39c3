import { MAX_LINE_QUANTITY } from '@tote/core'
import { z } from 'zod'
import { MAX_DELAY_MINUTES, MIN_DELAY_MINUTES } from '../abandonment/settings.ts'

/** Most operations one batch may carry. */
export const MAX_OPS_PER_BATCH = 250
/** Most ids one merchandise lookup may ask for. */
export const MAX_LOOKUP_IDS = 250

const Id = z.string().min(1).max(200)

/** Line or cart attributes: at most 50 string pairs, no prototype keys. */
export const AttributesInput = z
  .record(z.string().min(1).max(256), z.string().max(2048))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 attributes')
  .refine(
    (value) => !['__proto__', 'constructor', 'prototype'].some((key) => Object.hasOwn(value, key)),
    'reserved attribute name',
  )

/** One operation of a batch (the protocol's `CartOp`). */
export const CartOpInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('setLine'),
    merchandiseId: Id,
    attributes: AttributesInput.default({}),
    quantity: z.int().min(0).max(MAX_LINE_QUANTITY),
    lineKey: z.string().min(1).max(4096),
    lineId: z.string().max(200).nullable().default(null),
  }),
  z.object({ type: z.literal('setNote'), note: z.string().max(5000) }),
  z.object({ type: z.literal('setAttributes'), attributes: AttributesInput }),
  z.object({
    type: z.literal('setDiscountCodes'),
    codes: z.array(z.string().min(1).max(100)).max(10),
  }),
])

/** `POST /v1/carts` */
export const CreateCartBody = z.object({
  ops: z.array(CartOpInput).max(MAX_OPS_PER_BATCH).default([]),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
})

/** `POST /v1/carts/{cartId}/ops` */
export const ApplyOpsBody = z.object({ ops: z.array(CartOpInput).min(1).max(MAX_OPS_PER_BATCH) })

/** `POST /v1/carts/{cartId}/email` */
export const CaptureEmailBody = z.object({
  email: z.email().max(254),
  consent: z.boolean().default(false),
})

/** `POST /v1/merchandise/lookup` */
export const MerchandiseLookupBody = z.object({ ids: z.array(Id).max(MAX_LOOKUP_IDS) })

/** `POST /v1/recover` */
export const RecoverBody = z.object({ token: z.string().min(1).max(2048) })

/** `PUT /v1/merchant/abandonment/settings` */
export const AbandonmentSettingsBody = z.object({
  enabled: z.boolean().optional(),
  delayMinutes: z.int().min(MIN_DELAY_MINUTES).max(MAX_DELAY_MINUTES).optional(),
  message: z.string().max(5000).optional(),
})

/** `PATCH /v1/merchant/variants/{variantId}` */
export const VariantUpdateBody = z.object({
  price: z.int().min(0).max(100_000_000).optional(),
  compareAtPrice: z.int().min(0).max(100_000_000).nullable().optional(),
  stock: z.int().min(0).max(MAX_LINE_QUANTITY).nullable().optional(),
  discontinued: z.boolean().optional(),
})

/** An `Idempotency-Key` header: 1–255 visible ASCII characters. */
export const IdempotencyKeyHeader = z.string().regex(/^[\x21-\x7e]{1,255}$/)

/** A cart id path parameter. */
export const CartIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)

/** `GET /v1/merchant/carts` query. */
export const MerchantCartsQuery = z.object({
  state: z.enum(['checkout', 'abandoned']).default('abandoned'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
