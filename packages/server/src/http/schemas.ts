import { MAX_LINE_QUANTITY } from '@tote/core/adapter'
import {
  MAX_DELAY_MINUTES,
  MAX_EMAILS_PER_ADDRESS_PER_DAY,
  MIN_DELAY_MINUTES,
} from '../abandonment/settings.ts'
import { z } from '../zod/index.ts'

/** Most ids one merchandise lookup may ask for. */
export const MAX_LOOKUP_IDS = 250

const Id = z.string().check(z.minLength(1), z.maxLength(200))

/** `POST /v1/carts/{cartId}/email` */
export const CaptureEmailBody = z.object({
  email: z.email().check(z.maxLength(254)),
  consent: z._default(z.boolean(), false),
})

/** `POST /v1/merchandise/lookup` */
export const MerchandiseLookupBody = z.object({
  ids: z.array(Id).check(z.maxLength(MAX_LOOKUP_IDS)),
})

/** `POST /v1/recover` */
export const RecoverBody = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(2048)),
})

/** `PUT /v1/merchant/abandonment/settings` */
export const AbandonmentSettingsBody = z.object({
  enabled: z.optional(z.boolean()),
  delayMinutes: z.optional(
    z.int().check(z.minimum(MIN_DELAY_MINUTES), z.maximum(MAX_DELAY_MINUTES)),
  ),
  message: z.optional(z.string().check(z.maxLength(5000))),
  recipients: z.optional(z.enum(['all', 'consented'])),
  maxEmailsPerAddressPerDay: z.optional(
    z.int().check(z.minimum(1), z.maximum(MAX_EMAILS_PER_ADDRESS_PER_DAY)),
  ),
})

/** A price in minor units, as the merchant API takes it. */
const MinorUnits = z.int().check(z.minimum(0), z.maximum(100_000_000))

/** `PATCH /v1/merchant/variants/{variantId}` */
export const VariantUpdateBody = z.object({
  price: z.optional(MinorUnits),
  compareAtPrice: z.optional(z.nullable(MinorUnits)),
  stock: z.optional(z.nullable(z.int().check(z.minimum(0), z.maximum(MAX_LINE_QUANTITY)))),
  discontinued: z.optional(z.boolean()),
})

/** An `Idempotency-Key` header: 1–255 visible ASCII characters. */
export const IdempotencyKeyHeader = z.string().check(z.regex(/^[\x21-\x7e]{1,255}$/))

/** A cart id path parameter. */
export const CartIdParam = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,100}$/))

/** `GET /v1/merchant/carts` query. */
export const MerchantCartsQuery = z.object({
  state: z._default(z.enum(['checkout', 'abandoned']), 'abandoned'),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
})
