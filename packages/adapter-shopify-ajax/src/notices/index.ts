import type { CartSnapshot, NoticeInput } from '@tote/core/adapter'
import type { LinePlan, Meta } from '../plan/index.ts'

const SOLD_OUT = /sold out|out of stock|unavailable/i
const NOT_ENOUGH =
  /only \d+ items? (were|was) added|maximum quantity|can.t add more|cannot add more|all \d+ .* are in your cart/i

/**
 * Reads the `description` of a 422 `Cart Error`: `out_of_stock` ("already sold out"),
 * `insufficient_stock` ("Only N items were added to your cart.", "The maximum quantity of
 * this item is already in your cart.", and the older "You can't add more X to the cart." and
 * "All N X are in your cart."), otherwise `null` (a refusal Tote cannot name).
 *
 * @example
 * classifyRefusal('Only 2 items were added to your cart.') // 'insufficient_stock'
 */
export function classifyRefusal(description: string): 'out_of_stock' | 'insufficient_stock' | null {
  if (SOLD_OUT.test(description)) return 'out_of_stock'
  if (NOT_ENOUGH.test(description)) return 'insufficient_stock'
  return null
}

// Quotes themes put around a product's name: ' ', “ ”, « », „ “, 「 」.
const QUOTED = /['‘“«„「]\s*([^'’”»“」]+?)\s*['’”»“」]/

/** The product a refusal names (`The product 'Rare print' is already sold out.`), if any. */
function titleIn(description: string | undefined): string | undefined {
  return description ? QUOTED.exec(description)?.[1] : undefined
}

/** A variant's quantity rule as the theme sends it. */
export interface QuantityRule {
  min: number
  max: number | null
  increment: number
}

/** What the theme's product JSON says about a variant, beyond its merchandise. */
export interface VariantFacts {
  /** The product's title, to name the line in the notice. */
  title: string
  available: boolean
  /** Sold by subscription only. */
  requiresSellingPlan: boolean
  /** The selling plans the variant is offered on. */
  sellingPlans: ReadonlySet<string>
  rule: QuantityRule | null
}

/** Whether a quantity breaks a quantity rule. */
export function breaksRule(quantity: number, rule: QuantityRule): boolean {
  return (
    quantity < rule.min ||
    (rule.max !== null && quantity > rule.max) ||
    quantity % Math.max(1, rule.increment) !== 0
  )
}

/**
 * Names a refused line target from what the adapter can read without words: the variant's
 * product JSON and what the cart now holds. `null` when they say nothing, and the
 * description is read as a last resort.
 */
export function classifyByFacts(
  plan: Pick<LinePlan, 'quantity' | 'sellingPlanId'>,
  actual: number,
  facts: VariantFacts | undefined,
): NoticeInput['code'] | null {
  if (facts?.rule && breaksRule(plan.quantity, facts.rule)) return 'quantity_rule'
  if (facts && !plan.sellingPlanId && facts.requiresSellingPlan) {
    return 'selling_plan_required'
  }
  if (facts && plan.sellingPlanId && !facts.sellingPlans.has(plan.sellingPlanId)) {
    return 'selling_plan_unavailable'
  }
  if (facts && !facts.available) return 'out_of_stock'
  // Refused with some units in the cart: the stock ran short (a partial add, or the most
  // there is already in the cart).
  if (actual > 0) return 'insufficient_stock'
  return null
}

/** What a write could not do, and why. */
export interface WriteOutcome {
  plans: readonly LinePlan[]
  meta: Meta
  cart: CartSnapshot
  /** The `description` of each refusal, by line key. */
  refusals: ReadonlyMap<string, string>
  /** The lines of a batched add.js, and its refusal when the whole batch was refused. */
  adds: readonly LinePlan[]
  batchAddRefusal: string | null
  /** What product JSON says about refused variants, by variant id. */
  facts?: ReadonlyMap<string, VariantFacts>
}

/**
 * Notices for every line target the cart did not reach (named from Shopify's refusal when
 * there was one) and for every requested discount code that does not apply.
 */
export function buildNotices(outcome: WriteOutcome): NoticeInput[] {
  const { cart, refusals } = outcome
  const result: NoticeInput[] = []
  for (const plan of outcome.plans) {
    const line = cart.lines.find((item) => item.key === plan.key)
    const actual = line?.quantity ?? 0
    if (actual === plan.quantity) continue
    const reason =
      refusals.get(plan.key) ??
      (outcome.adds.includes(plan) ? (outcome.batchAddRefusal ?? undefined) : undefined)
    const facts = outcome.facts?.get(plan.merchandiseId)
    const title = line?.merchandise.productTitle ?? facts?.title ?? titleIn(reason)
    const base = {
      lineKey: plan.key,
      merchandiseId: plan.merchandiseId,
      ...(title ? { title } : {}),
      from: plan.quantity,
      to: actual,
    }
    let code: NoticeInput['code']
    if (plan.quantity === 0) code = 'rejected'
    else if (actual > plan.quantity) code = 'quantity_adjusted'
    else {
      const named =
        reason === undefined
          ? null
          : (classifyByFacts(plan, actual, facts) ?? classifyRefusal(reason))
      code = named ?? (actual === 0 ? 'rejected' : 'quantity_adjusted')
    }
    const rule = code === 'quantity_rule' && facts?.rule
    result.push({
      code,
      ...base,
      ...(rule
        ? { rule: { minimum: rule.min, maximum: rule.max, increment: rule.increment } }
        : {}),
    })
  }
  for (const code of outcome.meta.discountCodes ?? []) {
    const entry = cart.discountCodes.find((item) => item.code.toLowerCase() === code.toLowerCase())
    if (!entry?.applicable) result.push({ code: 'discount_rejected', discountCode: code })
  }
  return result
}
