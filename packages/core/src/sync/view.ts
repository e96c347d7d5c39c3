import type { CartLineView, CartView, EstimatedMoney } from '../cart/types.ts'
import type { CartLine, CartSnapshot, Merchandise } from '../model/index.ts'
import { type Money, multiplyMoney } from '../money/index.ts'
import type { Intent } from './intents.ts'

const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({})

/** The empty cart, before anything is known. */
export const EMPTY_VIEW: CartView = Object.freeze({
  id: null,
  lines: Object.freeze([]) as readonly CartLineView[],
  count: 0,
  subtotal: Object.freeze({ amount: null, estimated: false }),
  total: Object.freeze({ amount: null, estimated: false }),
  currency: null,
  note: '',
  attributes: NO_ATTRIBUTES,
  discountCodes: Object.freeze([]),
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
    cost: { unitPrice, subtotal, total: subtotal, estimated: true },
    pending: true,
  }
}

function sameMoney(a: Money | null | undefined, b: Money | null | undefined): boolean {
  return a === b || (!!a && !!b && a.amount === b.amount && a.currency === b.currency)
}

/** Merchandise equal in everything a line shows; each answer brings new objects. */
function sameMerchandise(a: Merchandise | null, b: Merchandise | null): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.productTitle === b.productTitle &&
    a.available === b.available &&
    a.quantityAvailable === b.quantityAvailable &&
    a.image?.url === b.image?.url &&
    a.image?.alt === b.image?.alt &&
    sameMoney(a.price, b.price) &&
    sameMoney(a.compareAtPrice, b.compareAtPrice) &&
    a.options.length === b.options.length &&
    a.options.every(
      (option, index) =>
        option.name === b.options[index]?.name && option.value === b.options[index]?.value,
    )
  )
}

function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

function sameLineView(a: CartLineView, b: CartLineView): boolean {
  return (
    a.id === b.id &&
    a.quantity === b.quantity &&
    sameMerchandise(a.merchandise, b.merchandise) &&
    sameAttributes(a.attributes, b.attributes) &&
    a.pending === b.pending &&
    a.cost.estimated === b.cost.estimated &&
    sameMoney(a.cost.subtotal, b.cost.subtotal) &&
    sameMoney(a.cost.total, b.cost.total) &&
    sameMoney(a.cost.unitPrice, b.cost.unitPrice)
  )
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
  let pending = false
  for (const intent of intents.values()) {
    pending = true
    if (intent.kind === 'line') lineIntents.set(intent.key, intent)
    else if (intent.kind === 'note') note = intent.note
    else if (intent.kind === 'attributes') attributes = intent.attributes
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
  const reuse = (next: CartLineView): CartLineView => {
    const before = previousByKey.get(next.key)
    return before && sameLineView(before, next) ? before : next
  }
  for (const line of cart?.lines ?? []) {
    const intent = lineIntents.get(line.key)
    if (!intent) lines.push(reuse(confirmedLineView(line)))
    else if (intent.quantity > 0) lines.push(reuse(pendingLineView(intent, line, currency)))
  }
  const confirmedKeys = new Set(cart?.lines.map((line) => line.key))
  for (const intent of lineIntents.values()) {
    if (intent.quantity > 0 && !confirmedKeys.has(intent.key)) {
      lines.push(reuse(pendingLineView(intent, undefined, currency)))
    }
  }

  const linesPending = lines.some((line) => line.pending)
  let subtotal: EstimatedMoney
  let total: EstimatedMoney
  if (!linesPending && cart) {
    subtotal = { amount: cart.cost.subtotal, estimated: false }
    total = { amount: cart.cost.total, estimated: false }
  } else {
    const amount = currency ? sumLines(lines, currency) : null
    subtotal = { amount, estimated: true }
    // The backend's discounts and taxes are unknown until it confirms: estimate from lines.
    total = { amount, estimated: true }
  }
  const linesUnchanged =
    lines.length === previous.lines.length &&
    lines.every((line, index) => line === previous.lines[index])
  return {
    id: cart?.id ?? null,
    lines: linesUnchanged ? previous.lines : lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: sameEstimate(subtotal, previous.subtotal) ? previous.subtotal : subtotal,
    total: sameEstimate(total, previous.total) ? previous.total : total,
    currency,
    note,
    attributes,
    discountCodes,
    email,
    checkoutUrl: cart?.checkoutUrl ?? null,
    pending,
  }
}

function sumLines(lines: readonly CartLineView[], currency: string): Money {
  let amount = 0
  for (const line of lines) {
    const cost = line.cost.total
    if (cost && cost.currency === currency) amount += cost.amount
  }
  return { amount, currency }
}

function sameEstimate(a: EstimatedMoney, b: EstimatedMoney): boolean {
  return (
    a.estimated === b.estimated &&
    a.amount?.amount === b.amount?.amount &&
    a.amount?.currency === b.amount?.currency
  )
}

function firstIntentCurrency(intents: ReadonlyMap<string, Intent>): string | null {
  for (const intent of intents.values()) {
    if (intent.kind === 'line' && intent.merchandise) return intent.merchandise.price.currency
  }
  return null
}
