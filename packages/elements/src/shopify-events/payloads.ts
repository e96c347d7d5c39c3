// The shapes of Shopify's standard storefront events and actions (June 2026), built from
// Tote's cart: the cart summary an event's promise and `updateCart` resolve with, and the
// user errors and warnings a declined or adjusted change comes back with.
import type { CartView, Money, Notice } from '@tote/core'
import { toDecimalString } from '@tote/core/adapter'

/** A Storefront API money value: a decimal string and an ISO 4217 code. */
export interface StandardMoney {
  amount: string
  currencyCode: string
}

/**
 * The cart as the standard events and actions carry it (the Storefront API's shape).
 *
 * @example
 * event.promise.then(({ cart }: { cart: StandardCart }) => console.log(cart.totalQuantity))
 */
export interface StandardCart {
  id: string | null
  totalQuantity: number
  note: string
  cost: { subtotalAmount: StandardMoney; totalAmount: StandardMoney }
  lines: {
    id: string
    quantity: number
    merchandise: { id: string }
    sellingPlanId?: string
    attributes: { key: string; value: string }[]
    cost: { totalAmount: StandardMoney }
  }[]
  discountCodes: { code: string; applicable: boolean }[]
}

/**
 * What a change resolves with: the cart as it stands, with `userErrors` when the cart
 * declined a change and `warnings` when it applied one with an adjustment.
 *
 * @example
 * const { cart, userErrors = [] }: StandardResult = await Shopify.actions.updateCart({ lines })
 */
export interface StandardResult {
  cart: StandardCart
  userErrors?: { code: string; field: string[]; message: string }[]
  warnings?: { code: string; target: string; message: string }[]
}

/** `id` as a Shopify global id of `kind` (`ProductVariant`, `Cart`), unless it is one already. */
export function toGid(kind: string, id: string): string {
  return id.startsWith('gid://') ? id : `gid://shopify/${kind}/${id}`
}

/** The id inside a Shopify global id (`gid://shopify/ProductVariant/101` → `101`). */
export function fromGid(id: unknown): string {
  return String(id).replace(/^gid:\/\/shopify\/[A-Za-z]+\//, '')
}

/** Attributes as the Storefront API lists them. */
export function attributeList(attributes: Readonly<Record<string, string>>) {
  return Object.entries(attributes).map(([key, value]) => ({ key, value }))
}

function standardMoney(value: Money | null, currency: string | null): StandardMoney {
  return value
    ? { amount: toDecimalString(value), currencyCode: value.currency }
    : { amount: '0.0', currencyCode: currency ?? '' }
}

/**
 * The cart summary of `view`.
 *
 * @example
 * standardCart(cart.$cart.get()).totalQuantity // 3
 */
export function standardCart(view: CartView): StandardCart {
  return {
    id: view.id === null ? null : toGid('Cart', view.id),
    totalQuantity: view.count,
    note: view.note,
    cost: {
      subtotalAmount: standardMoney(view.subtotal.amount, view.currency),
      totalAmount: standardMoney(view.total.amount, view.currency),
    },
    lines: view.lines.map((line) => ({
      id: line.id ?? line.key,
      quantity: line.quantity,
      merchandise: { id: toGid('ProductVariant', line.merchandiseId) },
      ...(line.sellingPlanId ? { sellingPlanId: toGid('SellingPlan', line.sellingPlanId) } : {}),
      attributes: attributeList(line.attributes),
      cost: { totalAmount: standardMoney(line.cost.total, view.currency) },
    })),
    discountCodes: view.discountCodes.map(({ code, applicable }) => ({
      code,
      applicable: applicable !== false,
    })),
  }
}

/** Storefront API warning codes for the notices of a change the cart applied adjusted. */
const WARNINGS: Partial<Record<Notice['code'], string>> = {
  insufficient_stock: 'MERCHANDISE_NOT_ENOUGH_STOCK',
  quantity_adjusted: 'MERCHANDISE_NOT_ENOUGH_STOCK',
  out_of_stock: 'MERCHANDISE_OUT_OF_STOCK',
  discount_rejected: 'DISCOUNT_NOT_FOUND',
}

/**
 * The result of a change: the cart in `view`, and `notices` (those the change raised) as
 * warnings (stock adjustments, a refused discount code) or user errors (a change refused).
 *
 * @example
 * standardResult(view, [soldOut]).warnings // [{ code: 'MERCHANDISE_OUT_OF_STOCK', ... }]
 */
export function standardResult(
  view: CartView,
  notices: readonly Notice[],
  refused: readonly string[] = [],
): StandardResult {
  const cart = standardCart(view)
  const warnings = notices.flatMap((notice) => {
    const code = WARNINGS[notice.code]
    const target = notice.lineKey ?? notice.discountCode ?? ''
    return code ? [{ code, target, message: notice.message }] : []
  })
  const userErrors = [
    ...notices.filter((notice) => notice.code === 'rejected' || notice.code === 'discontinued'),
    ...refused.map((message) => ({ message })),
  ].map(({ message }) => ({ code: 'INVALID', field: ['lines'], message }))
  return {
    cart,
    ...(userErrors.length > 0 ? { userErrors } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  }
}

/**
 * A standard storefront event: a bubbling DOM event whose payload fields (`action`,
 * `context`, `lines`, `promise`, `note`, `discountCodes`, `error`, `code`) are properties of
 * the event itself, as Shopify's own event classes have them.
 *
 * @example
 * target.dispatchEvent(new StandardEvent('shopify:cart:error', { error: 'Offline', code: 'SERVICE_UNAVAILABLE' }))
 */
export class StandardEvent extends Event {
  constructor(type: string, fields: Record<string, unknown>) {
    super(type, { bubbles: true, composed: true })
    Object.assign(this, fields)
  }
}
