/**
 * Line attributes: string keys and values.
 *
 * @example
 * const attributes: LineAttributes = { engraving: 'Ada' }
 */
export type LineAttributes = Readonly<Record<string, string>>

/**
 * The client-side identity of a cart line: the merchandise id, its attributes in a
 * canonical order and its selling plan (a subscription), if any. Two additions with the same
 * key are one line (the merge rule), so a line can exist optimistically before the backend
 * has given it an id; the same variant bought once and on a subscription are two lines.
 *
 * @example
 * lineKey('variant-1') // 'variant-1'
 * lineKey('variant-1', { size: 'M', engraving: 'Ada' }) // 'variant-1?engraving=Ada&size=M'
 * lineKey('variant-1', {}, 'plan-7') // 'variant-1#plan-7'
 */
export function lineKey(
  merchandiseId: string,
  attributes: LineAttributes = {},
  sellingPlanId?: string | null,
): string {
  // Escaping `?`, `#` (and `%`) keeps the key one-to-one: an id such as `v?a=1` cannot pass
  // for `v` with the attribute `a=1`. Ids without them, such as Shopify gids, stay as they are.
  const id = merchandiseId.replace(/[%?#]/g, encodeURIComponent)
  const plan = sellingPlanId ? `#${encodeURIComponent(sellingPlanId)}` : ''
  const keys = Object.keys(attributes).sort()
  if (keys.length === 0) return id + plan
  const query = keys
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(attributes[key] as string)}`)
    .join('&')
  return `${id}?${query}${plan}`
}

/** Whether two attribute sets are equal, whatever their key order. */
export function sameAttributes(a: LineAttributes, b: LineAttributes): boolean {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key])
  )
}
