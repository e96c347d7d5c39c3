import * as z from 'zod/mini'
import { MoneySchema } from '../money/index.ts'

/** The one vocabulary of notices, whether they come from sync, backend warnings or recovery. */
export const NOTICE_CODES = [
  'out_of_stock',
  'insufficient_stock',
  'quantity_adjusted',
  'price_changed',
  'discontinued',
  'discount_rejected',
  'cart_expired',
  'cart_completed',
  'currency_changed',
  'rejected',
  'sync_failed',
  'storage_unavailable',
] as const

/** A notice code. */
export type NoticeCode = (typeof NOTICE_CODES)[number]

/**
 * A notice as an adapter or the reconciler reports it, before it is given an id and a
 * localized message.
 */
export const NoticeInputSchema = z.object({
  code: z.enum(NOTICE_CODES),
  lineKey: z.optional(z.string()),
  merchandiseId: z.optional(z.string()),
  /** The product's title, so a message can name it. */
  title: z.optional(z.string()),
  /** The value before: a quantity, a price or a currency code. */
  from: z.optional(z.union([z.int(), MoneySchema, z.string()])),
  /** The value after: a quantity, a price or a currency code. */
  to: z.optional(z.union([z.int(), MoneySchema, z.string()])),
  /** A discount code, for `discount_rejected`. */
  discountCode: z.optional(z.string()),
})

/** A notice as an adapter reports it. */
export type NoticeInput = z.infer<typeof NoticeInputSchema>

/** A typed, localized notice shown to the shopper: "this item sold out", "the price changed". */
export interface Notice extends NoticeInput {
  /** Unique within the cart's life; use it to dismiss the notice. */
  readonly id: string
  /** The localized message. */
  readonly message: string
}
