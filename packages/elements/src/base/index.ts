import type { Cart } from '@tote/core'

// Importing the elements on a server (SSR bundles) must not throw: there is no HTMLElement
// there, and the classes are only defined in a browser anyway.
const HTMLElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement

/**
 * The event a `<tote-cart>` dispatches when it gets (or loses) a cart, so elements find it.
 *
 * @example
 * document.addEventListener(READY_EVENT, () => console.log('the cart is ready'))
 */
export const READY_EVENT = 'tote:ready'

/**
 * The part of `<tote-cart>` other elements read.
 *
 * @example
 * const host: CartHost | null = findCartRoot(element)
 */
export interface CartHost extends HTMLElement {
  readonly cart: Cart | null
}

/**
 * The nearest `<tote-cart>` around `element`, else the first in its document.
 *
 * @example
 * findCartRoot(button)?.cart?.add({ merchandiseId: '4242' })
 */
export function findCartRoot(element: Element): CartHost | null {
  return (element.closest('tote-cart') ??
    element.ownerDocument.querySelector('tote-cart')) as CartHost | null
}

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
    this.#sync()
  }

  disconnectedCallback(): void {
    this.ownerDocument.removeEventListener(READY_EVENT, this.#onReady)
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
