export type { CartPermalink } from '@tote/core/adapter'
export { parseCartPermalink } from '@tote/core/adapter'
export type {
  ShopifyAdapter,
  ShopifyAdapterOptions,
  ShopifyAdapterSettings,
  ShopifyBuyer,
  ShopifyContext,
  ShopifyTokens,
  ShopifyVisitorConsent,
} from './adapter/index.ts'
export {
  createShopifyAdapter,
  MAX_LINES_PER_MUTATION,
  STOREFRONT_API_VERSION,
} from './adapter/index.ts'
export { storefrontCartId, variantGid } from './ids/index.ts'
