import { type Cart, ToteArgumentError } from '@tote/core'

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
 * Whether `root` will get a cart by itself: it has one, or names an `adapter` to build it
 * from (at once in a bundle, once the engine has loaded in the theme build).
 */
function bringsCart(root: CartHost): boolean {
  return root.cart !== null || root.hasAttribute('adapter')
}

/** What starts loading the engine at once; the theme build sets it (see {@link onCartDemand}). */
let demand: () => void = () => {}

/**
 * Sets what {@link whenCart} and a held submit call when something waits for a cart: the
 * theme build starts loading the engine there instead of waiting for the page to be idle.
 *
 * @example
 * onCartDemand(() => void loadEngine())
 */
export function onCartDemand(start: () => void): void {
  demand = start
}

/**
 * The cart of the `<tote-cart>` around `element` (else the first in its document) as soon as
 * it has one: at once when it has, else when it gets it — in the theme build, once the engine
 * has loaded, which this asks to happen now. Rejects when there is no root that will bring a
 * cart.
 *
 * @example
 * const cart = await whenCart(button)
 * cart.add({ merchandiseId: '4242' })
 */
export function whenCart(element: Element): Promise<Cart> {
  const root = findCartRoot(element)
  if (root?.cart) return Promise.resolve(root.cart)
  if (!root || !bringsCart(root)) {
    const why = `<${element.localName}> has no <tote-cart> with an adapter or a cart around it`
    return Promise.reject(new ToteArgumentError('element', why))
  }
  if (unavailable) return Promise.reject(unavailable.reason)
  const document = element.ownerDocument
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      document.removeEventListener(READY_EVENT, ready)
      waiting.delete(fail)
    }
    const ready = (): void => {
      const cart = findCartRoot(element)?.cart
      if (!cart) return
      stop()
      resolve(cart)
    }
    const fail = (reason: unknown): void => {
      stop()
      reject(reason)
    }
    document.addEventListener(READY_EVENT, ready)
    waiting.add(fail)
    demand()
  })
}

/** The {@link whenCart} calls still waiting, each rejected if no cart will come. */
const waiting = new Set<(reason: unknown) => void>()

/** A submit made inside a Tote element before it had a cart, replayed once it has. */
interface HeldSubmit {
  readonly element: ToteElement
  readonly form: HTMLFormElement
  readonly submitter: HTMLElement | null
  /** The form's fields when the shopper submitted it. */
  readonly data: readonly (readonly [string, FormDataEntryValue])[]
}

/** Submits waiting for their element's cart, in the order the shopper made them. */
const held: HeldSubmit[] = []
/** Set when no cart will come (see {@link cartUnavailable}): submits then post at once. */
let unavailable: { reason: unknown } | null = null

/**
 * Replays the held submits, oldest first, while the oldest one's element has its cart: a
 * later submit never overtakes an earlier one.
 */
function replayHeld(): void {
  for (let next = held[0]; next && (next.element.cart || !next.form.isConnected); next = held[0])
    replay(held.shift() as HeldSubmit)
}

/**
 * Submits `form` again, as the shopper did: the same submitter, and the fields as they were
 * then (a `formdata` listener puts them back in every `FormData` built from the form
 * meanwhile, so an element reading the form, or the browser posting it, sees the shopper's
 * choice even if the form has changed since).
 */
function replay({ form, submitter, data }: HeldSubmit): void {
  if (!form.isConnected) return
  const kept = submitter?.getAttribute('name') ?? null
  const restore = (event: FormDataEvent): void => {
    const names = new Set([...event.formData.keys(), ...data.map(([name]) => name)])
    names.delete(kept as string)
    for (const name of names) event.formData.delete(name)
    for (const [name, value] of data) if (name !== kept) event.formData.append(name, value)
  }
  form.addEventListener('formdata', restore)
  try {
    form.requestSubmit(submitter?.isConnected && form.contains(submitter) ? submitter : undefined)
  } finally {
    form.removeEventListener('formdata', restore)
  }
}

/**
 * Says no cart will come (the theme build could not load the engine, `reason`): the held
 * submits go as they would without script, so the shopper's choice reaches the backend as a
 * plain form post rather than being dropped; later submits post at once; every
 * {@link whenCart} still waiting rejects with `reason`.
 *
 * @example
 * loadEngine().catch((error) => cartUnavailable(error))
 */
export function cartUnavailable(reason: unknown): void {
  unavailable = { reason }
  for (const fail of [...waiting]) fail(reason)
  const first = held.splice(0)[0]
  // One page can only post one form: the first submit goes, as it would have without script.
  if (first?.form.isConnected) HTMLFormElement.prototype.submit.call(first.form)
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
  /**
   * A submit inside this element before it has a cart (the theme build's engine is still
   * loading) is held, not lost: the page does not navigate, and the submit is replayed, in
   * order with the others, once the cart is here — where the element's own listener handles
   * it. Without a `<tote-cart>` that will bring a cart, the form posts as without script.
   */
  readonly #onSubmit = (event: SubmitEvent): void => {
    const form = event.target
    if (this.#bound || unavailable || event.defaultPrevented) return
    if (!(form instanceof HTMLFormElement)) return
    const root = findCartRoot(this)
    if (!root || !bringsCart(root)) return
    event.preventDefault()
    // Listeners outside see the submit when it is replayed, once.
    event.stopPropagation()
    held.push({ element: this, form, submitter: event.submitter, data: [...new FormData(form)] })
    demand()
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
    if (cart && held.length > 0) queueMicrotask(replayHeld)
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
