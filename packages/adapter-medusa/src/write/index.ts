import { type AdapterContext, type NoticeInput, ToteAdapterError } from '@tote/core/adapter'
import type { Outcome } from '../client/index.ts'
import { itemLineKey } from '../mapping/index.ts'
import { type LinePlan, type Meta, metadataUpdate } from '../plan/index.ts'
import type { MedusaLineItem } from '../schemas/index.ts'
import type { CartState, StoreCalls } from '../store/index.ts'

/** What a cart request gave: the cart, or Medusa's refusal. */
type CartOutcome = { ok: true; state: CartState } | (Outcome & { ok: false })

/** Why Medusa did not take a line's target. */
type Refusal = 'stock' | 'other'

/** Where a batch is written: the cart, the call's context and the region to price stock in. */
export interface WriteTarget {
  store: StoreCalls
  cartId: string
  ctx: AdapterContext
  regionId: string
}

/** The cart after a batch, and the notices for what it could not do. */
export interface WriteOutcome {
  state: CartState
  notices: NoticeInput[]
}

const INVALID_CODE = /promotion code (.+) is invalid/i

/**
 * Brings a Medusa cart to a batch's targets with as few Store API calls as the API allows. The
 * Store API changes one line per request, so:
 *
 * 1. every line whose item id Tote knows is set (`POST …/line-items/:id`, an absolute
 *    quantity) or removed (`DELETE`), and every new line is added (`POST …/line-items`);
 * 2. the cart the last answer returned is compared with the targets, and only what differs is
 *    corrected: a line Medusa merged on add (2 in the cart + 3 added = 5, set back to 3), a
 *    stale item id, two items under one key, a removal whose id Tote did not know;
 * 3. lines refused for stock are looked up (one product query) and set to what is left, or
 *    removed when sold out, each with a notice;
 * 4. attributes and discount codes go in one `POST /store/carts/:id` (metadata merged,
 *    promotion codes replaced), last, so codes are judged against the final lines.
 *
 * Each answer carries the whole cart, so nothing is read again unless a request failed.
 * Targets make a resend harmless: a line added twice is set back to its target.
 *
 * @param start the cart as it stands when it is already known (just created), else `null`
 * @param applied whether the line targets were already sent (by `POST /store/carts`)
 */
export async function writeBatch(
  target: WriteTarget,
  batch: { plans: readonly LinePlan[]; meta: Meta },
  start: CartState | null = null,
  applied = false,
): Promise<WriteOutcome> {
  const { store, cartId, ctx } = target
  const { plans, meta } = batch
  const refusals = new Map<string, Refusal>()
  const notices: NoticeInput[] = []
  let current = start
  let checkedCompleted = false

  /** The cart as Medusa has it now; a write to a gone or completed cart stops here. */
  async function fresh(): Promise<CartState> {
    const state = await store.readCart(cartId, ctx)
    if (state === null) {
      throw new ToteAdapterError('cart_not_found', `Medusa has no cart ${cartId}`, { status: 404 })
    }
    if (state.cart.completed_at) {
      throw new ToteAdapterError('cart_completed', `cart ${cartId} was turned into an order`, {
        status: 400,
      })
    }
    current = state
    return state
  }

  /**
   * Takes one answer. `true`: applied. `false`: refused, and why is recorded. `'missing'`: the
   * item id is not in the cart (any more). A 404 or a refusal that is not about stock reads the
   * cart once, since Medusa answers a gone cart with 404 and a completed one with 400.
   */
  async function take(outcome: CartOutcome, key?: string): Promise<boolean | 'missing'> {
    if (outcome.ok) {
      current = outcome.state
      return true
    }
    // Medusa runs each route as a workflow that rolls back on failure: a refused request left
    // the cart as it was, so the cart in hand is still the cart.
    if (outcome.status === 404) {
      await fresh()
      return 'missing'
    }
    const refusal: Refusal = outcome.error.code === 'insufficient_inventory' ? 'stock' : 'other'
    if (refusal === 'other' && !checkedCompleted) {
      checkedCompleted = true
      await fresh()
    }
    if (key !== undefined) refusals.set(key, refusal)
    return false
  }

  const itemsOf = (state: CartState, key: string): MedusaLineItem[] =>
    (state.cart.items ?? []).filter((item) => itemLineKey(item) === key)

  const add = (plan: LinePlan, quantity: number) =>
    store.addItem(
      cartId,
      { variantId: plan.merchandiseId, quantity, metadata: plan.attributes },
      ctx,
    )

  /** Sets the items of one key to `quantity`: the first item takes it, the others go. */
  async function settle(plan: LinePlan, quantity: number, items: MedusaLineItem[]) {
    if (quantity === 0) {
      for (const item of items) await take(await store.removeItem(cartId, item.id, ctx))
      return
    }
    const [first, ...others] = items
    if (!first) await take(await add(plan, quantity), plan.key)
    else if (first.quantity !== quantity) {
      await take(await store.setItemQuantity(cartId, first.id, quantity, ctx), plan.key)
    }
    for (const item of others) await take(await store.removeItem(cartId, item.id, ctx))
  }

  // 1. Everything Tote can send without reading the cart.
  if (!applied) {
    for (const plan of plans) {
      if (plan.lineId !== null && plan.quantity === 0) {
        await take(await store.removeItem(cartId, plan.lineId, ctx))
      }
    }
    for (const plan of plans) {
      if (plan.lineId !== null && plan.quantity > 0) {
        await take(await store.setItemQuantity(cartId, plan.lineId, plan.quantity, ctx), plan.key)
      }
    }
    for (const plan of plans) {
      if (plan.lineId === null && plan.quantity > 0)
        await take(await add(plan, plan.quantity), plan.key)
    }
  }

  // 2. Correct what the cart shows against the targets.
  for (const plan of plans) {
    if (refusals.has(plan.key)) continue
    const state = current ?? (await fresh())
    await settle(plan, plan.quantity, itemsOf(state, plan.key))
  }

  // 3. Lines refused for stock: set to what is left, or removed when sold out.
  const short = plans.filter((plan) => refusals.get(plan.key) === 'stock')
  if (short.length > 0) {
    const found = await store.merchandise(
      short.map((plan) => plan.merchandiseId),
      current?.cart.region_id ?? target.regionId,
      ctx,
    )
    for (const plan of short) {
      const left = found.find((item) => item.id === plan.merchandiseId)?.quantityAvailable
      if (left === undefined || left === null) continue
      const state = current ?? (await fresh())
      refusals.delete(plan.key)
      await settle(plan, Math.min(left, plan.quantity), itemsOf(state, plan.key))
      refusals.set(plan.key, 'stock')
    }
  }

  // 4. Attributes and codes, in one request.
  if (meta.note) notices.push({ code: 'rejected' })
  // Codes already sent with the new cart are not sent again: Medusa judged them then.
  await writeMeta(applied ? { ...meta, discountCodes: undefined } : meta)

  const final = current ?? (await fresh())
  for (const plan of plans) {
    const items = itemsOf(final, plan.key)
    const actual = items.reduce((sum, item) => sum + item.quantity, 0)
    if (actual === plan.quantity) continue
    const title = items[0]?.product_title ?? undefined
    const refusal = refusals.get(plan.key)
    notices.push({
      code: noticeCode(refusal, plan.quantity, actual),
      lineKey: plan.key,
      merchandiseId: plan.merchandiseId,
      from: plan.quantity,
      to: actual,
      ...(title ? { title } : {}),
    })
  }
  const applies = new Set((final.cart.promotions ?? []).map((promotion) => promotion.code))
  for (const code of meta.discountCodes ?? []) {
    if (!applies.has(code) && !notices.some((notice) => notice.discountCode === code)) {
      notices.push({ code: 'discount_rejected', discountCode: code })
    }
  }
  return { state: final, notices }

  async function writeMeta(changes: Meta): Promise<void> {
    if (changes.attributes === undefined && changes.discountCodes === undefined) return
    const state = current ?? (await fresh())
    const body: { metadata?: Record<string, string>; promo_codes?: string[] } = {}
    const metadata =
      changes.attributes === undefined
        ? null
        : metadataUpdate(state.cart.metadata, changes.attributes)
    if (metadata) body.metadata = metadata
    let codes = changes.discountCodes === undefined ? null : [...changes.discountCodes]
    const onCart = (state.cart.promotions ?? []).flatMap((promotion) =>
      promotion.code && !promotion.is_automatic ? [promotion.code] : [],
    )
    for (;;) {
      const sendCodes = codes !== null && !sameSet(codes, onCart)
      if (!body.metadata && !sendCodes) return
      const outcome = await store.updateCart(
        cartId,
        { ...body, ...(sendCodes && codes ? { promo_codes: codes } : {}) },
        ctx,
      )
      if (outcome.ok) {
        await take(outcome)
        return
      }
      // Medusa refuses the whole update for one unknown code and names it: drop it, resend.
      const message = outcome.error.message ?? ''
      const named = INVALID_CODE.exec(message)?.[1]
      if (sendCodes && codes && outcome.status === 400 && /promotion/i.test(message)) {
        const refused = codes.filter((code) => code === named)
        const dropped = refused.length > 0 ? refused : codes
        for (const code of dropped) notices.push({ code: 'discount_rejected', discountCode: code })
        codes = codes.filter((code) => !dropped.includes(code))
        continue
      }
      await take(outcome)
      notices.push({ code: 'rejected' })
      return
    }
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item))
}

/** The notice for a line left at `actual` instead of `wanted`, given why Medusa refused it. */
function noticeCode(
  refusal: Refusal | undefined,
  wanted: number,
  actual: number,
): NoticeInput['code'] {
  if (refusal === 'stock') return actual === 0 ? 'out_of_stock' : 'insufficient_stock'
  if (refusal === 'other' || wanted === 0 || actual === 0) return 'rejected'
  return 'quantity_adjusted'
}
