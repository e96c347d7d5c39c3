import { assertOps, type CartOp, lineKey } from '@tote/core/adapter'

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
 * Throws a `ToteArgumentError` for a malformed op, before anything is sent. The AJAX Cart API
 * reference states no limit on lines (per cart, per `/cart/add.js` `items` or per
 * `/cart/update.js` `updates`), so batches are not split and none is enforced here: a
 * refusal from the theme is reported per line like any other.
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
