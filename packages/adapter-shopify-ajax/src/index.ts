export type { ShopifyAjaxAdapterOptions } from './adapter/index.ts'
export { classifyRefusal, createShopifyAjaxAdapter, MAX_SECTIONS } from './adapter/index.ts'
export type { CartPermalink } from './permalink/index.ts'
export { parseCartPermalink } from './permalink/index.ts'
