import type { CartOp, RecoveryResult } from '../adapter/types.ts'
import { ToteAdapterError, ToteArgumentError } from '../errors/index.ts'
import type { CartLine, CartSnapshot, Merchandise } from '../model/index.ts'
import type { Money } from '../money/index.ts'
import type { NoticeInput } from '../notices/types.ts'

/**
 * Why a recovered line was taken out of the cart: its merchandise is sold out (docs/domain.md R11)
 * or no longer in the catalogue.
 *
 * @example
 * const reason: RemovalReason = 'discontinued'
 */
export type RemovalReason = 'out_of_stock' | 'discontinued'

/**
 * A line taken out of the recovered cart. It is not shown (docs/domain.md R11).
 *
 * @example
 * const removed: RemovedLine = { lineKey: 'v1', merchandiseId: 'v1', title: 'Mug', quantity: 2, reason: 'out_of_stock' }
 */
export interface RemovedLine {
  readonly lineKey: string
  readonly merchandiseId: string
  readonly title: string
  /** The quantity the shopper had. */
  readonly quantity: number
  readonly reason: RemovalReason
}

/**
 * A line whose quantity was lowered to the stock left.
 *
 * @example
 * const lowered: LoweredLine = { lineKey: 'v1', merchandiseId: 'v1', title: 'Mug', from: 5, to: 2 }
 */
export interface LoweredLine {
  readonly lineKey: string
  readonly merchandiseId: string
  readonly title: string
  readonly from: number
  readonly to: number
}

/**
 * A line whose unit price changed, up or down, within one currency (docs/domain.md R12, R19).
 *
 * @example
 * const repriced: RepricedLine = {
 *   lineKey: 'v1', merchandiseId: 'v1', title: 'Mug',
 *   from: { amount: 1200, currency: 'EUR' }, to: { amount: 1500, currency: 'EUR' },
 * }
 */
export interface RepricedLine {
  readonly lineKey: string
  readonly merchandiseId: string
  readonly title: string
  /** The unit price the shopper saw. */
  readonly from: Money
  /** The unit price now. */
  readonly to: Money
}

/**
 * How many changes of each kind a recovery found; handy for analytics (`cart_recovered`).
 *
 * @example
 * const counts: RecoveryCounts = { removed: 1, lowered: 0, repriced: 2, currencyChanged: 0 }
 */
export interface RecoveryCounts {
  readonly removed: number
  readonly lowered: number
  readonly repriced: number
  /** `1` when the presentment currency changed, else `0`. */
  readonly currencyChanged: number
}

/**
 * What changed between the cart as the shopper left it and the catalogue now.
 *
 * @example
 * if (report.counts.removed > 0) showBanner(report.notices)
 */
export interface ReconciliationReport {
  readonly removed: readonly RemovedLine[]
  readonly lowered: readonly LoweredLine[]
  readonly repriced: readonly RepricedLine[]
  /** Set when the presentment currency changed; prices are then not compared (docs/domain.md R19). */
  readonly currencyChanged: { readonly from: string; readonly to: string } | null
  /** One notice per change, cart-wide first, then in line order; ready for `toNotice`. */
  readonly notices: readonly NoticeInput[]
  readonly counts: RecoveryCounts
}

/**
 * The outcome of {@link reconcileRecovery}.
 *
 * @example
 * const { cart, ops, report } = reconcileRecovery(await adapter.recover(link, ctx))
 */
export interface Reconciliation {
  /**
   * The recovered cart as the shopper should see it: removed lines gone, quantities lowered,
   * each line with its merchandise and price as they are now. Line and cart totals are
   * estimates until the backend confirms `ops`.
   */
  readonly cart: CartSnapshot
  /**
   * Target-state changes that bring the backend's cart in line: quantity `0` for each removed
   * line, the stock left for each lowered one, and its own quantity for each repriced line (or
   * every line when the currency changed), so the backend prices the cart again and states
   * exact totals in its answer. Empty when nothing changed.
   */
  readonly ops: readonly CartOp[]
  /**
   * The backend's cart as it stands, with today's prices: its lines and quantities until
   * `ops` are confirmed, so each operation still finds its line. A cart confirms this, then
   * sends `ops`; the shopper sees `cart` at once.
   */
  readonly snapshot: CartSnapshot
  readonly report: ReconciliationReport
}

/**
 * Options of {@link reconcileRecovery}.
 *
 * @example
 * reconcileRecovery(result, { currency: 'NOK' })
 */
export interface ReconcileOptions {
  /**
   * The presentment currency the storefront shows now (ISO 4217), when known.
   * @default the currency of the merchandise's current prices
   */
  currency?: string
}

/**
 * Reconciles a recovered cart with its merchandise as it is now, without side effects:
 * sold-out lines are removed and not shown (docs/domain.md R11), lines whose merchandise left the
 * catalogue are removed, quantities above the stock left are lowered to it, and price
 * changes up or down are reported old → new (R12). Prices are compared only within one
 * currency: a changed presentment currency is one `currency_changed` notice (R19).
 *
 * Stock is shared by lines of the same merchandise (same variant, other attributes): the
 * first lines in cart order keep their units, later ones get what is left. Runs in one pass
 * over the lines, so 250 lines take well under a millisecond.
 *
 * Throws a `ToteAdapterError` (`invalid_response`) when the kept lines' prices are in
 * several currencies, which no backend should report.
 *
 * @example
 * const { cart, ops, report } = reconcileRecovery({ cart: abandoned, merchandise: now })
 * // report.removed: [{ lineKey: 'v1', reason: 'out_of_stock', ... }]
 * // ops: [{ type: 'setLine', lineKey: 'v1', quantity: 0, ... }]
 */
export function reconcileRecovery(
  result: RecoveryResult,
  options: ReconcileOptions = {},
): Reconciliation {
  const before = result?.cart
  if (!before || !Array.isArray(before.lines) || !Array.isArray(result.merchandise)) {
    throw new ToteArgumentError(
      'result',
      'expected a recovery result { cart, merchandise } as an adapter returns it',
    )
  }
  if (options.currency !== undefined && !/^[A-Z]{3}$/.test(options.currency)) {
    throw new ToteArgumentError(
      'options.currency',
      `expected an ISO 4217 code such as "EUR", got ${JSON.stringify(options.currency)}`,
    )
  }
  const now = new Map<string, Merchandise>()
  for (const merchandise of result.merchandise) now.set(merchandise.id, merchandise)
  const currency = options.currency ?? currencyNow(before, now)
  const currencyChanged =
    currency === before.currency ? null : { from: before.currency, to: currency }
  const found: Found = { removed: [], lowered: [], repriced: [], ops: [], notices: [] }
  if (currencyChanged) {
    found.notices.push({
      code: 'currency_changed',
      from: currencyChanged.from,
      to: currencyChanged.to,
    })
  }
  // Units of each tracked merchandise not yet given to a line.
  const stockLeft = new Map<string, number>()
  const lines: CartLine[] = []
  for (const line of before.lines) {
    const kept = reconcileLine(line, now.get(line.merchandise.id), {
      currency,
      sameCurrency: !currencyChanged,
      stockLeft,
      found,
    })
    if (kept) lines.push(kept)
  }
  confirmPrices(found, lines, currencyChanged !== null)
  const cost = recoveredCost(before, lines, currency, !currencyChanged)
  const { removed, lowered, repriced, ops, notices } = found
  return {
    cart: { ...before, currency, lines, cost },
    ops,
    snapshot: { ...before, currency, lines: backendLines(before.lines, lines, currency), cost },
    report: {
      removed,
      lowered,
      repriced,
      currencyChanged,
      notices,
      counts: {
        removed: removed.length,
        lowered: lowered.length,
        repriced: repriced.length,
        currencyChanged: currencyChanged ? 1 : 0,
      },
    },
  }
}

/** What reconciling the lines finds, gathered line by line. */
interface Found {
  removed: RemovedLine[]
  lowered: LoweredLine[]
  repriced: RepricedLine[]
  ops: CartOp[]
  notices: NoticeInput[]
}

/**
 * The currency the cart is priced in now: that of the first line still for sale. Any other
 * currency among kept lines is a backend error (docs/domain.md R19).
 */
function currencyNow(before: CartSnapshot, now: ReadonlyMap<string, Merchandise>): string {
  for (const line of before.lines) {
    const merchandise = now.get(line.merchandise.id)
    if (merchandise?.available) return merchandise.price.currency
  }
  return before.currency
}

/** One recovered line as it is now, or `null` when it leaves the cart. */
function reconcileLine(
  line: CartLine,
  merchandise: Merchandise | undefined,
  context: {
    currency: string
    sameCurrency: boolean
    stockLeft: Map<string, number>
    found: Found
  },
): CartLine | null {
  const { currency, sameCurrency, stockLeft, found } = context
  if (!merchandise) {
    removeLine(found, line, titleOf(line.merchandise), 'discontinued')
    return null
  }
  let quantity = line.quantity
  if (merchandise.available && merchandise.quantityAvailable !== null) {
    const left = stockLeft.get(merchandise.id) ?? merchandise.quantityAvailable
    quantity = Math.min(quantity, left)
    stockLeft.set(merchandise.id, left - quantity)
  }
  const title = titleOf(merchandise)
  if (!merchandise.available || quantity === 0) {
    // Sold out: the line is not shown at all (docs/domain.md R11).
    removeLine(found, line, title, 'out_of_stock')
    return null
  }
  const base = { lineKey: line.key, merchandiseId: merchandise.id, title }
  if (quantity < line.quantity) {
    const change = { ...base, from: line.quantity, to: quantity }
    found.lowered.push(change)
    found.notices.push({ code: 'insufficient_stock', ...change })
    found.ops.push(setLine(line, quantity))
  }
  const unitPrice = merchandise.price
  if (unitPrice.currency !== currency) {
    throw new ToteAdapterError(
      'invalid_response',
      `recovered merchandise is priced in both ${currency} and ${unitPrice.currency}: a cart has one currency`,
      { details: { merchandiseId: merchandise.id } },
    )
  }
  // Prices are only compared within one currency (docs/domain.md R19); the shopper sees the
  // new price with a notice either way (R12).
  if (sameCurrency && unitPrice.amount !== line.cost.unitPrice.amount) {
    const change = { ...base, from: line.cost.unitPrice, to: unitPrice }
    found.repriced.push(change)
    found.notices.push({ code: 'price_changed', ...change })
  }
  const subtotal = unitPrice.amount * quantity
  const total = estimateTotal(line, subtotal, sameCurrency)
  return {
    ...line,
    merchandise,
    quantity,
    cost: {
      unitPrice,
      subtotal: { amount: subtotal, currency },
      total: { amount: total, currency },
    },
  }
}

function removeLine(found: Found, line: CartLine, title: string, reason: RemovalReason): void {
  const { key: lineKey, quantity } = line
  const merchandiseId = line.merchandise.id
  found.removed.push({ lineKey, merchandiseId, title, quantity, reason })
  found.notices.push({ code: reason, lineKey, merchandiseId, title, from: quantity, to: 0 })
  found.ops.push(setLine(line, 0))
}

/**
 * A backend prices a cart when it is written, not when it is read: each repriced line (every
 * line after a change of currency) that no other target already sends is sent at the quantity
 * it keeps, so the backend's answer replaces the estimated totals (docs/domain.md R12).
 */
function confirmPrices(found: Found, lines: readonly CartLine[], currencyChanged: boolean): void {
  const sent = new Set(found.ops.map((op) => (op.type === 'setLine' ? op.lineKey : null)))
  const repriced = new Set(found.repriced.map((change) => change.lineKey))
  for (const line of lines) {
    if (sent.has(line.key) || !(currencyChanged || repriced.has(line.key))) continue
    found.ops.push(setLine(line, line.quantity))
  }
}

/** The recovered cart's totals, estimated until the backend confirms. */
function recoveredCost(
  before: CartSnapshot,
  lines: readonly CartLine[],
  currency: string,
  sameCurrency: boolean,
): CartSnapshot['cost'] {
  const subtotal = { amount: sum(lines.map((line) => line.cost.subtotal.amount)), currency }
  const lineTotals = sum(lines.map((line) => line.cost.total.amount))
  // Cart-level discounts and taxes cannot be carried into another currency: the backend
  // states them again once it confirms the cart.
  if (!sameCurrency) {
    return { subtotal, total: { amount: lineTotals, currency }, discount: null, tax: null }
  }
  // Cart-level parts of the total (discounts, taxes) keep their share of the lines: 10 % off
  // stays 10 % off at the new prices.
  const oldLineTotals = sum(before.lines.map((line) => line.cost.total.amount))
  const ratio = oldLineTotals === 0 ? 1 : lineTotals / oldLineTotals
  const cartLevel = before.cost.total.amount - oldLineTotals
  const total = Math.max(0, Math.round(lineTotals + cartLevel * ratio))
  const share = (part: Money | null) =>
    part && { amount: Math.round(part.amount * ratio), currency: part.currency }
  return {
    ...before.cost,
    subtotal,
    total: { amount: total, currency },
    discount: share(before.cost.discount),
    tax: share(before.cost.tax),
  }
}

const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0)

/**
 * The backend's lines with today's prices (R12) and their own quantities, which stay until
 * the reconciliation's targets are confirmed.
 */
function backendLines(
  before: readonly CartLine[],
  kept: readonly CartLine[],
  currency: string,
): CartLine[] {
  const byKey = new Map(kept.map((line) => [line.key, line]))
  return before.map((line): CartLine => {
    const now = byKey.get(line.key)
    if (!now) return line
    const subtotal = { amount: now.cost.unitPrice.amount * line.quantity, currency }
    return {
      ...now,
      quantity: line.quantity,
      cost: { unitPrice: now.cost.unitPrice, subtotal, total: subtotal },
    }
  })
}

/**
 * How a line is named in notices: the product's title, with the variant's when it has one.
 *
 * @example
 * titleOf({ productTitle: 'Mug', title: 'Blue', ...rest }) // 'Mug – Blue'
 */
export function titleOf(merchandise: Pick<Merchandise, 'productTitle' | 'title'>): string {
  const { productTitle, title } = merchandise
  if (!title || title === productTitle) return productTitle
  if (!productTitle) return title
  return `${productTitle} – ${title}`
}

function setLine(line: CartLine, quantity: number): CartOp {
  return {
    type: 'setLine',
    merchandiseId: line.merchandise.id,
    attributes: line.attributes,
    ...(line.sellingPlanId ? { sellingPlanId: line.sellingPlanId } : {}),
    quantity,
    lineKey: line.key,
    lineId: line.id,
  }
}

/**
 * A line's total after its discounts, until the backend says: the old discount keeps its
 * share of the subtotal (a percentage stays a percentage). Across currencies no discount is
 * assumed.
 */
function estimateTotal(line: CartLine, subtotal: number, sameCurrency: boolean): number {
  const { subtotal: oldSubtotal, total: oldTotal } = line.cost
  if (!sameCurrency || oldTotal.amount === oldSubtotal.amount || oldSubtotal.amount === 0) {
    return subtotal
  }
  return Math.round(subtotal * (oldTotal.amount / oldSubtotal.amount))
}
