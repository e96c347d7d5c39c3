// Configuring Shopify's standard actions as soon as Shopify's actions script has run, before
// Tote's engine has loaded (the theme build loads it on the first interaction): a call then
// asks for the engine and waits for it, instead of falling to Shopify's default (a write
// through the Storefront API and a page reload). Small on purpose: `<tote-cart>` imports it,
// and the eager part of the theme build carries it.
import { whenCart } from '../base/index.ts'

/** What `<tote-shopify-events>` hands over once it has a cart. */
export interface StandardHandlers {
  /** `updateCart(payload)` through the engine; resolves with the standard result. */
  updateCart(payload: unknown): Promise<unknown>
}

/** One configurable standard action, as Shopify's actions script defines it. */
interface StandardAction {
  configure(options: {
    handler: (defaultHandler: () => Promise<unknown>, payload?: unknown) => Promise<unknown>
    eventTarget?: () => EventTarget
  }): unknown
}

let current: StandardHandlers | null = null
const waiting: ((handlers: StandardHandlers) => void)[] = []
let configured = false

/** The handlers, now or once `<tote-shopify-events>` provides them. */
const handlers = (): Promise<StandardHandlers> =>
  current ? Promise.resolve(current) : new Promise((resolve) => waiting.push(resolve))

/**
 * Hands the engine's handlers to the configured actions (`<tote-shopify-events>` calls it
 * when it binds); calls waiting for them go on.
 *
 * @example
 * provideStandardHandlers({ updateCart: (payload) => updateCartWith(cart, payload, open) })
 */
export function provideStandardHandlers(provided: StandardHandlers): void {
  current = provided
  for (const resume of waiting.splice(0)) resume(provided)
}

/** Opens the page's `<tote-cart-drawer>`, once it is defined; `false` when there is none. */
async function openDrawer(root: Element): Promise<boolean> {
  const drawer = root.ownerDocument.querySelector('tote-cart-drawer')
  if (!drawer) return false
  void whenCart(root).catch(() => {})
  await customElements.whenDefined('tote-cart-drawer')
  ;(drawer as Element & { open(): void }).open()
  return true
}

/**
 * Configures `Shopify.actions.updateCart` and `openCart` for the cart of `root` when the page
 * has a `<tote-shopify-events>`: now if Shopify's actions script has run, else at
 * `DOMContentLoaded` (it is a module script, run by then). Once per page.
 *
 * @example
 * configureStandardActions(root) // in <tote-cart>'s connectedCallback
 */
export function configureStandardActions(root: HTMLElement): void {
  const document = root.ownerDocument
  /** Configures the actions; `false` when Shopify's actions script has not run yet. */
  const configure = (): boolean => {
    const actions = (globalThis as { Shopify?: { actions?: Record<string, StandardAction> } })
      .Shopify?.actions
    if (!actions) return false
    if (configured || !document.querySelector('tote-shopify-events')) return true
    configured = true
    actions.updateCart?.configure({
      eventTarget: () => document.querySelector('tote-cart-drawer') ?? root,
      handler: async (_default, payload) => {
        // Asks for the engine now; the handlers arrive with it.
        void whenCart(root).catch(() => {})
        return (await handlers()).updateCart(payload ?? {})
      },
    })
    actions.openCart?.configure({
      handler: async (defaultHandler) => {
        if (!(await openDrawer(root))) await defaultHandler()
      },
    })
    return true
  }
  // Deferred and module scripts run before DOMContentLoaded, Shopify's among them.
  if (!configure()) document.addEventListener('DOMContentLoaded', configure, { once: true })
}
