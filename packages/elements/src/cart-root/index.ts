import {
  type Cart,
  type CartAdapter,
  type CartOptions,
  createCart,
  ToteArgumentError,
} from '@tote/core'
import { CART_EVENT_TYPES } from '@tote/core/analytics'
import { type CartHost, emit, HTMLElementBase, READY_EVENT, stopAll } from '../base/index.ts'
import { messagesFor } from '../messages/index.ts'

/**
 * Builds an adapter from a `<tote-cart>` element's attributes (such as `endpoint`).
 *
 * @example
 * const rest: AdapterFactory = (root) => createRestAdapter({ baseUrl: root.getAttribute('endpoint')! })
 */
export type AdapterFactory = (root: HTMLElement) => CartAdapter

/**
 * `<tote-cart>`: the root the other Tote elements find (the nearest one around them, else
 * the first in the page). It gets its cart either from attributes — `adapter` names a
 * registered {@link AdapterFactory}; `locale` (else the page's `<html lang>`), `storage-key`
 * and `country` go to `createCart`, with Tote's French or Norwegian messages for a `fr` or
 * `nb` locale — or from a script setting `element.cart`. It reflects the sync state in a
 * `status` attribute and dispatches `tote:cart-updated`, `tote:status`, `tote:notice`, and
 * `tote:analytics` for each analytics event of the cart (`line_added`, `checkout_started`...).
 *
 * @example
 * <tote-cart adapter="rest" endpoint="/api/tote" locale="fr">…</tote-cart>
 * // or: document.querySelector('tote-cart').cart = createCart({ adapter })
 */
export class ToteCartElement extends HTMLElementBase implements CartHost {
  /** The adapters the `adapter` attribute can name; `defineToteElements` fills it. */
  static adapters: Record<string, AdapterFactory> = {}
  /** Recovery for the carts built from attributes, which `<tote-recovery>` needs; `defineToteElements` sets it. */
  static recovery: CartOptions['recovery'] = undefined
  #cart: Cart | null = null
  /** Whether this element created the cart, and so destroys it. */
  #owned = false
  #unwatch: (() => void) | null = null

  /** The cart the elements inside use; `null` until configured. */
  get cart(): Cart | null {
    return this.#cart
  }

  set cart(cart: Cart | null) {
    if (cart === this.#cart) return
    this.#release()
    this.#cart = cart
    if (this.isConnected) this.#watch()
  }

  connectedCallback(): void {
    if (!this.#cart) {
      this.#cart = this.#fromAttributes()
      this.#owned = this.#cart !== null
    }
    this.#watch()
  }

  disconnectedCallback(): void {
    this.#unwatch?.()
    this.#unwatch = null
    // Moving the element disconnects and reconnects it in one task: keep the cart then.
    queueMicrotask(() => {
      if (!this.isConnected && this.#owned) this.#release()
    })
  }

  #fromAttributes(): Cart | null {
    const name = this.getAttribute('adapter')
    if (!name) return null
    const factory = ToteCartElement.adapters[name]
    if (!factory) {
      const known = Object.keys(ToteCartElement.adapters).join(', ') || 'none registered'
      throw new ToteArgumentError('adapter', `unknown adapter "${name}" (known: ${known})`)
    }
    const locale =
      this.getAttribute('locale') || this.ownerDocument.documentElement.lang || undefined
    const messages = locale === undefined ? undefined : messagesFor(locale)
    const { recovery } = ToteCartElement
    return createCart({
      adapter: factory(this),
      locale,
      ...(messages && { messages }),
      ...(recovery && { recovery }),
      storageKey: this.getAttribute('storage-key') ?? undefined,
      country: this.getAttribute('country') ?? undefined,
    })
  }

  #release(): void {
    this.#unwatch?.()
    this.#unwatch = null
    if (this.#owned) this.#cart?.destroy()
    this.#cart = null
    this.#owned = false
  }

  #watch(): void {
    const cart = this.#cart
    if (cart && !this.#unwatch) {
      const seen = new Set<string>()
      const stops = [
        cart.$cart.subscribe((view) => emit(this, 'tote:cart-updated', view)),
        cart.$status.subscribe((status) => {
          this.setAttribute('status', status.state)
          emit(this, 'tote:status', status)
        }),
        cart.$notices.subscribe((notices) => {
          for (const notice of notices) {
            if (seen.has(notice.id)) continue
            seen.add(notice.id)
            emit(this, 'tote:notice', notice)
          }
        }),
        ...CART_EVENT_TYPES.map((type) =>
          cart.on(type, (event) => emit(this, 'tote:analytics', event)),
        ),
      ]
      this.#unwatch = () => stopAll(stops)
    }
    emit(this, READY_EVENT, cart)
  }
}
