import {
  addMoney,
  type CartLine,
  type CartSnapshot,
  lineKey,
  type Merchandise,
  moneyFromCents,
  ToteAdapterError,
} from '@tote/core/adapter'
import type { AjaxCart, AjaxItem, AjaxProduct } from '../schemas/index.ts'

/** Property or attribute values as strings; `null` values and prototype keys are left out. */
export function toStringRecord(
  value: Readonly<Record<string, string | number | boolean | null>> | null | undefined,
): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, item] of Object.entries(value ?? {})) {
    if (item !== null && key !== '__proto__') result[key] = String(item)
  }
  return result
}

/** The selling plan of a theme cart item, or `null` for a one-time purchase. */
export function itemSellingPlan(item: AjaxItem): string | null {
  const id = item.selling_plan_allocation?.selling_plan.id
  return id === undefined ? null : String(id)
}

/**
 * The Tote line key of a theme cart item: variant id + properties + selling plan (the
 * theme's merge rule: the same variant on another plan is another item).
 */
export function itemLineKey(item: AjaxItem): string {
  return lineKey(String(item.variant_id), toStringRecord(item.properties), itemSellingPlan(item))
}

function toLine(item: AjaxItem, currency: string): CartLine {
  const attributes = toStringRecord(item.properties)
  const sellingPlanId = itemSellingPlan(item)
  const merchandiseId = String(item.variant_id)
  const url = item.featured_image?.url ?? item.image ?? null
  const alt = item.featured_image?.alt
  const merchandise: Merchandise = {
    id: merchandiseId,
    productId: String(item.product_id),
    productTitle: item.product_title,
    title: item.variant_title ?? '',
    image: url ? { url, ...(alt ? { alt } : {}) } : null,
    options: item.options_with_values ?? [],
    price: moneyFromCents(item.original_price, currency),
    compareAtPrice: null,
    // An item in the cart is for sale; its stock is not part of /cart.js.
    available: true,
    quantityAvailable: null,
  }
  return {
    key: lineKey(merchandiseId, attributes, sellingPlanId),
    id: item.key,
    merchandise,
    quantity: item.quantity,
    attributes,
    ...(sellingPlanId ? { sellingPlanId } : {}),
    cost: {
      unitPrice: moneyFromCents(item.original_price, currency),
      subtotal: moneyFromCents(item.original_line_price, currency),
      total: moneyFromCents(item.final_line_price, currency),
    },
  }
}

/** Items the theme split (same variant and properties, different prices) shown as one line. */
function mergeByKey(lines: CartLine[]): CartLine[] {
  const byKey = new Map<string, CartLine>()
  for (const line of lines) {
    const existing = byKey.get(line.key)
    byKey.set(
      line.key,
      existing
        ? {
            ...existing,
            quantity: existing.quantity + line.quantity,
            cost: {
              unitPrice: existing.cost.unitPrice,
              subtotal: addMoney(existing.cost.subtotal, line.cost.subtotal),
              total: addMoney(existing.cost.total, line.cost.total),
            },
          }
        : line,
    )
  }
  return [...byKey.values()]
}

/**
 * Maps `/cart.js` to a {@link CartSnapshot}. Money comes in cents of the presentment
 * currency; an amount that cannot be read throws `invalid_response`, and the rest of Tote's
 * model (one currency, unique lines) is checked once, by the engine that parses every
 * adapter answer. The theme cart has no version: `version` is given by the adapter (when
 * the request was sent), so an older answer never replaces a newer one.
 */
export function toSnapshot(
  cart: AjaxCart,
  meta: { version: number; updatedAt: string; checkoutUrl: string },
): CartSnapshot {
  try {
    const { currency } = cart
    const discount = cart.total_discount ?? cart.original_total_price - cart.total_price
    const snapshot = {
      id: cart.token,
      version: meta.version,
      status: 'active' as const,
      currency,
      lines: mergeByKey(cart.items.map((item) => toLine(item, currency))),
      cost: {
        subtotal: moneyFromCents(cart.original_total_price, currency),
        total: moneyFromCents(cart.total_price, currency),
        discount: discount > 0 ? moneyFromCents(discount, currency) : null,
        tax: null,
      },
      email: null,
      note: cart.note ?? '',
      attributes: toStringRecord(cart.attributes),
      discountCodes: (cart.discount_codes ?? []).map(({ code, applicable }) => ({
        code,
        applicable,
      })),
      checkoutUrl: meta.checkoutUrl,
      updatedAt: meta.updatedAt,
    }
    return snapshot
  } catch (error) {
    if (error instanceof ToteAdapterError) throw error
    throw new ToteAdapterError('invalid_response', 'the theme cart could not be read', {
      cause: error,
    })
  }
}

/** The variants of a product as Tote merchandise, priced in `currency` (from cents). */
export function productMerchandise(product: AjaxProduct, currency: string): Merchandise[] {
  const optionNames = (product.options ?? []).map((option) =>
    typeof option === 'string' ? option : option.name,
  )
  return product.variants.map((variant) => {
    const src = variant.featured_image?.src ?? product.featured_image ?? null
    const alt = variant.featured_image?.alt
    return {
      id: String(variant.id),
      productId: String(product.id),
      productTitle: product.title,
      title: variant.title,
      image: src ? { url: src, ...(alt ? { alt } : {}) } : null,
      options: (variant.options ?? []).flatMap((value, index) =>
        value !== null && optionNames[index] ? [{ name: optionNames[index] as string, value }] : [],
      ),
      price: moneyFromCents(variant.price, currency),
      compareAtPrice:
        variant.compare_at_price && variant.compare_at_price > variant.price
          ? moneyFromCents(variant.compare_at_price, currency)
          : null,
      available: variant.available,
      // Product JSON tells availability, not how many units are left.
      quantityAvailable: variant.available ? null : 0,
    }
  })
}
