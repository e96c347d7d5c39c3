import type { Cart } from '@tote/core'
import { holdSubmit, replayHeldSoon } from './held.ts'
import { findCartRoot, READY_EVENT } from './root.ts'

export { cartUnavailable, onCartDemand, whenCart } from './held.ts'
export { type CartHost, findCartRoot, READY_EVENT } from './root.ts'

// Importing the elements on a server (SSR bundles) must not throw: there is no HTMLElement
// there, and the classes are only defined in a browser anyway.
const HTMLElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement

/**
 * Dispatches a bubbling, composed Tote event that theme code can listen to.
 *
 * @example
 * document.addEventListener('tote:cart-updated', (event) => render(event.detail))
 */
export function emit(target: EventTarget, type: string, detail: unknown): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
}

/**
 * The base of every Tote element but the root: binds to the cart of the nearest
 * `<tote-cart>` while connected (also when the root gets its cart later) and unbinds when
 * disconnected. Subclasses implement `bind`, returning what undoes it.
 *
 * @example
 * class CartTotal extends ToteElement {
 *   protected bind(cart: Cart) {
 *     return cart.$subtotal.subscribe((s) => { this.textContent = String(s.amount?.amount) })
 *   }
 * }
 */
export abstract class ToteElement extends HTMLElementBase {
  #bound: Cart | null = null
  #unbind: (() => void) | null = null
  readonly #onReady = (): void => this.#sync()
  /**
   * A submit inside this element before it has a cart (the theme build's engine is still
   * loading) is held, not lost: the page does not navigate, and the submit is replayed, in
   * order with the others, once the cart is here — where the element's own listener handles
   * it. Without a `<tote-cart>` that will bring a cart, the form posts as without script.
   */
  readonly #onSubmit = (event: SubmitEvent): void => {
    if (!this.#bound) holdSubmit(this, event)
  }

  /** The cart of the nearest `<tote-cart>`; `null` until it has one. */
  get cart(): Cart | null {
    return findCartRoot(this)?.cart ?? null
  }

  /** The locale for money: the root's `locale` attribute, else the page's language. */
  get locale(): string | undefined {
    return (
      findCartRoot(this)?.getAttribute('locale') ||
      this.ownerDocument.documentElement.lang ||
      undefined
    )
  }

  connectedCallback(): void {
    this.ownerDocument.addEventListener(READY_EVENT, this.#onReady)
    this.addEventListener('submit', this.#onSubmit, true)
    this.#sync()
  }

  disconnectedCallback(): void {
    this.ownerDocument.removeEventListener(READY_EVENT, this.#onReady)
    this.removeEventListener('submit', this.#onSubmit, true)
    this.#unbind?.()
    this.#unbind = null
    this.#bound = null
  }

  /** Starts following `cart`; returns the function that stops. */
  protected abstract bind(cart: Cart): () => void

  #sync(): void {
    const cart = this.cart
    if (cart === this.#bound) return
    this.#unbind?.()
    this.#bound = cart
    this.#unbind = cart ? this.bind(cart) : null
    // Once every element around has bound (they all hear the same tote:ready), and before
    // the page paints: the held submits show in the cart at once.
    if (cart) replayHeldSoon()
  }
}

export { HTMLElementBase }

/** Listens to `type` on `target`; returns the function that stops. */
export function on<E extends Event = Event>(
  target: EventTarget,
  type: string,
  listener: (event: E) => void,
): () => void {
  target.addEventListener(type, listener as EventListener)
  return () => target.removeEventListener(type, listener as EventListener)
}

/**
 * `url` when it is safe to put in `src`: `https:`, `http:` or relative. `javascript:`,
 * `data:` and every other scheme give `null`.
 *
 * @example
 * safeUrl('//cdn.example/mug.png') // '//cdn.example/mug.png'
 * safeUrl('javascript:alert(1)') // null
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    // Resolving against an https base leaves absolute URLs their own scheme.
    const { protocol } = new URL(url, 'https://tote.invalid/')
    return protocol === 'https:' || protocol === 'http:' ? url : null
  } catch {
    return null
  }
}

/** Calls each function in `stops`: the undo functions a `bind` collected. */
export function stopAll(stops: readonly (() => void)[]): void {
  for (const stop of stops) stop()
}
