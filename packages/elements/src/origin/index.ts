/**
 * Where a cart change comes from, as Shopify's standard cart events name it: `product` (a
 * product form), `cart` (the cart's own controls), `dialog` (a quick-add dialog) or
 * `standard-action` (an app or agent calling `Shopify.actions.updateCart`).
 *
 * @example
 * const context: ChangeContext = 'product'
 */
export type ChangeContext = 'product' | 'cart' | 'dialog' | 'standard-action'

/**
 * The element a change was made from and its context.
 *
 * @example
 * const origin: ChangeOrigin = { target: form, context: 'product' }
 */
export interface ChangeOrigin {
  readonly target: EventTarget | null
  readonly context: ChangeContext
}

let current: ChangeOrigin | null = null

/**
 * Runs `change` (a call to the cart such as `cart.add(...)`) as made from `target` in
 * `context`, so listeners of the cart's synchronous events (see {@link currentOrigin}) know
 * where it came from. Returns what `change` returns.
 *
 * @example
 * const key = actingFrom(this, 'product', () => cart.add({ merchandiseId: '101' }))
 */
export function actingFrom<T>(
  target: EventTarget | null,
  context: ChangeContext,
  change: () => T,
): T {
  const previous = current
  current = { target, context }
  try {
    return change()
  } finally {
    current = previous
  }
}

/**
 * The origin of the change being made right now, or `null` outside {@link actingFrom}
 * (theme code calling the cart directly).
 *
 * @example
 * cart.on('line_added', () => console.log(currentOrigin()?.context ?? 'cart'))
 */
export function currentOrigin(): ChangeOrigin | null {
  return current
}
