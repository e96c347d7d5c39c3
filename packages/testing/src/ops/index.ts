import { type LineAttributes, lineKey } from '@tote/core'
import type { CartOp } from '@tote/core/adapter'

/**
 * Options of {@link setLineOp}.
 *
 * @example
 * const options: SetLineOpOptions = { sellingPlanId: 'gid://shopify/SellingPlan/1' }
 */
export interface SetLineOpOptions {
  /** The line's attributes (line item properties); part of its key. @default {} */
  attributes?: LineAttributes
  /** The selling plan the line is bought on; part of its key. */
  sellingPlanId?: string
  /** The backend's id of the line when the cart has it. @default null */
  lineId?: string | null
}

/**
 * A `setLine` operation as a cart sends it to an adapter: the line's target quantity, keyed as
 * core keys lines. For adapter tests that call `create` or `apply` directly.
 *
 * @example
 * await adapter.apply({ cartId, ops: [setLineOp('gid://shopify/ProductVariant/1', 2)] }, ctx)
 */
export function setLineOp(
  merchandiseId: string,
  quantity: number,
  options: SetLineOpOptions = {},
): CartOp {
  const { attributes = {}, sellingPlanId, lineId = null } = options
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    ...(sellingPlanId ? { sellingPlanId } : {}),
    quantity,
    lineKey: lineKey(merchandiseId, attributes, sellingPlanId),
    lineId,
  }
}
