// Shopify's standard storefront actions (`Shopify.actions.updateCart`, `openCart`), handled by
// Tote: an app's or agent's change goes through the same engine as the shopper's clicks.
import type { Cart, Notice } from '@tote/core'
import { actingFrom } from '../origin/index.ts'
import { fromGid, type StandardResult, standardResult } from './payloads.ts'

/** The rejections of the changes whose promises are still open. */
export type OpenChanges = Set<(error: Error) => void>

/**
 * A promise for a change just made: the cart once every change is confirmed or declined,
 * with the notices it raised that `concerns` picks; rejected if sync fails meanwhile (the
 * engine keeps retrying on its own), by whoever holds `open`.
 *
 * @example
 * const promise = trackChange(cart, (notice) => notice.lineKey === key, open)
 */
export function trackChange(
  cart: Cart,
  concerns: (notice: Notice) => boolean,
  open: OpenChanges,
  refused: readonly string[] = [],
): Promise<StandardResult> {
  const before = new Set(cart.$notices.get().map((notice) => notice.id))
  return new Promise<StandardResult>((resolve, reject) => {
    open.add(reject)
    cart.settled().then(() => {
      open.delete(reject)
      const raised = cart.$notices.get().filter((n) => !before.has(n.id) && concerns(n))
      resolve(standardResult(cart.$cart.get(), raised, refused))
    }, reject)
  })
}

/** A line of an `updateCart` payload. */
interface LineInput {
  id?: unknown
  merchandiseId?: unknown
  quantity?: unknown
  sellingPlanId?: unknown
  attributes?: { key: string; value: string }[]
}

/** An `updateCart` payload. */
export interface UpdateCartPayload {
  lines?: LineInput[]
  note?: unknown
  discountCodes?: unknown
  attributes?: { key: string; value: string }[]
}

const record = (list: readonly { key: string; value: string }[] = []) =>
  Object.fromEntries(list.map((entry) => [entry.key, entry.value]))

/** Applies one `updateCart` line to the cart; returns why it could not, if it could not. */
function applyLine(cart: Cart, input: LineInput): string | null {
  const quantity = input.quantity === undefined ? 1 : Number(input.quantity)
  if (input.id === undefined) {
    if (input.merchandiseId === undefined) return 'a line needs an id or a merchandiseId'
    const plan = input.sellingPlanId ? { sellingPlanId: fromGid(input.sellingPlanId) } : {}
    const merchandiseId = fromGid(input.merchandiseId)
    cart.add({ merchandiseId, quantity, attributes: record(input.attributes), ...plan })
    return null
  }
  const id = String(input.id)
  const line = cart.$lines.get().find((l) => l.id === id || l.key === id || l.id === fromGid(id))
  if (!line) return `there is no line ${id} in the cart`
  cart.setQuantity(line.key, quantity)
  return null
}

/** Makes the changes of an `updateCart` call; returns the lines it touched and what it refused. */
function applyPayload(cart: Cart, payload: UpdateCartPayload) {
  const refused: string[] = []
  for (const input of payload.lines ?? []) {
    try {
      const why = applyLine(cart, input)
      if (why) refused.push(why)
    } catch (error) {
      refused.push((error as Error).message)
    }
  }
  const keys = new Set(cart.$lines.get().flatMap((line) => (line.pending ? [line.key] : [])))
  if (typeof payload.note === 'string') cart.setNote(payload.note)
  if (Array.isArray(payload.attributes)) cart.setAttributes(record(payload.attributes))
  if (Array.isArray(payload.discountCodes)) {
    const wanted = payload.discountCodes.map((code) => String(code).toLowerCase())
    for (const { code } of cart.$cart.get().discountCodes)
      if (!wanted.includes(code.toLowerCase())) cart.removeDiscountCode(code)
    for (const code of payload.discountCodes) cart.applyDiscountCode(String(code))
  }
  return { refused, keys }
}

/**
 * `Shopify.actions.updateCart` for `cart`, through Tote's engine: the payload's lines, note,
 * attributes and discount codes become the cart's own changes (shown at once, sent with the
 * shopper's), made as a `standard-action` so Tote does not announce them again (Shopify's
 * actions script does). Resolves as the changes' events do.
 *
 * @example
 * const { cart: summary, userErrors } = await updateCartWith(cart, { lines }, open)
 */
export function updateCartWith(
  cart: Cart,
  payload: UpdateCartPayload,
  open: OpenChanges,
): Promise<StandardResult> {
  const { refused, keys } = actingFrom(null, 'standard-action', () => applyPayload(cart, payload))
  const concerns = (n: Notice) => keys.has(n.lineKey ?? '') || n.code === 'discount_rejected'
  return trackChange(cart, concerns, open, refused)
}
