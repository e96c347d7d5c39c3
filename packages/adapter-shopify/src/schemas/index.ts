// The shapes of what the Storefront API answers, in the kinds of schema core already ships
// (object, array, string, number, boolean, nullable, optional, unknown): each other kind (an
// integer, a record, a loose object) would add its own code to every storefront bundle. What
// those would check is checked by the functions at the end.
import * as z from 'zod/mini'

/** `MoneyV2` as the Storefront API sends it: a decimal string and a currency code. */
export const MoneyV2Schema = z.object({ amount: z.string(), currencyCode: z.string() })

const AttributeSchema = z.object({ key: z.string(), value: z.nullable(z.string()) })

/** A `ProductVariant` as selected by the `ToteVariant` fragment. */
export const VariantSchema = z.object({
  __typename: z.optional(z.string()),
  id: z.string(),
  title: z.string(),
  availableForSale: z.boolean(),
  quantityAvailable: z.optional(z.nullable(z.number())),
  price: MoneyV2Schema,
  compareAtPrice: z.nullable(MoneyV2Schema),
  /** B2B quantity rules; absent from answers of older documents. */
  quantityRule: z.optional(
    z.object({ minimum: z.number(), maximum: z.nullable(z.number()), increment: z.number() }),
  ),
  image: z.nullable(z.object({ url: z.string(), altText: z.nullable(z.string()) })),
  selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
  product: z.object({ id: z.string(), title: z.string() }),
})

/** A `ProductVariant` from the Storefront API. */
export type Variant = z.infer<typeof VariantSchema>

const DiscountAllocationSchema = z.object({ discountedAmount: MoneyV2Schema })

/** A cart line as selected by the `ToteLine` fragment. */
export const LineSchema = z.object({
  id: z.string(),
  quantity: z.number(),
  attributes: z.array(AttributeSchema),
  /** The line's selling plan (subscription); `null` for a one-time purchase. */
  sellingPlanAllocation: z.optional(
    z.nullable(z.object({ sellingPlan: z.object({ id: z.string(), name: z.string() }) })),
  ),
  cost: z.object({
    amountPerQuantity: MoneyV2Schema,
    subtotalAmount: MoneyV2Schema,
    totalAmount: MoneyV2Schema,
  }),
  discountAllocations: z.array(DiscountAllocationSchema),
  merchandise: VariantSchema,
})

/** A Storefront cart line. */
export type Line = z.infer<typeof LineSchema>

/** One page of cart lines. */
export const LinesPageSchema = z.object({
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) }),
  nodes: z.array(LineSchema),
})

/** A cart as selected by the `ToteCart` fragment. */
export const CartSchema = z.object({
  id: z.string(),
  checkoutUrl: z.string(),
  updatedAt: z.string(),
  note: z.nullable(z.string()),
  totalQuantity: z.number(),
  attributes: z.array(AttributeSchema),
  buyerIdentity: z.object({
    email: z.nullable(z.string()),
    phone: z.optional(z.nullable(z.string())),
    countryCode: z.nullable(z.string()),
  }),
  appliedGiftCards: z.optional(z.array(z.object({ id: z.string(), lastCharacters: z.string() }))),
  delivery: z.optional(
    z.object({
      addresses: z.array(
        z.object({ address: z.record(z.string(), z.optional(z.nullable(z.string()))) }),
      ),
    }),
  ),
  discountCodes: z.array(z.object({ code: z.string(), applicable: z.boolean() })),
  discountAllocations: z.array(DiscountAllocationSchema),
  cost: z.object({ subtotalAmount: MoneyV2Schema, totalAmount: MoneyV2Schema }),
  lines: LinesPageSchema,
})

/** A Storefront cart with its first page of lines. */
export type Cart = z.infer<typeof CartSchema>

/** A `CartUserError`: the mutation failed for this input. */
export const UserErrorSchema = z.object({
  code: z.nullable(z.string()),
  field: z.nullable(z.array(z.string())),
  message: z.string(),
})

/** A `CartUserError`. */
export type UserError = z.infer<typeof UserErrorSchema>

/** A `CartWarning`: the mutation succeeded with an automatic change. */
export const WarningSchema = z.object({ code: z.string(), message: z.string(), target: z.string() })

/** A `CartWarning`. */
export type Warning = z.infer<typeof WarningSchema>

/**
 * The payload of any cart mutation; `cart` holds only `id` except in the last step, and
 * `cartMetafieldsSet` answers neither a cart nor warnings.
 */
export const PayloadSchema = z.object({
  cart: z.optional(z.nullable(z.unknown())),
  userErrors: z.array(UserErrorSchema),
  warnings: z.optional(z.array(WarningSchema)),
})

/** A GraphQL response envelope. */
export const EnvelopeSchema = z.object({
  /** An object of fields (see {@link isFields}). */
  data: z.optional(z.nullable(z.unknown())),
  errors: z.optional(
    z.array(
      z.object({
        message: z.string(),
        path: z.optional(z.array(z.unknown())),
        extensions: z.optional(z.object({ code: z.optional(z.string()) })),
      }),
    ),
  ),
})

/** `cart(id:)` query data. */
export const CartQueryDataSchema = z.object({ cart: z.nullable(CartSchema) })

/** Further-page query data. */
export const CartLinesQueryDataSchema = z.object({
  cart: z.nullable(z.object({ id: z.string(), lines: LinesPageSchema })),
})

/** `nodes(ids:)` query data. */
export const MerchandiseQueryDataSchema = z.object({
  /** `null` or a node with its `__typename` (see {@link isNode}), read in full later. */
  nodes: z.array(z.unknown()),
  localization: z.object({
    country: z.object({ currency: z.object({ isoCode: z.string() }) }),
  }),
})

/**
 * Whether every number in a value is a whole number: the Storefront API's counts
 * (`quantity`, `quantityAvailable`, `totalQuantity`) are `Int`s, and they are the only numbers
 * these shapes read.
 *
 * @example
 * wholeNumbers({ lines: [{ quantity: 1.5 }] }) // false
 */
export function wholeNumbers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value)
  return typeof value !== 'object' || value === null || Object.values(value).every(wholeNumbers)
}

/**
 * Whether a GraphQL `data` is an object of fields.
 *
 * @example
 * isFields({ cart: null }) // true
 */
export function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Whether a node of `nodes(ids:)` is `null` (an unknown id) or an object with its `__typename`.
 *
 * @example
 * isNode({ __typename: 'ProductVariant', id: 'gid://shopify/ProductVariant/1' }) // true
 */
export function isNode(value: unknown): value is { __typename: string } | null {
  return value === null || (isFields(value) && typeof value.__typename === 'string')
}
