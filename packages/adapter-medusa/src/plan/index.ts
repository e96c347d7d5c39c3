import { assertOps, type CartOp, lineKey } from '@tote/core/adapter'

/** The target state of one line in a batch. */
export interface LinePlan {
  key: string
  merchandiseId: string
  attributes: Record<string, string>
  /** The wanted quantity; `0` removes the line. */
  quantity: number
  /** Medusa's line item id when the caller knows it. */
  lineId: string | null
}

/** The cart-level changes of a batch. */
export interface Meta {
  note?: string
  attributes?: Record<string, string>
  discountCodes?: readonly string[]
}

/**
 * Turns a batch into line targets (the last op per line key wins) and cart-level changes.
 * Throws a `ToteArgumentError` for a malformed op, before anything is sent.
 *
 * @example
 * planOps([setLine('v1', 2), setLine('v1', 4)]).plans // [{ key: 'v1', quantity: 4, ... }]
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
          lineId: op.lineId ?? byKey.get(key)?.lineId ?? null,
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
        meta.discountCodes = [...new Set(op.codes)]
        break
    }
  }
  return { plans: [...byKey.values()], meta }
}

/**
 * The `metadata` of `POST /store/carts/:id` that turns the cart's attributes into `wanted`.
 * Medusa merges metadata and deletes a key sent as `""`, so every string key not wanted is
 * sent as `""`; keys holding other values (another app's) are left alone. `null` when the cart
 * already has exactly these attributes.
 *
 * @example
 * metadataUpdate({ gift: 'yes', old: 'x', app: { n: 1 } }, { gift: 'no' }) // { gift: 'no', old: '' }
 */
export function metadataUpdate(
  current: unknown,
  wanted: Readonly<Record<string, string>>,
): Record<string, string> | null {
  const update: Record<string, string> = {}
  const now =
    typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : {}
  for (const [key, value] of Object.entries(now)) {
    if (typeof value === 'string' && !Object.hasOwn(wanted, key)) update[key] = ''
  }
  for (const [key, value] of Object.entries(wanted)) {
    if (!Object.hasOwn(now, key) || now[key] !== value) update[key] = value
  }
  return Object.keys(update).length === 0 ? null : update
}
