import { assertOps, type CartOp, lineKey, ToteArgumentError } from '@tote/core'

/**
 * Lines one Shopify cart holds: the commonly cited figure, also used by
 * `@tote/adapter-shopify`. The AJAX Cart API reference states no limit (neither on the cart
 * nor on `/cart/add.js` `items` or `/cart/update.js` `updates`), so batches are not split; a
 * batch asking for more lines than this is refused before any request (`invalid_argument`).
 */
export const MAX_CART_LINES = 500

/** The target state of one line in a batch. */
export interface LinePlan {
  key: string
  merchandiseId: string
  attributes: Record<string, string>
  /** The wanted quantity; `0` removes the line. */
  quantity: number
  /** The theme's line item key when the caller knows it. */
  itemKey: string | null
}

/** The cart-level changes of a batch. */
export interface Meta {
  note?: string
  attributes?: Record<string, string>
  discountCodes?: readonly string[]
}

/**
 * Turns a batch into line targets (the last op per line key wins) and cart-level changes.
 * Throws a `ToteArgumentError` for a malformed op, or for a batch asking for more than
 * {@link MAX_CART_LINES} lines, before anything is sent.
 */
export function planOps(ops: readonly CartOp[]): { plans: LinePlan[]; meta: Meta } {
  assertOps(ops)
  const byKey = new Map<string, LinePlan>()
  const meta: Meta = {}
  for (const op of ops) {
    switch (op.type) {
      case 'setLine': {
        const key = lineKey(op.merchandiseId, op.attributes)
        byKey.set(key, {
          key,
          merchandiseId: op.merchandiseId,
          attributes: { ...op.attributes },
          quantity: op.quantity,
          itemKey: op.lineId ?? byKey.get(key)?.itemKey ?? null,
        })
        break
      }
      case 'setNote':
        meta.note = op.note
        break
      case 'setAttributes':
        meta.attributes = { ...op.attributes }
        break
      case 'setDiscountCodes':
        meta.discountCodes = [...op.codes]
        break
    }
  }
  const plans = [...byKey.values()]
  const lines = plans.filter((plan) => plan.quantity > 0).length
  if (lines > MAX_CART_LINES) {
    throw new ToteArgumentError(
      'ops',
      `the batch asks for ${lines} cart lines; a Shopify cart holds at most ${MAX_CART_LINES}`,
      { details: { lines, limit: MAX_CART_LINES } },
    )
  }
  return { plans, meta }
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
