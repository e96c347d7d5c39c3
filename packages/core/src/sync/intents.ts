import type { CartOp } from '../adapter/index.ts'
import type { LineAttributes } from '../line-key/index.ts'
import type { CartSnapshot, Merchandise } from '../model/index.ts'

/**
 * What the shopper wants, as a **target state**: the quantity they want for a line, the
 * note they typed. Sending a target twice leaves the same cart, so a retry never adds twice.
 * Each intent has a sortable `seq`; a newer intent for the same slot replaces the older.
 */
export type Intent =
  | {
      kind: 'line'
      slot: string
      seq: string
      key: string
      merchandiseId: string
      attributes: LineAttributes
      quantity: number
      merchandise: Merchandise | null
    }
  | { kind: 'note'; slot: 'note'; seq: string; note: string }
  | { kind: 'attributes'; slot: 'attributes'; seq: string; attributes: LineAttributes }
  | { kind: 'discounts'; slot: 'discounts'; seq: string; codes: string[] }

/** The slot of a line intent. */
export const lineSlot = (key: string): string => `line:${key}`

/** Whether the confirmed cart already is what the intent asks for. */
export function isSatisfied(intent: Intent, cart: CartSnapshot | null): boolean {
  switch (intent.kind) {
    case 'line': {
      const line = cart?.lines.find((candidate) => candidate.key === intent.key)
      return (line?.quantity ?? 0) === intent.quantity
    }
    case 'note':
      return (cart?.note ?? '') === intent.note
    case 'attributes': {
      const current = cart?.attributes ?? {}
      const keys = Object.keys(intent.attributes)
      return (
        keys.length === Object.keys(current).length &&
        keys.every((key) => current[key] === intent.attributes[key])
      )
    }
    case 'discounts': {
      const current = (cart?.discountCodes ?? []).map((entry) => entry.code.toLowerCase()).sort()
      const wanted = intent.codes.map((code) => code.toLowerCase()).sort()
      return (
        current.length === wanted.length && current.every((code, index) => code === wanted[index])
      )
    }
  }
}

/** The batch of operations that brings the confirmed cart to every intent. */
export function toOps(intents: Iterable<Intent>, cart: CartSnapshot | null): CartOp[] {
  const ops: CartOp[] = []
  for (const intent of intents) {
    switch (intent.kind) {
      case 'line': {
        const line = cart?.lines.find((candidate) => candidate.key === intent.key)
        ops.push({
          type: 'setLine',
          merchandiseId: intent.merchandiseId,
          attributes: intent.attributes,
          quantity: intent.quantity,
          lineKey: intent.key,
          lineId: line?.id ?? null,
        })
        break
      }
      case 'note':
        ops.push({ type: 'setNote', note: intent.note })
        break
      case 'attributes':
        ops.push({ type: 'setAttributes', attributes: intent.attributes })
        break
      case 'discounts':
        ops.push({ type: 'setDiscountCodes', codes: intent.codes })
        break
    }
  }
  return ops
}
