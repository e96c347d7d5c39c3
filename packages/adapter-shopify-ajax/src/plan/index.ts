import {
  type CartOp,
  type CartPlan,
  type LinePlan as CoreLinePlan,
  planBatch,
} from '@tote/core/adapter'

/** The target state of one line in a batch. */
export interface LinePlan extends Omit<CoreLinePlan, 'lineId'> {
  /** The theme's line item key when the caller knows it. */
  itemKey: string | null
}

/** The cart-level changes of a batch. */
export type Meta = CartPlan

/**
 * Turns a batch into line targets (the last op per line key wins) and cart-level changes.
 * Throws a `ToteArgumentError` for a malformed op, before anything is sent. The AJAX Cart API
 * reference states no limit on lines (per cart, per `/cart/add.js` `items` or per
 * `/cart/update.js` `updates`), so batches are not split and none is enforced here: a
 * refusal from the theme is reported per line like any other.
 */
export function planOps(ops: readonly CartOp[]): { plans: LinePlan[]; meta: Meta } {
  const { lines, cart } = planBatch(ops)
  return { plans: lines.map(({ lineId, ...line }) => ({ ...line, itemKey: lineId })), meta: cart }
}

/** The cart-level changes as `/cart/update.js` takes them. */
export function metaPayload(meta: Meta): Record<string, unknown> {
  return {
    ...(meta.note !== undefined ? { note: meta.note } : {}),
    ...(meta.attributes !== undefined ? { attributes: meta.attributes } : {}),
    // update.js takes the whole set as one comma-separated string; '' removes every code.
    ...(meta.discountCodes !== undefined ? { discount: meta.discountCodes.join(',') } : {}),
  }
}
