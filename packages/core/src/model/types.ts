import type { CartDetails } from '../details/index.ts'
import type { Money } from '../money/index.ts'

/** The largest quantity a line may have, anywhere in Tote. */
export const MAX_LINE_QUANTITY = 1_000_000

/** An image of a product, with its alternative text. */
export type Image = {
  url: string
  alt?: string
}

/** A product variant with its availability, stock and price. */
export type Merchandise = {
  id: string
  productId: string
  productTitle: string
  /** The variant's title, such as `"M / Blue"`. */
  title: string
  image: Image | null
  options: { name: string; value: string }[]
  price: Money
  compareAtPrice: Money | null
  available: boolean
  /** Units left; `null` when stock is not tracked (unlimited). */
  quantityAvailable: number | null
}

/** One line of a cart. */
export type CartLine = {
  /** The client-side identity: merchandise id + attributes + selling plan (see `lineKey`). */
  key: string
  /** The backend's id for the line, once it has one. */
  id: string | null
  merchandise: Merchandise
  /** From 1 to {@link MAX_LINE_QUANTITY}. */
  quantity: number
  attributes: Record<string, string>
  /**
   * The selling plan (subscription) the line is bought on; absent or `null` for a one-time
   * purchase. Part of the line's identity: the same variant on another plan is another line.
   */
  sellingPlanId?: string | null
  cost: {
    unitPrice: Money
    /** `unitPrice × quantity`, before discounts. */
    subtotal: Money
    /** What the line costs after line discounts. */
    total: Money
  }
}

/** A cart as the backend last confirmed it. */
export type CartSnapshot = {
  id: string
  /**
   * Grows with every change on the backend; a response with a lower version than the
   * one applied is stale and discarded. Backends without versions use the update time.
   */
  version: number
  /** The life of the cart as the storefront sees it (docs/domain.md R1, R17). */
  status: 'active' | 'completed'
  /** The one currency of every amount in the cart (docs/domain.md R19). */
  currency: string
  lines: CartLine[]
  /**
   * The one meaning of a cart's money, whatever the adapter:
   * - `subtotal`: the lines' prices before any discount, the sum of each line's `cost.subtotal`;
   * - `discount`: every discount, line-level and order-level (`null` without any);
   * - `tax`: taxes not already in the prices, when the backend knows them (`null` otherwise);
   * - `total`: what the shopper pays: `subtotal − discount + tax` (+ shipping, once a backend
   *   knows it; carts usually do not).
   */
  cost: {
    subtotal: Money
    total: Money
    discount: Money | null
    tax: Money | null
  }
  email: string | null
  note: string
  attributes: Record<string, string>
  /** Discount codes on the cart, and whether the backend accepted each. */
  discountCodes: { code: string; applicable: boolean }[]
  checkoutUrl: string | null
  /** An ISO 8601 date-time with `Z` or an offset. */
  updatedAt: string
  /** The details the backend keeps and gave back (delivery address, gift cards, …). */
  details?: Partial<CartDetails>
}
