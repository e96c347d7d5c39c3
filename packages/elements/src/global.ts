// The one-script build (`dist/tote.global.js`): everything a theme needs, exposed as
// `window.Tote`, with the elements defined as soon as the script runs. Carts built from
// `<tote-cart>` attributes open recovery links and speak French or Norwegian by the page's
// language.
import { createRestAdapter } from '@tote/adapter-rest'
import { createShopifyAjaxAdapter } from '@tote/adapter-shopify-ajax'
import { ToteArgumentError } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import type { AdapterFactory } from './cart-root/index.ts'
import { defineToteElements } from './define/index.ts'

export { createRestAdapter } from '@tote/adapter-rest'
export { createShopifyAjaxAdapter } from '@tote/adapter-shopify-ajax'
export {
  createCart,
  formatMoney,
  isToteError,
  lineKey,
  ToteArgumentError,
  ToteError,
} from '@tote/core'
export { toGa4 } from '@tote/core/analytics'
export { fr } from '@tote/core/messages/fr'
export { nb } from '@tote/core/messages/nb'
export { recovery } from '@tote/core/recovery'
export * from './index.ts'

function attribute(root: HTMLElement, name: string): string {
  const value = root.getAttribute(name)
  if (!value)
    throw new ToteArgumentError(
      name,
      `<tote-cart adapter="${root.getAttribute('adapter')}"> needs a ${name} attribute`,
    )
  return value
}

/** The theme's locale-aware root (`/`, `/fr/`), as Shopify themes publish it. */
function shopifyRoot(): string {
  const shopify = (globalThis as { Shopify?: { routes?: { root?: unknown } } }).Shopify
  return typeof shopify?.routes?.root === 'string' ? shopify.routes.root : '/'
}

/**
 * The adapters `<tote-cart adapter="...">` can name in the one-script build: `rest` (with
 * `endpoint`, the Tote server's base URL) and `shopify-ajax` (the theme's own cart; optional
 * `routes-root`, default `Shopify.routes.root` else `/`, and `sections`, a comma-separated
 * list of theme sections to re-render with each write).
 *
 * @example
 * <tote-cart adapter="rest" endpoint="https://api.shop.example"></tote-cart>
 * <tote-cart adapter="shopify-ajax" sections="cart-drawer,cart-icon-bubble"></tote-cart>
 */
export const adapters: Record<string, AdapterFactory> = {
  rest: (root) => createRestAdapter({ baseUrl: attribute(root, 'endpoint') }),
  'shopify-ajax': (root) =>
    createShopifyAjaxAdapter({
      root: root.getAttribute('routes-root') ?? shopifyRoot(),
      sections: (root.getAttribute('sections') ?? '')
        .split(',')
        .map((section) => section.trim())
        .filter(Boolean),
    }),
}

defineToteElements({ adapters, recovery })
