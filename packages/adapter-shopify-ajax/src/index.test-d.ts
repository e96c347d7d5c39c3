import type { CartAdapter } from '@tote/core/adapter'
import { describe, expectTypeOf, it } from 'vitest'
import {
  classifyRefusal,
  createShopifyAjaxAdapter,
  type ShopifyAjaxAdapterOptions,
} from './index.ts'

describe('public API', () => {
  it('creates a CartAdapter, every option optional', () => {
    expectTypeOf(createShopifyAjaxAdapter).returns.toEqualTypeOf<CartAdapter>()
    expectTypeOf(createShopifyAjaxAdapter).toBeCallableWith()
    expectTypeOf<ShopifyAjaxAdapterOptions['sections']>().toEqualTypeOf<
      readonly string[] | undefined
    >()
    // @ts-expect-error sections are ids, not elements
    createShopifyAjaxAdapter({ sections: [1] })
  })

  it('classifies refusals into notice codes or null', () => {
    expectTypeOf(classifyRefusal).returns.toEqualTypeOf<
      'out_of_stock' | 'insufficient_stock' | null
    >()
  })
})
