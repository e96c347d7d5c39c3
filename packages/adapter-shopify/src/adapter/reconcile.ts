import type { CartSnapshot, NoticeCode, NoticeInput } from '@tote/core/adapter'
import { storefrontLineKey } from '../mapping/index.ts'
import type { Line, UserError, Warning } from '../schemas/index.ts'

/** The target state of one line in a batch. */
export interface LinePlan {
  key: string
  merchandiseId: string
  attributes: Record<string, string>
  /** The selling plan (subscription), or `null` for a one-time purchase. */
  sellingPlanId: string | null
  /** The wanted quantity; `0` removes the line. */
  quantity: number
  /** The backend's line id when the caller knows it. */
  lineId: string | null
}

/** What the backend said about lines during a write. */
export interface LineSignals {
  /** Keys whose merchandise sold out (the line is removed). */
  soldOut: ReadonlySet<string>
  /** Keys clamped to the stock left (never raised again). */
  stockLimited: ReadonlySet<string>
  /** Keys whose addition Shopify refused (never added again). */
  refused: ReadonlySet<string>
}

/** The line mutations that bring the cart to the targets. */
export interface LineChanges {
  remove: string[]
  /** Lines to set, with the key of the target they serve. */
  update: Array<{ id: string; quantity: number; key: string }>
  add: LinePlan[]
}

/**
 * Compares line targets with the lines the cart has and returns the mutations that reach
 * them: remove lines whose target is 0 (or that sold out), update lines whose quantity
 * differs, add lines that are missing, and fold lines that share a key into one. A quantity
 * Shopify clamped to stock is never raised again, and a refused addition is not retried.
 */
export function reconcileLines(
  plans: readonly LinePlan[],
  current: ReadonlyArray<{ id: string; key: string; quantity: number }>,
  signals: LineSignals,
): LineChanges {
  const changes: LineChanges = { remove: [], update: [], add: [] }
  for (const plan of plans) {
    const lines = current.filter((line) => line.key === plan.key)
    if (plan.quantity === 0 || signals.soldOut.has(plan.key)) {
      changes.remove.push(...lines.map((line) => line.id))
      continue
    }
    const [first, ...others] = lines
    if (!first) {
      if (!signals.refused.has(plan.key)) changes.add.push(plan)
      continue
    }
    changes.remove.push(...others.map((line) => line.id))
    const quantity = first.quantity + others.reduce((sum, line) => sum + line.quantity, 0)
    const clamped = quantity < plan.quantity && signals.stockLimited.has(plan.key)
    if ((quantity !== plan.quantity || others.length > 0) && !clamped) {
      changes.update.push({ id: first.id, quantity: plan.quantity, key: plan.key })
    }
  }
  return changes
}

const SOLD_OUT = /sold out|out of stock/i
const STOCK = /sold out|out of stock|stock|available/i

/**
 * Whether a line's `userError` may be about stock. Since 2025-10 Shopify refuses such lines
 * with `MERCHANDISE_NOT_APPLICABLE` (out of stock, not enough stock, unpublished, no such
 * variant); older versions said "sold out" in the message. The adapter then looks the
 * merchandise up to know which.
 */
export function isStockRefusal(error: UserError): boolean {
  if (refusalNotice(error) !== null) return false
  return error.code === 'MERCHANDISE_NOT_APPLICABLE' || STOCK.test(error.message)
}

/**
 * What each Storefront `CartWarningCode` becomes: a notice code, or `null` for warnings
 * about things Tote does not manage (delivery, payment, B2B selling plans). A test checks
 * that every code of the pinned schema is listed; a code added later that starts with
 * `DISCOUNT_` is read as `discount_rejected`, any other is ignored.
 */
export const WARNING_NOTICES: Readonly<Record<string, NoticeCode | null>> = {
  MERCHANDISE_OUT_OF_STOCK: 'out_of_stock',
  MERCHANDISE_NOT_ENOUGH_STOCK: 'insufficient_stock',
  DISCOUNT_CODE_NOT_HONOURED: 'discount_rejected',
  DISCOUNT_CURRENTLY_INACTIVE: 'discount_rejected',
  DISCOUNT_CUSTOMER_NOT_ELIGIBLE: 'discount_rejected',
  DISCOUNT_CUSTOMER_USAGE_LIMIT_REACHED: 'discount_rejected',
  DISCOUNT_ELIGIBLE_CUSTOMER_MISSING: 'discount_rejected',
  DISCOUNT_INCOMPATIBLE_PURCHASE_TYPE: 'discount_rejected',
  DISCOUNT_NOT_FOUND: 'discount_rejected',
  DISCOUNT_NO_ENTITLED_LINE_ITEMS: 'discount_rejected',
  DISCOUNT_NO_ENTITLED_SHIPPING_LINES: 'discount_rejected',
  DISCOUNT_PURCHASE_NOT_IN_RANGE: 'discount_rejected',
  DISCOUNT_QUANTITY_NOT_IN_RANGE: 'discount_rejected',
  DISCOUNT_USAGE_LIMIT_REACHED: 'discount_rejected',
  DUPLICATE_DELIVERY_ADDRESS: null,
  MERCHANDISE_SELLING_PLAN_NOT_APPLICABLE_ON_COMPANY_LOCATION: null,
  PAYMENTS_GIFT_CARDS_UNAVAILABLE: null,
}

/** The notice code of a warning code (see {@link WARNING_NOTICES}). */
export function warningNotice(code: string): NoticeCode | null {
  if (Object.hasOwn(WARNING_NOTICES, code)) return WARNING_NOTICES[code] ?? null
  return code.startsWith('DISCOUNT_') ? 'discount_rejected' : null
}

/**
 * The line keys a warning is about. Its `target` is the id of the cart line (Shopify's
 * `CartWarning.target`): a line seen during the write, or a line the batch named by id that
 * Shopify removed (sold out). A merchandise id is accepted only as a fallback.
 */
export function warningKeys(
  warning: Warning,
  seenLines: ReadonlyMap<string, Line>,
  plans: readonly LinePlan[],
): string[] {
  const line = seenLines.get(warning.target)
  if (line) return [storefrontLineKey(line)]
  const named = plans.filter((plan) => plan.lineId !== null && plan.lineId === warning.target)
  if (named.length > 0) return named.map((plan) => plan.key)
  return plans.filter((plan) => plan.merchandiseId === warning.target).map((plan) => plan.key)
}

/** Inputs of {@link buildNotices}. */
export interface NoticeSources {
  plans: readonly LinePlan[]
  cart: CartSnapshot
  warnings: readonly Warning[]
  userErrors: readonly UserError[]
  addErrors: ReadonlyMap<string, UserError>
  /** Every line seen during the write, by id, to resolve warning targets. */
  seenLines: ReadonlyMap<string, Line>
  /** The discount codes the batch asked for, or `null` when it did not touch them. */
  requestedCodes: readonly string[] | null
  /** Every line refusal of the write (additions and updates), by line key. */
  lineErrors?: ReadonlyMap<string, UserError>
  /** The quantity rule of merchandise whose quantity a rule refused, by line key. */
  rules?: ReadonlyMap<string, QuantityRule>
  /** Product titles of refused lines the cart never held, by line key. */
  refusedTitles?: ReadonlyMap<string, string>
  /** What a lookup of refused merchandise found: sold out, stock left, no longer sold. */
  lookedUp?: {
    soldOut: ReadonlySet<string>
    limited: ReadonlyMap<string, number>
    discontinued: ReadonlySet<string>
  }
}

/** A variant's quantity rule (B2B): at least `minimum`, at most `maximum`, in `increment`s. */
export interface QuantityRule {
  minimum: number
  maximum: number | null
  increment: number
}

/** The `CartErrorCode`s of a quantity that breaks the variant's quantity rule. */
export const QUANTITY_RULE_ERRORS: ReadonlySet<string> = new Set([
  'MINIMUM_NOT_MET',
  'MAXIMUM_EXCEEDED',
  'INVALID_INCREMENT',
])

/**
 * The notice of a line refusal that says what the shopper must do rather than "rejected": a
 * variant sold only by subscription, a selling plan no longer offered, a quantity rule.
 */
export function refusalNotice(error: UserError): NoticeCode | null {
  if (error.code === 'VARIANT_REQUIRES_SELLING_PLAN') return 'selling_plan_required'
  if (error.code === 'SELLING_PLAN_NOT_APPLICABLE') return 'selling_plan_unavailable'
  if (error.code && QUANTITY_RULE_ERRORS.has(error.code)) return 'quantity_rule'
  return null
}

/**
 * Turns the outcome of a write into notices: each line target that was not reached
 * (`out_of_stock`, `insufficient_stock`, `quantity_adjusted`, `rejected`), stock warnings
 * on other lines, refused discount codes (`discount_rejected`) and other refusals.
 */
export function buildNotices(sources: NoticeSources): NoticeInput[] {
  const { cart, seenLines } = sources
  const notices: NoticeInput[] = []
  const soldOut = new Set<string>()
  const stockLimited = new Set<string>()
  const discountWarnings: Warning[] = []
  for (const warning of sources.warnings) {
    const code = warningNotice(warning.code)
    if (code === 'discount_rejected') discountWarnings.push(warning)
    for (const key of warningKeys(warning, seenLines, sources.plans)) {
      if (code === 'out_of_stock') soldOut.add(key)
      if (code === 'insufficient_stock') stockLimited.add(key)
    }
  }
  for (const key of sources.lookedUp?.soldOut ?? []) soldOut.add(key)
  for (const key of sources.lookedUp?.limited.keys() ?? []) stockLimited.add(key)
  const discontinued = sources.lookedUp?.discontinued ?? new Set<string>()
  const titles = new Map<
    string,
    { merchandiseId: string; title: string; available: number | null }
  >()
  for (const line of seenLines.values()) {
    titles.set(storefrontLineKey(line), {
      merchandiseId: line.merchandise.id,
      title: line.merchandise.product.title,
      available: line.merchandise.quantityAvailable ?? null,
    })
  }
  const about = (key: string, merchandiseId: string) => {
    const line = cart.lines.find((item) => item.key === key)
    const seen = titles.get(key)
    const title = line?.merchandise.productTitle ?? seen?.title ?? sources.refusedTitles?.get(key)
    return {
      lineKey: key,
      merchandiseId: line?.merchandise.id ?? seen?.merchandiseId ?? merchandiseId,
      ...(title ? { title } : {}),
    }
  }
  const targeted = new Set<string>()
  for (const plan of sources.plans) {
    targeted.add(plan.key)
    const actual = cart.lines.find((line) => line.key === plan.key)?.quantity ?? 0
    if (actual === plan.quantity) continue
    const base = { ...about(plan.key, plan.merchandiseId), from: plan.quantity, to: actual }
    const error = sources.lineErrors?.get(plan.key)
    const said = error && refusalNotice(error)
    if (said) {
      const rule = sources.rules?.get(plan.key)
      notices.push({ code: said, ...base, ...(said === 'quantity_rule' && rule ? { rule } : {}) })
      continue
    }
    if (plan.quantity === 0) {
      notices.push({ code: 'rejected', ...base })
    } else if (actual === 0 && discontinued.has(plan.key)) {
      notices.push({ code: 'discontinued', ...base })
    } else if (actual === 0) {
      const refusal = sources.addErrors.get(plan.key)
      const gone =
        soldOut.has(plan.key) || (refusal !== undefined && SOLD_OUT.test(refusal.message))
      notices.push({ code: gone ? 'out_of_stock' : 'rejected', ...base })
    } else if (actual < plan.quantity) {
      const available = titles.get(plan.key)?.available ?? null
      const short = stockLimited.has(plan.key) || (available !== null && available < plan.quantity)
      notices.push({ code: short ? 'insufficient_stock' : 'quantity_adjusted', ...base })
    } else {
      notices.push({ code: 'quantity_adjusted', ...base })
    }
  }
  for (const warning of sources.warnings) {
    const line = seenLines.get(warning.target)
    if (!line) continue
    const key = storefrontLineKey(line)
    if (targeted.has(key)) continue
    const current = cart.lines.find((item) => item.key === key)
    const code = warningNotice(warning.code)
    if (code === 'out_of_stock') {
      notices.push({ code: 'out_of_stock', ...about(key, line.merchandise.id) })
    } else if (code === 'insufficient_stock') {
      notices.push({
        code: 'insufficient_stock',
        ...about(key, line.merchandise.id),
        ...(current ? { to: current.quantity } : {}),
      })
    } else continue
    targeted.add(key)
  }
  const rejectedCodes = new Set<string>()
  if (sources.requestedCodes) {
    for (const code of sources.requestedCodes) {
      const entry = cart.discountCodes.find(
        (item) => item.code.toLowerCase() === code.toLowerCase(),
      )
      if (!entry?.applicable) rejectedCodes.add(code)
    }
  } else if (discountWarnings.length > 0) {
    for (const entry of cart.discountCodes) if (!entry.applicable) rejectedCodes.add(entry.code)
  }
  for (const code of rejectedCodes) notices.push({ code: 'discount_rejected', discountCode: code })
  if (discountWarnings.length > 0 && rejectedCodes.size === 0) {
    notices.push({ code: 'discount_rejected' })
  }
  for (const error of sources.userErrors) {
    const field = error.field?.[0]
    if (field === 'lines' || field === 'lineIds' || field === 'discountCodes') continue
    notices.push({ code: 'rejected' })
  }
  return notices
}
