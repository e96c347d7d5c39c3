import * as z from 'zod/mini'
import { ToteAdapterError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { CurrencySchema, MoneySchema } from '../money/index.ts'

/** The largest quantity a line may have, anywhere in Tote. */
export const MAX_LINE_QUANTITY = 1_000_000

const NonEmptyString = z.string().check(z.minLength(1))

/** Line or cart attributes: string keys and values. Prototype keys are never kept. */
export const AttributesSchema = z.record(z.string(), z.string())

/** An image of a product, with its alternative text. */
export const ImageSchema = z.object({
  url: NonEmptyString,
  alt: z.optional(z.string()),
})

/** What can be put in a cart: a product variant as it is now (availability, stock, price). */
export const MerchandiseSchema = z.object({
  id: NonEmptyString,
  productId: NonEmptyString,
  productTitle: z.string(),
  /** The variant's title, such as `"M / Blue"`. */
  title: z.string(),
  image: z.nullable(ImageSchema),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
  price: MoneySchema,
  compareAtPrice: z.nullable(MoneySchema),
  available: z.boolean(),
  /** Units left; `null` when stock is not tracked (unlimited). */
  quantityAvailable: z.nullable(z.int().check(z.minimum(0))),
})

/** A product variant with its availability, stock and price. */
export type Merchandise = z.infer<typeof MerchandiseSchema>

/** A line quantity as the backend reports it: a positive integer. */
export const LineQuantitySchema = z.int().check(z.minimum(1), z.maximum(MAX_LINE_QUANTITY))

/** One line of a cart. */
export const CartLineSchema = z.object({
  /** The client-side identity: merchandise id + attributes (see `lineKey`). */
  key: NonEmptyString,
  /** The backend's id for the line, once it has one. */
  id: z.nullable(z.string()),
  merchandise: MerchandiseSchema,
  quantity: LineQuantitySchema,
  attributes: AttributesSchema,
  cost: z.object({
    unitPrice: MoneySchema,
    /** `unitPrice × quantity`, before discounts. */
    subtotal: MoneySchema,
    /** What the line costs after line discounts. */
    total: MoneySchema,
  }),
})

/** One line of a cart. */
export type CartLine = z.infer<typeof CartLineSchema>

/** A cart's costs. */
export const CartCostSchema = z.object({
  subtotal: MoneySchema,
  total: MoneySchema,
  discount: z.nullable(MoneySchema),
  tax: z.nullable(MoneySchema),
})

/** The life of a cart as the storefront sees it (DOMAIN R1, R17). */
export const CartStatusSchema = z.enum(['active', 'completed'])

/** A discount code on the cart, and whether the backend accepted it. */
export const DiscountCodeSchema = z.object({ code: NonEmptyString, applicable: z.boolean() })

/** A cart as the backend last confirmed it. */
export const CartSnapshotSchema = z
  .object({
    id: NonEmptyString,
    /**
     * Grows with every change on the backend; a response with a lower version than the
     * one applied is stale and discarded. Backends without versions use the update time.
     */
    version: z.int().check(z.minimum(0)),
    status: CartStatusSchema,
    currency: CurrencySchema,
    lines: z.array(CartLineSchema),
    cost: CartCostSchema,
    email: z.nullable(z.string()),
    note: z.string(),
    attributes: AttributesSchema,
    discountCodes: z.array(DiscountCodeSchema),
    checkoutUrl: z.nullable(z.string()),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .check(
    z.superRefine((cart, ctx) => {
      const keys = new Set<string>()
      const ids = new Set<string>()
      const mismatch = (path: PropertyKey[], currency: string) =>
        ctx.issues.push({
          code: 'custom',
          input: currency,
          path,
          message: `money in ${currency} inside a ${cart.currency} cart: currencies are never mixed`,
        })
      cart.lines.forEach((line, index) => {
        if (line.key !== lineKey(line.merchandise.id, line.attributes)) {
          ctx.issues.push({
            code: 'custom',
            input: line.key,
            path: ['lines', index, 'key'],
            message: 'line key does not match merchandise and attributes',
          })
        }
        if (keys.has(line.key)) {
          ctx.issues.push({
            code: 'custom',
            input: line.key,
            path: ['lines', index, 'key'],
            message: `duplicate line key ${line.key}`,
          })
        }
        keys.add(line.key)
        if (line.id !== null) {
          if (ids.has(line.id)) {
            ctx.issues.push({
              code: 'custom',
              input: line.id,
              path: ['lines', index, 'id'],
              message: `duplicate line id ${line.id}`,
            })
          }
          ids.add(line.id)
        }
        for (const [name, value] of Object.entries(line.cost)) {
          if (value.currency !== cart.currency)
            mismatch(['lines', index, 'cost', name], value.currency)
        }
      })
      for (const [name, value] of Object.entries(cart.cost)) {
        if (value && value.currency !== cart.currency) mismatch(['cost', name], value.currency)
      }
    }),
  )

/** A cart as the backend last confirmed it. */
export type CartSnapshot = z.infer<typeof CartSnapshotSchema>

/**
 * Parses a cart an adapter built from its backend's answer, or throws a `ToteAdapterError`
 * (`invalid_response`) that names the first field at fault. `source` says whose cart it is.
 *
 * @example
 * return parseCartSnapshot(mapped, 'the Storefront cart')
 */
export function parseCartSnapshot(value: unknown, source = "the adapter's cart"): CartSnapshot {
  const parsed = CartSnapshotSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new ToteAdapterError(
    'invalid_response',
    `${source} does not fit Tote's model: ${issue?.path.join('.') || 'cart'}: ${issue?.message ?? 'invalid'}`,
    { cause: parsed.error },
  )
}
