import * as z from 'zod/mini'

const Cents = z.int()

/** A property or attribute value: themes may store numbers or booleans; `null` means unset. */
const LooseValue = z.nullable(z.union([z.string(), z.number(), z.boolean()]))

/** A variant's quantity rule (B2B): at least `min`, at most `max`, in steps of `increment`. */
export const QuantityRuleSchema = z.object({
  min: z.int(),
  max: z.nullable(z.int()),
  increment: z.int(),
})

/** A line item of `/cart.js`, with the fields Tote reads. */
export const AjaxItemSchema = z.object({
  key: z.string().check(z.minLength(1)),
  variant_id: z.union([z.int(), z.string()]),
  product_id: z.union([z.int(), z.string()]),
  quantity: z.int(),
  title: z.optional(z.string()),
  product_title: z.string(),
  variant_title: z.optional(z.nullable(z.string())),
  handle: z.optional(z.nullable(z.string())),
  original_price: Cents,
  original_line_price: Cents,
  final_line_price: Cents,
  properties: z.optional(z.nullable(z.record(z.string(), LooseValue))),
  image: z.optional(z.nullable(z.string())),
  featured_image: z.optional(
    z.nullable(
      z.object({
        url: z.optional(z.nullable(z.string())),
        alt: z.optional(z.nullable(z.string())),
      }),
    ),
  ),
  options_with_values: z.optional(
    z.nullable(z.array(z.object({ name: z.string(), value: z.string() }))),
  ),
  /** The item's selling plan (subscription); absent or `null` for a one-time purchase. */
  selling_plan_allocation: z.optional(
    z.nullable(z.object({ selling_plan: z.object({ id: z.union([z.int(), z.string()]) }) })),
  ),
  /** The B2B quantity rule of the item's variant for this buyer. */
  quantity_rule: z.optional(z.nullable(QuantityRuleSchema)),
})

/** A line item of the theme cart. */
export type AjaxItem = z.infer<typeof AjaxItemSchema>

/** `/cart.js` (and the carts `/cart/change.js`, `/cart/update.js`, `/cart/clear.js` return). */
export const AjaxCartSchema = z.object({
  token: z.string().check(z.minLength(1)),
  note: z.optional(z.nullable(z.string())),
  attributes: z.optional(z.nullable(z.record(z.string(), LooseValue))),
  original_total_price: Cents,
  total_price: Cents,
  total_discount: z.optional(Cents),
  currency: z.string(),
  items: z.array(AjaxItemSchema),
  discount_codes: z.optional(
    z.nullable(z.array(z.object({ code: z.string(), applicable: z.boolean() }))),
  ),
  sections: z.optional(z.nullable(z.record(z.string(), z.nullable(z.string())))),
})

/** The theme cart. */
export type AjaxCart = z.infer<typeof AjaxCartSchema>

/** `/cart/add.js` answers with the added items (and sections when asked). */
export const AddResponseSchema = z.object({
  items: z.optional(z.array(z.unknown())),
  sections: z.optional(z.nullable(z.record(z.string(), z.nullable(z.string())))),
})

/** A cart error body: `{ status: 422, message: 'Cart Error', description: '…' }`. */
export const CartErrorSchema = z.object({
  status: z.optional(z.union([z.int(), z.string()])),
  message: z.optional(z.string()),
  description: z.optional(z.string()),
})

/** Section Rendering API: section id → HTML (`null` for an unknown section). */
export const SectionsSchema = z.record(z.string(), z.nullable(z.string()))

/** `/products/{handle}.js`, with the fields Tote reads. */
export const ProductSchema = z.object({
  id: z.union([z.int(), z.string()]),
  title: z.string(),
  handle: z.string(),
  options: z.optional(z.array(z.union([z.string(), z.object({ name: z.string() })]))),
  variants: z.array(
    z.object({
      id: z.union([z.int(), z.string()]),
      title: z.string(),
      price: Cents,
      compare_at_price: z.optional(z.nullable(Cents)),
      available: z.boolean(),
      /** Sold by subscription only. */
      requires_selling_plan: z.optional(z.boolean()),
      /** The selling plans the variant is offered on. */
      selling_plan_allocations: z.optional(
        z.array(z.object({ selling_plan_id: z.union([z.int(), z.string()]) })),
      ),
      quantity_rule: z.optional(z.nullable(QuantityRuleSchema)),
      options: z.optional(z.nullable(z.array(z.nullable(z.string())))),
      featured_image: z.optional(
        z.nullable(
          z.object({ src: z.optional(z.string()), alt: z.optional(z.nullable(z.string())) }),
        ),
      ),
    }),
  ),
  featured_image: z.optional(z.nullable(z.string())),
})

/** A product as `/products/{handle}.js` sends it. */
export type AjaxProduct = z.infer<typeof ProductSchema>
