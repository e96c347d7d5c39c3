// The shapes of Medusa's Store API answers, as far as Tote reads them, in the kinds of schema
// core already ships (object, array, string, number, boolean, nullable, optional, unknown): any
// other kind would add its code to every storefront bundle. Only the fields the adapter asks
// for with `fields=` (see CART_FIELDS, PRODUCT_FIELDS) are read.
import * as z from 'zod/mini'

/** Absent, `null` or `T`, as Medusa leaves fields out or sets them to `null`. */
const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema))

const text = z.string()
const maybeText = maybe(text)
const amount = z.number()
/** Metadata: any JSON object; the mapping keeps its string values (`stringsOf`). */
const metadata = z.unknown()

/** A line item of a cart. */
export const LineItemSchema = z.object({
  id: text,
  variant_id: maybeText,
  product_id: maybeText,
  title: maybeText,
  product_title: maybeText,
  variant_title: maybeText,
  thumbnail: maybeText,
  quantity: amount,
  unit_price: amount,
  compare_at_unit_price: maybe(amount),
  metadata,
  total: amount,
})

/** A line item of a cart, as Medusa sends it. */
export type MedusaLineItem = z.infer<typeof LineItemSchema>

/** A cart (`{ cart }` of every cart route). */
export const CartSchema = z.object({
  id: text,
  currency_code: text,
  region_id: maybeText,
  email: maybeText,
  completed_at: maybeText,
  metadata,
  total: amount,
  tax_total: maybe(amount),
  discount_total: maybe(amount),
  items: maybe(z.array(LineItemSchema)),
  promotions: maybe(z.array(z.object({ code: maybeText, is_automatic: maybe(z.boolean()) }))),
})

/** A cart, as Medusa sends it. */
export type MedusaCart = z.infer<typeof CartSchema>

/** The body of every cart route that answers with the cart. */
export const CartBodySchema = z.object({ cart: CartSchema })

/** A product with its variants, priced for a region (`GET /store/products`). */
export const ProductSchema = z.object({
  id: text,
  title: text,
  thumbnail: maybeText,
  variants: maybe(
    z.array(
      z.object({
        id: text,
        title: maybeText,
        thumbnail: maybeText,
        manage_inventory: maybe(z.boolean()),
        allow_backorder: maybe(z.boolean()),
        inventory_quantity: maybe(amount),
        calculated_price: maybe(
          z.object({
            calculated_amount: maybe(amount),
            original_amount: maybe(amount),
            currency_code: maybeText,
          }),
        ),
        options: maybe(
          z.array(z.object({ value: text, option: maybe(z.object({ title: maybeText })) })),
        ),
      }),
    ),
  ),
})

/** A product, as Medusa sends it. */
export type MedusaProduct = z.infer<typeof ProductSchema>

/** `GET /store/products`: one page of products. */
export const ProductPageSchema = z.object({
  products: z.array(ProductSchema),
  count: z.optional(amount),
})

/**
 * An error body: `{ type, code?, message }`. `type` is Medusa's error type (`not_found`,
 * `invalid_data`, `not_allowed`, …); `code` names some cases (`insufficient_inventory`).
 */
export const ErrorSchema = z.object({
  type: z.optional(text),
  code: z.optional(z.nullable(text)),
  message: z.optional(text),
})

/** A Medusa error body. */
export type MedusaError = z.infer<typeof ErrorSchema>
