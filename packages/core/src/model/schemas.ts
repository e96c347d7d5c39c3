// The zod/mini shapes of Tote's model: types and required fields, with as few kinds of schema
// as possible (object, array, string, number, boolean, nullable, optional), because each
// kind adds its code to every bundle. The rest (integers, ranges, currency codes, dates,
// attribute maps, one currency per cart, unique lines) is plain code in `parse.ts`, run after
// these shapes: parse untrusted data with the functions there, not with these schemas alone.
//
// Every call is marked pure, so a bundle that uses none of these schemas drops them and zod.
import * as z from 'zod/mini'
import type { LineAttributes } from '../line-key/index.ts'

/** Any string; the model's shapes share one instance. */
export const string = /* @__PURE__ */ z.string()
/** Any number; the model's shapes share one instance. */
export const number = /* @__PURE__ */ z.number()
const boolean = /* @__PURE__ */ z.boolean()

/**
 * Lets a value through as it is, typed as `T`: `parse.ts` checks it in plain code (an
 * attribute map, a notice's `from`), which costs less than zod's records and unions.
 */
export const checkedLater = <T>() => z.unknown() as unknown as z.ZodMiniType<T>

/** An ISO 4217 currency code. The shape only: `parse.ts` checks it is three upper-case letters. */
export const CurrencySchema = string

/**
 * An amount of money: a number of the currency's minor units and the currency. The shape only:
 * `parse.ts` checks the amount is a safe integer and the currency a code.
 */
export const MoneySchema = /* @__PURE__ */ z.object({ amount: number, currency: string })

/**
 * Line or cart attributes: string keys and values, `__proto__` never kept. A complete
 * schema (a zod record); the model's parse functions check attributes in plain code instead.
 */
export const AttributesSchema = /* @__PURE__ */ z.record(string, string)

const attributes = /* @__PURE__ */ checkedLater<LineAttributes>()

/** An image of a product, with its alternative text. The shape only. */
export const ImageSchema = /* @__PURE__ */ z.object({
  url: string,
  alt: /* @__PURE__ */ z.optional(string),
})

/**
 * The shape of a product variant as it is now: availability, stock and price. Parse
 * untrusted merchandise with `safeParseMerchandise`, which adds the rules.
 */
export const MerchandiseSchema = /* @__PURE__ */ z.object({
  id: string,
  productId: string,
  productTitle: string,
  title: string,
  image: /* @__PURE__ */ z.nullable(ImageSchema),
  options: /* @__PURE__ */ z.array(/* @__PURE__ */ z.object({ name: string, value: string })),
  price: MoneySchema,
  compareAtPrice: /* @__PURE__ */ z.nullable(MoneySchema),
  available: boolean,
  quantityAvailable: /* @__PURE__ */ z.nullable(number),
})

/** A line quantity. The shape only: `parse.ts` checks it is an integer from 1 to the maximum. */
export const LineQuantitySchema = number

/** The shape of one cart line. */
export const CartLineSchema = /* @__PURE__ */ z.object({
  key: string,
  id: /* @__PURE__ */ z.nullable(string),
  merchandise: MerchandiseSchema,
  quantity: number,
  attributes,
  sellingPlanId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(string)),
  cost: /* @__PURE__ */ z.object({
    unitPrice: MoneySchema,
    subtotal: MoneySchema,
    total: MoneySchema,
  }),
})

/** The shape of a cart's costs. */
export const CartCostSchema = /* @__PURE__ */ z.object({
  subtotal: MoneySchema,
  total: MoneySchema,
  discount: /* @__PURE__ */ z.nullable(MoneySchema),
  tax: /* @__PURE__ */ z.nullable(MoneySchema),
})

/**
 * The life of a cart as the storefront sees it (docs/domain.md R1, R17). The shape only:
 * `parse.ts` checks it is `active` or `completed`.
 */
export const CartStatusSchema = string

/** The shape of a discount code on the cart, and whether the backend accepted it. */
export const DiscountCodeSchema = /* @__PURE__ */ z.object({ code: string, applicable: boolean })

/**
 * The shape of a cart as the backend last confirmed it. Parse untrusted carts with
 * `parseCartSnapshot` or `safeParseCartSnapshot`, which add the rules of the model.
 */
export const CartSnapshotSchema = /* @__PURE__ */ z.object({
  id: string,
  version: number,
  status: CartStatusSchema,
  currency: string,
  lines: /* @__PURE__ */ z.array(CartLineSchema),
  cost: CartCostSchema,
  email: /* @__PURE__ */ z.nullable(string),
  note: string,
  attributes,
  discountCodes: /* @__PURE__ */ z.array(DiscountCodeSchema),
  checkoutUrl: /* @__PURE__ */ z.nullable(string),
  updatedAt: string,
  details: /* @__PURE__ */ z.optional(/* @__PURE__ */ checkedLater<Record<string, unknown>>()),
})
