import type { CartLineView, CartView, EstimatedMoney } from '../cart/types.ts'
import type { CartLine, CartSnapshot } from '../model/index.ts'
import { type Money, multiplyMoney } from '../money/index.ts'
import type { Intent } from './intents.ts'
import { keep } from './same.ts'

const NO_ATTRIBUTES: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({})

/** The empty cart, before anything is known. */
export const EMPTY_VIEW: CartView = /* @__PURE__ */ Object.freeze({
  id: null,
  lines: /* @__PURE__ */ Object.freeze([]) as readonly CartLineView[],
  count: 0,
  subtotal: /* @__PURE__ */ Object.freeze({ amount: null, estimated: false }),
  total: /* @__PURE__ */ Object.freeze({ amount: null, estimated: false }),
  currency: null,
  note: '',
  attributes: NO_ATTRIBUTES,
  discountCodes: /* @__PURE__ */ Object.freeze([]),
  email: null,
  checkoutUrl: null,
  pending: false,
})

function confirmedLineView(line: CartLine): CartLineView {
  return {
    key: line.key,
    id: line.id,
    merchandiseId: line.merchandise.id,
    merchandise: line.merchandise,
    quantity: line.quantity,
    attributes: line.attributes,
    sellingPlanId: line.sellingPlanId ?? null,
    cost: { ...line.cost, estimated: false },
    pending: false,
  }
}

function pendingLineView(
  intent: Extract<Intent, { kind: 'line' }>,
  line: CartLine | undefined,
  currency: string | null,
): CartLineView {
  const merchandise = line?.merchandise ?? intent.merchandise
  let unitPrice: Money | null = line?.cost.unitPrice ?? merchandise?.price ?? null
  // A price in another currency than the cart's would mix currencies (docs/domain.md R19): unknown.
  if (unitPrice && currency && unitPrice.currency !== currency) unitPrice = null
  const subtotal = unitPrice ? multiplyMoney(unitPrice, intent.quantity) : null
  return {
    key: intent.key,
    id: line?.id ?? null,
    merchandiseId: intent.merchandiseId,
    merchandise,
    quantity: intent.quantity,
    attributes: intent.attributes,
    sellingPlanId: intent.sellingPlanId ?? null,
    cost: { unitPrice, subtotal, total: subtotal, estimated: true },
    pending: true,
  }
}

/**
 * Derives what the shopper sees: the confirmed snapshot with pending intents replayed on
 * top. Unchanged lines keep their previous object, so per-line stores only notify when
 * their line really changes.
 */
export function deriveView(
  cart: CartSnapshot | null,
  intents: ReadonlyMap<string, Intent>,
  previous: CartView,
  email: string | null,
): CartView {
  const currency = cart?.currency ?? firstIntentCurrency(intents)
  const lineIntents = new Map<string, Extract<Intent, { kind: 'line' }>>()
  let note = cart?.note ?? ''
  let attributes = cart?.attributes ?? NO_ATTRIBUTES
  let discountCodes: CartView['discountCodes'] = cart?.discountCodes ?? []
  let details = cart?.details
  for (const intent of intents.values()) {
    if (intent.kind === 'line') lineIntents.set(intent.key, intent)
    else if (intent.kind === 'note') note = intent.note
    else if (intent.kind === 'attributes') attributes = intent.attributes
    else if (intent.kind === 'detail') details = { ...details, [intent.name]: intent.value }
    else {
      const known = new Map(
        discountCodes.map((entry) => [entry.code.toLowerCase(), entry.applicable]),
      )
      discountCodes = intent.codes.map((code) => ({
        code,
        applicable: known.get(code.toLowerCase()) ?? null,
      }))
    }
  }

  const previousByKey = new Map(previous.lines.map((line) => [line.key, line]))
  const lines: CartLineView[] = []
  const push = (line: CartLineView) => lines.push(keep(line, previousByKey.get(line.key)))
  for (const line of cart?.lines ?? []) {
    const intent = lineIntents.get(line.key)
    lineIntents.delete(line.key)
    if (!intent) push(confirmedLineView(line))
    else if (intent.quantity > 0) push(pendingLineView(intent, line, currency))
  }
  // What is left are lines the backend does not have yet.
  for (const intent of lineIntents.values()) {
    if (intent.quantity > 0) push(pendingLineView(intent, undefined, currency))
  }

  let subtotal: EstimatedMoney
  let total: EstimatedMoney
  if (cart && !lines.some((line) => line.pending)) {
    subtotal = { amount: cart.cost.subtotal, estimated: false }
    total = { amount: cart.cost.total, estimated: false }
  } else {
    // Each line's total is in the cart's currency or unknown (see pendingLineView).
    const sum = lines.reduce((amount, line) => amount + (line.cost.total?.amount ?? 0), 0)
    // The backend's discounts and taxes are unknown until it confirms: estimate from lines.
    subtotal = total = { amount: currency ? { amount: sum, currency } : null, estimated: true }
  }
  return {
    id: cart?.id ?? null,
    lines: keep(lines, previous.lines),
    count: lines.reduce((count, line) => count + line.quantity, 0),
    subtotal: keep(subtotal, previous.subtotal),
    total: keep(total, previous.total),
    currency,
    note,
    attributes,
    discountCodes,
    email,
    checkoutUrl: cart?.checkoutUrl ?? null,
    pending: intents.size > 0,
    ...(details ? { details: keep(details, previous.details ?? {}) } : {}),
  }
}

function firstIntentCurrency(intents: ReadonlyMap<string, Intent>): string | null {
  for (const intent of intents.values()) {
    if (intent.kind === 'line' && intent.merchandise) return intent.merchandise.price.currency
  }
  return null
}
