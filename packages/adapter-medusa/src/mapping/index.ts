import {
  type CartLine,
  type CartSnapshot,
  lineKey,
  type Merchandise,
  mergeLinesByKey,
  ToteAdapterError,
} from '@tote/core/adapter'
import { moneyFromMedusa } from '../money/index.ts'
import type { MedusaCart, MedusaLineItem, MedusaProduct } from '../schemas/index.ts'

/**
 * The string values of Medusa metadata: Tote's attributes. Values of other types (set by other
 * apps) are not attributes; the adapter never changes them.
 */
export function stringsOf(metadata: unknown): Record<string, string> {
  const result: Record<string, string> = {}
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return result
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string' && key !== '__proto__') result[key] = value
  }
  return result
}

/** The merchandise id of a line item: its variant, or the item itself for a custom item. */
export function itemMerchandiseId(item: MedusaLineItem): string {
  return item.variant_id ?? item.id
}

/**
 * The Tote line key of a line item: variant + metadata, which is Medusa's own merge rule
 * (an item added with the same variant and metadata adds to that line).
 */
export function itemLineKey(item: MedusaLineItem): string {
  return lineKey(itemMerchandiseId(item), stringsOf(item.metadata))
}

function toLine(item: MedusaLineItem, currency: string): CartLine {
  const unitPrice = moneyFromMedusa(item.unit_price, currency)
  const compareAt =
    item.compare_at_unit_price == null
      ? null
      : moneyFromMedusa(item.compare_at_unit_price, currency)
  const attributes = stringsOf(item.metadata)
  const id = itemMerchandiseId(item)
  return {
    key: lineKey(id, attributes),
    id: item.id,
    merchandise: {
      id,
      productId: item.product_id ?? id,
      productTitle: item.product_title ?? item.title ?? '',
      title: item.variant_title ?? '',
      image: item.thumbnail ? { url: item.thumbnail } : null,
      options: [],
      price: unitPrice,
      compareAtPrice: compareAt && compareAt.amount > unitPrice.amount ? compareAt : null,
      // An item in the cart is for sale; a cart read does not say how many units are left.
      available: true,
      quantityAvailable: null,
    },
    quantity: item.quantity,
    attributes,
    cost: {
      unitPrice,
      subtotal: { amount: unitPrice.amount * item.quantity, currency: unitPrice.currency },
      total: moneyFromMedusa(item.total, currency),
    },
  }
}

/** What a snapshot needs besides the cart: Medusa has no cart version. */
export interface SnapshotMeta {
  /** When the request that returned this cart was sent (a number that only grows). */
  version: number
  checkoutUrl: string | null
}

/**
 * Maps a Medusa cart to a {@link CartSnapshot}. Money comes in major units of the cart's
 * currency; the cart's `total`, `discount_total` and `tax_total` are Medusa's (rounded to the
 * minor unit), its subtotal is the sum of the lines' `unit_price × quantity`. The rest of Tote's
 * model is checked once, by the engine that parses every adapter answer.
 */
export function toSnapshot(cart: MedusaCart, meta: SnapshotMeta): CartSnapshot {
  try {
    const currency = cart.currency_code.toUpperCase()
    const lines = mergeLinesByKey((cart.items ?? []).map((item) => toLine(item, currency)))
    const subtotal = lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0)
    const discount = moneyFromMedusa(cart.discount_total ?? 0, currency)
    return {
      id: cart.id,
      version: meta.version,
      status: cart.completed_at ? 'completed' : 'active',
      currency,
      lines,
      cost: {
        subtotal: { amount: subtotal, currency },
        total: moneyFromMedusa(cart.total, currency),
        discount: discount.amount === 0 ? null : discount,
        tax: cart.tax_total == null ? null : moneyFromMedusa(cart.tax_total, currency),
      },
      email: cart.email ?? null,
      // Medusa carts have no note.
      note: '',
      attributes: stringsOf(cart.metadata),
      discountCodes: (cart.promotions ?? []).flatMap((promotion) =>
        promotion.code && !promotion.is_automatic
          ? [{ code: promotion.code, applicable: true }]
          : [],
      ),
      checkoutUrl: meta.checkoutUrl,
      updatedAt: new Date(meta.version).toISOString(),
    }
  } catch (error) {
    throw new ToteAdapterError('invalid_response', 'the Medusa cart could not be read', {
      cause: error,
    })
  }
}

/**
 * The variants of a product as Tote merchandise, priced for the region the products were asked
 * for. Stock is `inventory_quantity` (units left for the publishable key's sales channel) when
 * Medusa manages the variant's inventory and refuses backorders; otherwise it is untracked
 * (`null`). A variant without a price in the region cannot be bought and is left out.
 */
export function productMerchandise(product: MedusaProduct): Merchandise[] {
  return (product.variants ?? []).flatMap((variant): Merchandise[] => {
    const price = variant.calculated_price
    if (price?.calculated_amount == null || !price.currency_code) return []
    const currency = price.currency_code
    const now = moneyFromMedusa(price.calculated_amount, currency)
    const before =
      price.original_amount == null ? null : moneyFromMedusa(price.original_amount, currency)
    const tracked = variant.manage_inventory === true && variant.allow_backorder !== true
    const quantityAvailable = tracked
      ? Math.max(0, Math.floor(variant.inventory_quantity ?? 0))
      : null
    const image = variant.thumbnail ?? product.thumbnail
    return [
      {
        id: variant.id,
        productId: product.id,
        productTitle: product.title,
        title: variant.title ?? '',
        image: image ? { url: image } : null,
        options: (variant.options ?? []).flatMap((option) =>
          option.option?.title ? [{ name: option.option.title, value: option.value }] : [],
        ),
        price: now,
        compareAtPrice: before && before.amount > now.amount ? before : null,
        available: quantityAvailable !== 0,
        quantityAvailable,
      },
    ]
  })
}
