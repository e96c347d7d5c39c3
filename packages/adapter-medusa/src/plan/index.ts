import { type CartOp, type CartPlan, type LinePlan, planBatch } from '@tote/core/adapter'

/** The target state of one line in a batch; `lineId` is Medusa's line item id when known. */
export type { LinePlan }

/** The cart-level changes of a batch. */
export type Meta = CartPlan

/**
 * Turns a batch into line targets (the last op per line key wins) and cart-level changes, with
 * each discount code once. Throws a `ToteArgumentError` for a malformed op, before anything
 * is sent.
 *
 * @example
 * planOps([setLine('v1', 2), setLine('v1', 4)]).plans // [{ key: 'v1', quantity: 4, ... }]
 */
export function planOps(ops: readonly CartOp[]): { plans: LinePlan[]; meta: Meta } {
  const { lines, cart } = planBatch(ops)
  const codes = cart.discountCodes
  return { plans: lines, meta: codes ? { ...cart, discountCodes: [...new Set(codes)] } : cart }
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
