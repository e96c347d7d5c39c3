export type { CartPermalink } from '@tote/core'
export { parseCartPermalink } from '@tote/core'
export type { ShopifyAdapterOptions } from './adapter/index.ts'
export {
  createShopifyAdapter,
  MAX_LINES_PER_MUTATION,
  STOREFRONT_API_VERSION,
} from './adapter/index.ts'
export { storefrontCartId, variantGid } from './ids/index.ts'
