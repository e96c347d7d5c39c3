import { type Cart, type CartAdapter, type CartOptions, ToteArgumentError } from '@tote/core'
import { CART_EVENT_TYPES } from '@tote/core/analytics'
import { type CartHost, emit, HTMLElementBase, READY_EVENT, stopAll } from '../base/index.ts'
import { renderSections } from '../sections/index.ts'
import { configureStandardActions } from '../shopify-events/early.ts'

/**
 * Builds an adapter from a `<tote-cart>` element's attributes (such as `endpoint`).
 *
 * @example
 * const rest: AdapterFactory = (root) => createRestAdapter({ baseUrl: root.getAttribute('endpoint')! })
 */
export type AdapterFactory = (root: HTMLElement) => CartAdapter

/**
 * Builds the cart of a `<tote-cart adapter="...">` (`name` is the attribute's value): at once,
 * or as a promise when the code that builds carts loads first (the theme build).
 *
 * @example
 * ToteCartElement.builder = async (root, name) => (await import('./engine.js')).build(root, name)
 */
export type CartBuilder = (root: ToteCartElement, name: string) => Cart | Promise<Cart>

/**
 * `<tote-cart>`: the root the other Tote elements find (the nearest one around them, else
 * the first in the page). It gets its cart either from attributes — `adapter` names a
 * registered {@link AdapterFactory}; `locale` (else the page's `<html lang>`), `storage-key`
 * and `country` go to `createCart`, with Tote's French or Norwegian messages for a `fr` or
 * `nb` locale — or from a script setting `element.cart`. It reflects the sync state in a
 * `status` attribute and dispatches `tote:cart-updated`, `tote:status`, `tote:notice`, and
 * `tote:analytics` for each analytics event of the cart (`line_added`, `checkout_started`...).
 * When a write brings theme sections back (`sections` of the `shopify-ajax` adapter), they
 * replace the page's `shopify-section-*` elements (see `renderSections`).
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
  /**
   * How the `adapter` attribute becomes a cart: `defineToteElements` builds it at once with
   * {@link ToteCartElement.adapters}; the theme build loads the engine first (on the
   * shopper's first interaction, or when the page is idle) and sets `cart` then.
   */
  static builder: CartBuilder = (_root, name) => {
    throw new ToteArgumentError('adapter', `unknown adapter "${name}" (known: none registered)`)
  }
  #cart: Cart | null = null
  /** Whether this element created the cart, and so destroys it. */
  #owned = false
  #unwatch: (() => void) | null = null
  /** Whether a builder is still building this element's cart. */
  #building = false

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
    // Shopify's standard actions, on pages with <tote-shopify-events>: configured before the
    // engine has loaded, so an app's early call waits for it rather than reloading the page.
    configureStandardActions(this)
    if (!this.#cart && !this.#building) {
      const built = this.#fromAttributes()
      if (built instanceof Promise) this.#adopt(built)
      else {
        this.#cart = built
        this.#owned = built !== null
      }
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

  #fromAttributes(): Cart | Promise<Cart> | null {
    const name = this.getAttribute('adapter')
    return name ? ToteCartElement.builder(this, name) : null
  }

  /** Takes the cart `built` brings, unless a script set one meanwhile or the element left. */
  #adopt(built: Promise<Cart>): void {
    this.#building = true
    built.then(
      (cart) => {
        this.#building = false
        if (this.#cart || !this.isConnected) return cart.destroy()
        this.cart = cart
        this.#owned = true
      },
      (error: unknown) => {
        this.#building = false
        reportError(error)
      },
    )
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
        // The theme sections re-rendered with each write (shopify-ajax `sections`).
        cart.$extensions.listen(({ sections }) => renderSections(this.ownerDocument, sections)),
        ...CART_EVENT_TYPES.map((type) =>
          cart.on(type, (event) => emit(this, 'tote:analytics', event)),
        ),
      ]
      this.#unwatch = () => stopAll(stops)
    }
    emit(this, READY_EVENT, cart)
  }
}
