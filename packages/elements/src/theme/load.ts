// The theme build's loader: when the engine (core, an adapter, zod and ky) loads, and how a
// `<tote-cart adapter="...">` gets its cart once it has.
import type { CartOptions } from '@tote/core'
import { cartUnavailable, onCartDemand, READY_EVENT, whenCart } from '../base/index.ts'
import type { AdapterFactory, CartBuilder } from '../cart-root/index.ts'
import { adapterNamed } from '../define/eager.ts'

/** The engine's module: everything `window.Tote` holds once loaded. */
export type Engine = typeof import('./engine.ts')

/** The adapters a page can name, each a module loaded with the engine only where it is named. */
const ADAPTERS: Record<string, () => Promise<AdapterFactory>> = {
  rest: () => import('./rest.ts').then((module) => module.rest),
  'shopify-ajax': () => import('./shopify-ajax.ts').then((module) => module.shopifyAjax),
}

let engine: Promise<Engine> | undefined
let start: () => void = () => {}
/** Resolves once the engine may load: the first interaction, an idle moment, or a demand. */
const started = new Promise<void>((resolve) => {
  start = resolve
})

/**
 * Loads the engine now (once; later calls share the load).
 *
 * @example
 * const { formatMoney } = await loadEngine()
 */
export function loadEngine(): Promise<Engine> {
  start()
  // Entries fetched side by side rather than one after the other: the engine, the elements
  // that had nothing to do until now (they render the cart), and two halves of core split
  // off only to keep each file small (its sync engine; zod/mini with its schemas).
  engine ??= Promise.all([
    import('./engine.ts'),
    import('./elements.ts'),
    import('./sync.ts'),
    import('./schemas.ts'),
  ]).then(([module, { TOTE_ELEMENTS }]) => {
    Object.assign(Tote, module)
    module.defineElements(TOTE_ELEMENTS)
    return module
  })
  return engine
}

/**
 * What the theme build puts in `window.Tote` before it defines any element: `load`,
 * `whenCart` and `READY_EVENT`; everything else of the engine (`createCart`, `formatMoney`,
 * `TOTE_ELEMENTS`, the element classes...) is added when the engine loads, and `recovery`
 * with it on a page that has a `<tote-recovery>`.
 *
 * @example
 * const { formatMoney } = await Tote.load()
 * Tote.whenCart(button).then((cart) => cart.add({ merchandiseId: '4242' }))
 */
export interface ToteGlobal extends Partial<Engine & typeof import('./recovery.ts')> {
  /** Loads the engine now (it loads by itself on first interaction or when idle). */
  load(): Promise<Engine>
  /** The cart of the `<tote-cart>` around an element, once it has one. */
  whenCart: typeof whenCart
  /** The event a `<tote-cart>` dispatches when it gets its cart. */
  READY_EVENT: typeof READY_EVENT
}

/** The theme build's `window.Tote`. */
export const Tote: ToteGlobal = { load: loadEngine, whenCart, READY_EVENT }

/**
 * Recovery, for a page with a `<tote-recovery>` (a recovery link's landing page): loaded
 * beside the engine there, and nowhere else.
 */
function loadRecovery(document: Document): Promise<CartOptions['recovery']> {
  if (!document.querySelector('tote-recovery')) return Promise.resolve(undefined)
  return import('./recovery.ts').then((module) => Object.assign(Tote, module).recovery)
}

/**
 * The theme build's {@link CartBuilder}: waits until the engine may load, then loads it, the
 * adapter the root names and, on a recovery link's landing page, recovery, side by side, and
 * builds the cart. If they cannot load, or the root names an adapter the build does not
 * have, or lacks an attribute its adapter needs, the submits held meanwhile post as they
 * would without script, and code waiting in `whenCart` gets the error.
 */
export const buildLater: CartBuilder = async (root, name) => {
  try {
    // An adapter the build does not have fails at once, before the engine would load.
    const adapter = adapterNamed(ADAPTERS, name)
    await started
    const [{ cartFromAttributes }, factory, recovery] = await Promise.all([
      loadEngine(),
      adapter(),
      loadRecovery(root.ownerDocument),
    ])
    return cartFromAttributes(root, factory(root), recovery)
  } catch (error) {
    cartUnavailable(error)
    throw error
  }
}

/** Whether `target` is a Tote element (`<tote-*>`), whose use means the cart is wanted. */
function isToteElement(target: EventTarget): boolean {
  return target instanceof Element && target.localName.startsWith('tote-')
}

/**
 * Starts the engine's load, once, on whichever comes first: the shopper's first pointer down,
 * focus or submit on a Tote element (or inside one), the page being idle after it has loaded
 * (`requestIdleCallback`, else a short timeout), or an element asking for its cart now (a
 * held submit, `whenCart`).
 *
 * @example
 * startOnDemand(document)
 */
export function startOnDemand(document: Document): void {
  const events = ['pointerdown', 'focusin', 'submit'] as const
  const go = (): void => {
    for (const type of events) document.removeEventListener(type, onEvent, true)
    start()
  }
  const onEvent = (event: Event): void => {
    if (event.composedPath().some(isToteElement)) go()
  }
  for (const type of events) document.addEventListener(type, onEvent, true)
  onCartDemand(go)
  const view = document.defaultView
  if (!view) return
  const idle = (): void => {
    if (typeof view.requestIdleCallback === 'function') view.requestIdleCallback(go)
    // Without idle callbacks: once the frame after the load event is painted.
    else view.requestAnimationFrame(() => view.requestAnimationFrame(go))
  }
  if (document.readyState === 'complete') idle()
  else view.addEventListener('load', idle, { once: true })
}
