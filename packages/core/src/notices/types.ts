import * as z from 'zod/mini'
import { checkedLater, string } from '../model/schemas.ts'
import type { Money } from '../money/index.ts'

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
  'selling_plan_required',
  'selling_plan_unavailable',
  'quantity_rule',
] as const

/** A notice code. */
export type NoticeCode = (typeof NOTICE_CODES)[number]

/**
 * A notice as an adapter or the reconciler reports it, before it is given an id and a
 * localized message.
 */
export type NoticeInput = {
  code: NoticeCode
  lineKey?: string
  merchandiseId?: string
  /** The product's title, so a message can name it. */
  title?: string
  /** The value before: a quantity, a price or a currency code. */
  from?: number | Money | string
  /** The value after: a quantity, a price or a currency code. */
  to?: number | Money | string
  /** A discount code, for `discount_rejected`. */
  discountCode?: string
  /**
   * The merchant's quantity rule the wanted quantity broke, for `quantity_rule` (B2B
   * quantity rules: at least `minimum`, at most `maximum` when set, in steps of `increment`).
   */
  rule?: { minimum: number; maximum: number | null; increment: number }
}

const noticeValue = /* @__PURE__ */ z.optional(
  /* @__PURE__ */ checkedLater<NonNullable<NoticeInput['from']>>(),
)

/**
 * The shape of a notice an adapter reports. `code` (one of {@link NOTICE_CODES}), `from` and
 * `to` (a quantity, a price or a currency code) are checked by `parseWriteResult`, which
 * parses notices as the engine does.
 */
export const NoticeInputSchema = /* @__PURE__ */ z.object({
  code: /* @__PURE__ */ checkedLater<NoticeCode>(),
  lineKey: /* @__PURE__ */ z.optional(string),
  merchandiseId: /* @__PURE__ */ z.optional(string),
  title: /* @__PURE__ */ z.optional(string),
  from: noticeValue,
  to: noticeValue,
  discountCode: /* @__PURE__ */ z.optional(string),
  rule: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ checkedLater<NonNullable<NoticeInput['rule']>>(),
  ),
})

/** A typed, localized notice shown to the shopper: "this item sold out", "the price changed". */
export interface Notice extends NoticeInput {
  /** Unique within the cart's life; use it to dismiss the notice. */
  readonly id: string
  /** The localized message. */
  readonly message: string
}
