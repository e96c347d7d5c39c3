// `<tote-cart adapter="shopify-ajax">`: in the theme build, a module of its own, loaded with
// the engine only on pages that name it.
import { createShopifyAjaxAdapter } from '@tote/adapter-shopify-ajax'
import type { AdapterFactory } from '../cart-root/index.ts'

export { createShopifyAjaxAdapter }

/** The theme's locale-aware root (`/`, `/fr/`), as Shopify themes publish it. */
function shopifyRoot(): string {
  const shopify = (globalThis as { Shopify?: { routes?: { root?: unknown } } }).Shopify
  return typeof shopify?.routes?.root === 'string' ? shopify.routes.root : '/'
}

/**
 * `<tote-cart adapter="shopify-ajax">`: the theme's own cart. `routes-root` (default
 * `Shopify.routes.root`, else `/`) is the shop's locale-aware root; `sections`, a
 * comma-separated list of theme sections to re-render with each write.
 *
 * @example
 * <tote-cart adapter="shopify-ajax" sections="cart-drawer,cart-icon-bubble"></tote-cart>
 */
export const shopifyAjax: AdapterFactory = (root) =>
  createShopifyAjaxAdapter({
    root: root.getAttribute('routes-root') ?? shopifyRoot(),
    sections: (root.getAttribute('sections') ?? '')
      .split(',')
      .map((section) => section.trim())
      .filter(Boolean),
  })
