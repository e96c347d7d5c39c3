import type { CartAdapter } from '@tote/core/adapter'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type CartPermalink,
  createShopifyAdapter,
  type MAX_LINES_PER_MUTATION,
  parseCartPermalink,
  type ShopifyAdapterOptions,
  type STOREFRONT_API_VERSION,
} from './index.ts'

describe('public API', () => {
  it('creates a CartAdapter from an options object', () => {
    expectTypeOf(createShopifyAdapter).parameter(0).toEqualTypeOf<ShopifyAdapterOptions>()
    expectTypeOf(createShopifyAdapter).returns.toExtend<CartAdapter>()
    expectTypeOf(createShopifyAdapter).returns.toHaveProperty('setContext')
    expectTypeOf<ShopifyAdapterOptions>().toHaveProperty('storeDomain').toEqualTypeOf<string>()
    expectTypeOf<ShopifyAdapterOptions['country']>().toEqualTypeOf<string | undefined>()
    // @ts-expect-error the access token is required
    createShopifyAdapter({ storeDomain: 'shop.myshopify.com' })
    // @ts-expect-error a private token goes with the buyer's IP
    createShopifyAdapter({ storeDomain: 's', privateAccessToken: 'p' })
    // @ts-expect-error one token or the other, not both
    createShopifyAdapter({
      storeDomain: 's',
      publicAccessToken: 't',
      privateAccessToken: 'p',
      buyerIp: '1.2.3.4',
    })
  })

  it('exposes the pinned version and the permalink parser', () => {
    expectTypeOf<typeof STOREFRONT_API_VERSION>().toEqualTypeOf<'2026-04'>()
    expectTypeOf(parseCartPermalink).returns.toEqualTypeOf<CartPermalink>()
  })

  it('exposes the per-mutation line limit as a number', () => {
    expectTypeOf<typeof MAX_LINES_PER_MUTATION>().toEqualTypeOf<250>()
  })
})
