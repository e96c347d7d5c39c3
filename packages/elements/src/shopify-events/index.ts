import type { Cart, CartEvents, CartView, Notice } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { type ChangeOrigin, currentOrigin } from '../origin/index.ts'
import { type OpenChanges, trackChange, type UpdateCartPayload, updateCartWith } from './actions.ts'
import { provideStandardHandlers } from './early.ts'
import { StandardEvent, toGid } from './payloads.ts'

/** The cart events of Shopify's standard storefront events that carry a change's promise. */
const CHANGE_EVENTS = [
  'shopify:cart:lines-update',
  'shopify:cart:note-update',
  'shopify:cart:discount-update',
  'shopify:cart:attributes-update',
] as const

/**
 * `<tote-shopify-events>`: speaks Shopify's standard storefront events and actions (June
 * 2026) for the cart of its `<tote-cart>`, on a Liquid storefront with the `shopify-ajax`
 * adapter.
 *
 * - Every change Tote makes dispatches `shopify:cart:lines-update` (`action`, `context`,
 *   `lines`, `promise`), `shopify:cart:note-update` or `shopify:cart:discount-update` from
 *   the element it was made from (the product form, the cart's controls; else the cart
 *   drawer or `<tote-cart>`), when it starts. The promise resolves with the cart once the
 *   backend has confirmed or declined it (`userErrors`, `warnings`), or rejects when the
 *   request fails, together with a `shopify:cart:error`.
 * - `Shopify.actions.updateCart` changes the cart through Tote's engine (one write with the
 *   shopper's clicks, notices shown) and `Shopify.actions.openCart` opens
 *   `<tote-cart-drawer>`: `<tote-cart>` configures them as soon as Shopify's actions script
 *   has run, and a call made before the engine has loaded waits for it. Shopify's actions
 *   script dispatches the events of those calls itself.
 * - A change made by other code (a standard event Tote did not dispatch) refreshes the cart
 *   once it is done, and so does the window regaining focus.
 *
 * @example
 * <tote-cart adapter="shopify-ajax">
 *   <tote-shopify-events></tote-shopify-events>
 * </tote-cart>
 */
export class ToteShopifyEventsElement extends ToteElement {
  /** Where changes without an element of their own (and the actions' events) come from. */
  get eventTarget(): EventTarget {
    const root = this.closest('tote-cart')
    return root?.querySelector('tote-cart-drawer') ?? root ?? this.ownerDocument
  }

  protected bind(cart: Cart): () => void {
    const document = this.ownerDocument
    const own = new WeakSet<Event>()
    const open: OpenChanges = new Set()
    let previous = cart.$cart.get()

    /** Dispatches a change event and settles its promise with the change. */
    const announce = (
      type: string,
      fields: Record<string, unknown>,
      origin: ChangeOrigin | null,
      keys: (n: Notice) => boolean,
    ) => {
      const target =
        origin?.target instanceof Node && origin.target.isConnected
          ? origin.target
          : this.eventTarget
      const promise = trackChange(cart, keys, open)
      promise.catch((error: Error) => {
        target.dispatchEvent(
          new StandardEvent('shopify:cart:error', {
            error: error.message,
            code: 'SERVICE_UNAVAILABLE',
          }),
        )
      })
      const event = new StandardEvent(type, {
        context: origin?.context ?? 'cart',
        ...fields,
        promise,
      })
      own.add(event)
      target.dispatchEvent(event)
    }
    const onLine = (change: CartEvents['line_added' | 'line_removed' | 'quantity_changed']) => {
      const origin = currentOrigin()
      if (origin?.context === 'standard-action') return
      const line = cart.$lines.get().find((l) => l.key === change.lineKey)
      const id = line?.id ?? change.lineKey
      const adding =
        change.quantityDelta > 0 && (origin?.context === 'product' || change.type === 'line_added')
      const action = adding ? 'add' : change.type === 'line_removed' ? 'remove' : 'update'
      const lines = adding
        ? [
            {
              merchandiseId: toGid('ProductVariant', change.merchandiseId),
              quantity: change.quantityDelta,
            },
          ]
        : [{ id, quantity: change.quantity }]
      announce(
        'shopify:cart:lines-update',
        { action, lines },
        origin,
        (n) => n.lineKey === change.lineKey,
      )
    }
    const onView = (view: CartView) => {
      const origin = currentOrigin()
      const confirmed = cart.confirmed
      const codes = (v: Pick<CartView, 'discountCodes'>) =>
        v.discountCodes.map((d) => d.code).join('\n')
      if (origin?.context !== 'standard-action') {
        if (view.note !== previous.note && view.note !== (confirmed?.note ?? ''))
          announce('shopify:cart:note-update', { note: view.note }, origin, () => false)
        if (
          codes(view) !== codes(previous) &&
          codes(view) !== codes(confirmed ?? { discountCodes: [] })
        )
          announce(
            'shopify:cart:discount-update',
            { discountCodes: view.discountCodes.map(({ code }) => ({ code })) },
            origin,
            (n) => n.code === 'discount_rejected',
          )
      }
      previous = view
    }
    // `<tote-cart>` configured the actions early; they go through this cart from now on.
    provideStandardHandlers({
      updateCart: (payload) => updateCartWith(cart, payload as UpdateCartPayload, open),
    })
    const configured = () =>
      (
        globalThis as { Shopify?: { actions?: { updateCart?: { isDefault?(): boolean } } } }
      ).Shopify?.actions?.updateCart?.isDefault?.() === false
    const stops = [
      ...(['line_added', 'line_removed', 'quantity_changed'] as const).map((type) =>
        cart.on(type, onLine),
      ),
      cart.$cart.listen(onView),
      cart.$status.subscribe((status) => {
        if (status.state !== 'error') return
        for (const reject of open) reject(status.error)
        open.clear()
      }),
      on(document.defaultView ?? document, 'focus', () => void cart.refresh()),
      ...CHANGE_EVENTS.map((type) =>
        on<Event & { context?: string; promise?: Promise<unknown> }>(document, type, (event) => {
          // Events of `updateCart` calls are Tote's when it handles them.
          if (own.has(event) || (event.context === 'standard-action' && configured())) return
          const refresh = () => void cart.refresh()
          Promise.resolve(event.promise).then(refresh, refresh)
        }),
      ),
    ]
    return () => stopAll(stops)
  }
}
