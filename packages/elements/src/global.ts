// The one-script build (`dist/tote.global.js`): everything a theme needs in one classic
// script — core, both theme adapters, recovery, the languages and every element — as
// `window.Tote`, which is in place before any element is defined. Carts built from
// `<tote-cart>` attributes open recovery links and speak French or Norwegian by the page's
// language.
import { whenCart } from './base/index.ts'
import type { AdapterFactory } from './cart-root/index.ts'
import { defineToteElements } from './define/index.ts'
import * as engine from './theme/engine.ts'
import { installTote } from './theme/install.ts'
import { recovery } from './theme/recovery.ts'
import { createRestAdapter, rest } from './theme/rest.ts'
import { createShopifyAjaxAdapter, shopifyAjax } from './theme/shopify-ajax.ts'

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
export const adapters: Record<string, AdapterFactory> = { rest, 'shopify-ajax': shopifyAjax }

/**
 * `window.Tote` in the one-script build: the engine's whole API, the adapters, and `load`,
 * which resolves at once (the theme build's `load` fetches the engine first).
 */
const Tote = {
  ...engine,
  recovery,
  adapters,
  createRestAdapter,
  createShopifyAjaxAdapter,
  whenCart,
  load: (): Promise<typeof engine> => Promise.resolve(engine),
}

installTote(Tote)
defineToteElements({ adapters, recovery })
