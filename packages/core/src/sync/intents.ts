import type { CartOp } from '../adapter/index.ts'
import { type CartDetailName, type CartDetails, giftCardTail } from '../details/index.ts'
import type { LineAttributes } from '../line-key/index.ts'
import type { CartSnapshot, Merchandise } from '../model/index.ts'
import { same } from './same.ts'

/**
 * A change the shopper asks for, as a **target state**: the quantity they want for a line,
 * the note they typed. Sending a target twice leaves the same cart, so a retry never adds twice.
 */
export type Change =
  | {
      kind: 'line'
      key: string
      merchandiseId: string
      attributes: LineAttributes
      /** The selling plan (subscription); absent for a one-time purchase. */
      sellingPlanId?: string
      quantity: number
      merchandise: Merchandise | null
    }
  | { kind: 'note'; note: string }
  | { kind: 'attributes'; attributes: LineAttributes }
  | { kind: 'discounts'; codes: string[] }
  | { kind: 'detail'; name: CartDetailName; value: CartDetails[CartDetailName] }

/**
 * A change with its place in the outbox: a `slot` (one per line key, note, attributes or
 * discount codes; a newer intent for a slot replaces the older) and a sortable `seq`.
 */
export type Intent = Change & { slot: string; seq: string }

/** A line intent. */
export type LineIntent = Extract<Intent, { kind: 'line' }>

/** The slot a change occupies in the outbox. */
export const slotOf = (change: Change): string =>
  change.kind === 'line'
    ? `line:${change.key}`
    : change.kind === 'detail'
      ? `detail:${change.name}`
      : change.kind

/** Makes the intent for `change`: the one place intents are made. */
export const createIntent = (change: Change, seq: string): Intent =>
  ({ ...change, slot: slotOf(change), seq }) as Intent

const lowerSorted = (codes: readonly string[]): string[] =>
  codes.map((code) => code.toLowerCase()).sort()

/** Whether the cart already is what the intent asks for. */
export function isSatisfied(intent: Intent, cart: CartSnapshot | null): boolean {
  switch (intent.kind) {
    case 'line': {
      const line = cart?.lines.find((candidate) => candidate.key === intent.key)
      return (line?.quantity ?? 0) === intent.quantity
    }
    case 'note':
      return (cart?.note ?? '') === intent.note
    case 'attributes':
      return same(intent.attributes, cart?.attributes ?? {})
    case 'discounts':
      return same(
        lowerSorted((cart?.discountCodes ?? []).map((entry) => entry.code)),
        lowerSorted(intent.codes),
      )
    case 'detail': {
      const has = cart?.details?.[intent.name]
      if (intent.name !== 'giftCardCodes') return same(intent.value ?? null, has ?? null)
      // Applied gift cards come back as their last characters only.
      const tails = (codes: unknown) => ((codes ?? []) as string[]).map(giftCardTail).sort()
      return same(tails(intent.value), tails(has))
    }
  }
}

/** The batch of operations that brings `cart` to every intent. */
export function toOps(intents: Iterable<Intent>, cart: CartSnapshot | null): CartOp[] {
  const ops: CartOp[] = []
  for (const intent of intents) {
    if (intent.kind === 'line') {
      const line = cart?.lines.find((candidate) => candidate.key === intent.key)
      ops.push({
        type: 'setLine',
        merchandiseId: intent.merchandiseId,
        attributes: intent.attributes,
        ...(intent.sellingPlanId ? { sellingPlanId: intent.sellingPlanId } : {}),
        quantity: intent.quantity,
        lineKey: intent.key,
        lineId: line?.id ?? null,
      })
    } else if (intent.kind === 'note') ops.push({ type: 'setNote', note: intent.note })
    else if (intent.kind === 'attributes')
      ops.push({ type: 'setAttributes', attributes: intent.attributes })
    else if (intent.kind === 'detail')
      ops.push({ type: 'setDetail', name: intent.name, value: intent.value } as CartOp)
    else ops.push({ type: 'setDiscountCodes', codes: intent.codes })
  }
  return ops
}
