export type { ShopifyAdapterOptions } from './adapter/index.ts'
export {
  createShopifyAdapter,
  STOREFRONT_API_VERSION,
  storefrontCartId,
  variantGid,
} from './adapter/index.ts'
export type { CartPermalink } from './permalink/index.ts'
export { parseCartPermalink } from './permalink/index.ts'
