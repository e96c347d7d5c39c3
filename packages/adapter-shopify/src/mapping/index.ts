import {
  type CartDetails,
  type CartLine,
  type CartSnapshot,
  type DeliveryAddress,
  lineKey,
  type Merchandise,
  type Money,
  mergeLinesByKey,
  moneyFromDecimalString,
  sumMoney,
  ToteAdapterError,
} from '@tote/core/adapter'
import type { Cart, Line, Variant } from '../schemas/index.ts'

/** Converts a Storefront `MoneyV2` (a decimal string) to integer minor units. */
export function toMoney(value: { amount: string; currencyCode: string }): Money {
  return moneyFromDecimalString(value.amount, value.currencyCode)
}

/** Attributes as a record, without those whose value is `null`. */
export function toAttributes(
  list: ReadonlyArray<{ key: string; value: string | null }>,
): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const { key, value } of list) {
    // Never let a backend write to the prototype of the record.
    if (value !== null && key !== '__proto__') attributes[key] = value
  }
  return attributes
}

/** Attributes as the Storefront API takes them, in canonical (sorted) order. */
export function toAttributeInput(
  attributes: Readonly<Record<string, string>>,
): Array<{ key: string; value: string }> {
  return Object.keys(attributes)
    .sort()
    .map((key) => ({ key, value: attributes[key] as string }))
}

/** Maps a product variant to Tote's merchandise. */
export function toMerchandise(variant: Variant): Merchandise {
  const quantity = variant.quantityAvailable ?? null
  return {
    id: variant.id,
    productId: variant.product.id,
    productTitle: variant.product.title,
    title: variant.title,
    image: variant.image
      ? { url: variant.image.url, ...(variant.image.altText ? { alt: variant.image.altText } : {}) }
      : null,
    options: variant.selectedOptions.map(({ name, value }) => ({ name, value })),
    price: toMoney(variant.price),
    compareAtPrice: variant.compareAtPrice ? toMoney(variant.compareAtPrice) : null,
    available: variant.availableForSale,
    // A variant that sells while out of stock reports zero or less: Tote reads that as
    // "not tracked" (null), so a reconciler never lowers a quantity it could still sell.
    quantityAvailable:
      quantity === null || (variant.availableForSale && quantity <= 0)
        ? null
        : Math.max(0, quantity),
  }
}

/** The selling plan id of a Storefront line, or `null` for a one-time purchase. */
export function sellingPlanOf(line: Line): string | null {
  return line.sellingPlanAllocation?.sellingPlan.id ?? null
}

/**
 * The line key of a Storefront line: merchandise id + attributes + selling plan. Shopify keeps
 * lines that differ by selling plan apart, and so does Tote.
 */
export function storefrontLineKey(line: Line): string {
  return lineKey(line.merchandise.id, toAttributes(line.attributes), sellingPlanOf(line))
}

function toLine(line: Line): CartLine {
  const attributes = toAttributes(line.attributes)
  const sellingPlanId = sellingPlanOf(line)
  return {
    key: lineKey(line.merchandise.id, attributes, sellingPlanId),
    id: line.id,
    merchandise: toMerchandise(line.merchandise),
    quantity: line.quantity,
    attributes,
    ...(sellingPlanId ? { sellingPlanId } : {}),
    cost: {
      unitPrice: toMoney(line.cost.amountPerQuantity),
      subtotal: toMoney(line.cost.subtotalAmount),
      total: toMoney(line.cost.totalAmount),
    },
  }
}

/** The cart details Shopify gives back: the selected delivery address, the phone, gift cards. */
function toDetails(cart: Cart): Partial<CartDetails> {
  const address = cart.delivery?.addresses[0]?.address
  let deliveryAddress: DeliveryAddress | null = null
  if (address?.address1 && address.city && address.countryCode) {
    const fields = Object.entries(address).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    )
    deliveryAddress = Object.fromEntries(fields) as unknown as DeliveryAddress
  }
  return {
    deliveryAddress,
    buyerPhone: cart.buyerIdentity.phone ?? null,
    giftCardCodes: (cart.appliedGiftCards ?? []).map((card) => card.lastCharacters),
  }
}

/**
 * Maps a Storefront cart and **all** its lines (every page) to a {@link CartSnapshot}. Throws
 * `invalid_response` when an amount cannot be read; the rest of Tote's model (one currency,
 * unique lines) is checked once, by the engine that parses every adapter answer.
 */
export function toSnapshot(cart: Cart, lines: readonly Line[]): CartSnapshot {
  try {
    const currency = cart.cost.totalAmount.currencyCode
    const allocations = [
      ...cart.discountAllocations,
      ...lines.flatMap((line) => line.discountAllocations),
    ].map((allocation) => toMoney(allocation.discountedAmount))
    const updatedAt = Date.parse(cart.updatedAt)
    // One meaning of money (see CartSnapshot.cost): the subtotal is before every discount,
    // so it is the lines' subtotals (Shopify's cart `subtotalAmount` is already after
    // line-level discounts), and the discount is every line and cart allocation.
    const subtotal =
      lines.length > 0
        ? sumMoney(
            lines.map((line) => toMoney(line.cost.subtotalAmount)),
            currency,
          )
        : toMoney(cart.cost.subtotalAmount)
    const snapshot = {
      id: cart.id,
      // The Storefront cart has no version: its update time stands in for one.
      version: Number.isNaN(updatedAt) ? 0 : Math.max(0, updatedAt),
      status: 'active' as const,
      currency,
      lines: mergeLinesByKey(lines.map(toLine)),
      cost: {
        subtotal,
        total: toMoney(cart.cost.totalAmount),
        discount: allocations.length > 0 ? sumMoney(allocations, currency) : null,
        tax: null,
      },
      email: cart.buyerIdentity.email,
      note: cart.note ?? '',
      attributes: toAttributes(cart.attributes),
      discountCodes: cart.discountCodes.map(({ code, applicable }) => ({ code, applicable })),
      checkoutUrl: cart.checkoutUrl,
      updatedAt: cart.updatedAt,
      details: toDetails(cart),
    }
    return snapshot
  } catch (error) {
    if (error instanceof ToteAdapterError) throw error
    throw new ToteAdapterError('invalid_response', 'the Storefront cart could not be read', {
      cause: error,
    })
  }
}
