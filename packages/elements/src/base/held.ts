import { type Cart, ToteArgumentError } from '@tote/core'
import { bringsCart, findCartRoot, READY_EVENT } from './root.ts'

// What happens before an element has its cart: code waiting for it (whenCart) and submits
// held until it comes, replayed in order, or posted as without script if it never does.

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
  readonly element: { readonly cart: Cart | null }
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
 * Holds `event`, a submit inside `element` before it has a cart, when a cart will come: the
 * page does not navigate and the submit is replayed, in order with the others, once the cart
 * is here. Returns whether it was held; without a `<tote-cart>` that will bring a cart, or
 * once no cart will come, the form posts as without script.
 */
export function holdSubmit(
  element: HTMLElement & { readonly cart: Cart | null },
  event: SubmitEvent,
): boolean {
  const form = event.target
  if (unavailable || event.defaultPrevented || !(form instanceof HTMLFormElement)) return false
  const root = findCartRoot(element)
  if (!root || !bringsCart(root)) return false
  event.preventDefault()
  // Listeners outside see the submit when it is replayed, once.
  event.stopPropagation()
  held.push({ element, form, submitter: event.submitter, data: [...new FormData(form)] })
  demand()
  return true
}

/** Replays the held submits on the next microtask, once every element around has bound. */
export function replayHeldSoon(): void {
  if (held.length > 0) queueMicrotask(replayHeld)
}
