import type { CartOp } from '../adapter/types.ts'
import { assertDetail, type CartDetails } from '../details/index.ts'
import { ToteArgumentError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { type CartLine, MAX_LINE_QUANTITY } from '../model/index.ts'
import { addMoney } from '../money/index.ts'

/**
 * Checks a batch before an adapter sends anything, so a malformed op fails fast with a
 * `ToteArgumentError` naming it, and the cart is left as it was.
 *
 * @example
 * assertOps([{ type: 'setNote', note: 'Gift' }]) // passes
 * assertOps([{ type: 'setNote', note: 7 }]) // throws: ops[0].note: expected a string
 */
export function assertOps(ops: readonly CartOp[], argument = 'ops'): void {
  if (!Array.isArray(ops)) throw new ToteArgumentError(argument, 'expected an array of ops')
  ops.forEach((op: CartOp, index) => {
    const name = `${argument}[${index}]`
    if (typeof op !== 'object' || op === null) throw new ToteArgumentError(name, 'expected an op')
    switch (op.type) {
      case 'setLine':
        if (typeof op.merchandiseId !== 'string' || op.merchandiseId.trim() === '') {
          throw new ToteArgumentError(`${name}.merchandiseId`, 'expected a non-empty id')
        }
        if (!Number.isInteger(op.quantity) || op.quantity < 0 || op.quantity > MAX_LINE_QUANTITY) {
          throw new ToteArgumentError(
            `${name}.quantity`,
            `expected an integer from 0 to ${MAX_LINE_QUANTITY}, got ${String(op.quantity)}`,
          )
        }
        assertStrings(op.attributes ?? {}, `${name}.attributes`)
        if (
          op.sellingPlanId !== undefined &&
          (typeof op.sellingPlanId !== 'string' || op.sellingPlanId.trim() === '')
        ) {
          throw new ToteArgumentError(`${name}.sellingPlanId`, 'expected a non-empty id')
        }
        return
      case 'setNote':
        if (typeof op.note !== 'string')
          throw new ToteArgumentError(`${name}.note`, 'expected a string')
        return
      case 'setAttributes':
        assertStrings(op.attributes, `${name}.attributes`)
        return
      case 'setDiscountCodes':
        if (!Array.isArray(op.codes) || !op.codes.every((code) => typeof code === 'string')) {
          throw new ToteArgumentError(`${name}.codes`, 'expected an array of strings')
        }
        return
      case 'setDetail':
        assertDetail(`${name}.value`, op.name, op.value)
        return
      default:
        throw new ToteArgumentError(
          `${name}.type`,
          `unknown op type ${JSON.stringify((op as { type: unknown }).type)}`,
        )
    }
  })
}

function assertStrings(value: unknown, argument: string): void {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((item) => typeof item === 'string')
  ) {
    throw new ToteArgumentError(argument, 'expected string keys and string values')
  }
}

/** The target state of one line in a batch, as {@link planBatch} gives it. */
export interface LinePlan {
  key: string
  merchandiseId: string
  attributes: Record<string, string>
  /** The selling plan of the line; absent for a one-time purchase. */
  sellingPlanId?: string
  /** The wanted quantity; `0` removes the line. */
  quantity: number
  /** The backend's id of the line when the caller knows it. */
  lineId: string | null
}

/** The cart-level changes of a batch: the last of each kind wins. */
export interface CartPlan {
  note?: string
  attributes?: Record<string, string>
  discountCodes?: readonly string[]
  /** Cart details to set, by name. */
  details?: Partial<CartDetails>
}

/**
 * Checks a batch (see {@link assertOps}) and turns it into line targets — the last op per line
 * key wins, keeping a line id an earlier op named — and cart-level changes. The planning step
 * every adapter over a line-by-line API starts with.
 *
 * @example
 * planBatch([setLine('v1', 2), setLine('v1', 4)]).lines // [{ key: 'v1', quantity: 4, ... }]
 */
export function planBatch(ops: readonly CartOp[]): { lines: LinePlan[]; cart: CartPlan } {
  assertOps(ops)
  const byKey = new Map<string, LinePlan>()
  const cart: CartPlan = {}
  for (const op of ops) {
    if (op.type === 'setLine') {
      const key = lineKey(op.merchandiseId, op.attributes, op.sellingPlanId)
      byKey.set(key, {
        key,
        merchandiseId: op.merchandiseId,
        attributes: { ...op.attributes },
        ...(op.sellingPlanId ? { sellingPlanId: op.sellingPlanId } : {}),
        quantity: op.quantity,
        lineId: op.lineId ?? byKey.get(key)?.lineId ?? null,
      })
    } else if (op.type === 'setNote') cart.note = op.note
    else if (op.type === 'setAttributes') cart.attributes = { ...op.attributes }
    else if (op.type === 'setDetail') cart.details = { ...cart.details, [op.name]: op.value }
    else cart.discountCodes = [...op.codes]
  }
  return { lines: [...byKey.values()], cart }
}

/**
 * Shows lines that share a key as one (a backend may keep apart what Tote's key joins: a
 * custom price, a selling plan): quantities and costs add up, the first line's id and unit
 * price are kept. Writes to that key consolidate them on the backend.
 *
 * @example
 * mergeLinesByKey([tee1, tee2]) // one 'tee' line with both quantities
 */
export function mergeLinesByKey(lines: readonly CartLine[]): CartLine[] {
  const byKey = new Map<string, CartLine>()
  for (const line of lines) {
    const first = byKey.get(line.key)
    byKey.set(
      line.key,
      first
        ? {
            ...first,
            quantity: first.quantity + line.quantity,
            cost: {
              unitPrice: first.cost.unitPrice,
              subtotal: addMoney(first.cost.subtotal, line.cost.subtotal),
              total: addMoney(first.cost.total, line.cost.total),
            },
          }
        : line,
    )
  }
  return [...byKey.values()]
}
