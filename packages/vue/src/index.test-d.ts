import type { Cart, CartLineView, Notice } from '@tote/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { InjectionKey } from 'vue'
import { CartKey, type ReadonlyRef, useCartCount, useCartLine, useNotices } from './index.ts'

describe('@tote/vue types', () => {
  it('types the injection key and the composables', () => {
    expectTypeOf(CartKey).toEqualTypeOf<InjectionKey<Cart>>()
    expectTypeOf(useCartCount).returns.toEqualTypeOf<ReadonlyRef<number>>()
    expectTypeOf(useCartLine).returns.toEqualTypeOf<ReadonlyRef<CartLineView | undefined>>()
    expectTypeOf(useNotices)
      .returns.toHaveProperty('notices')
      .toEqualTypeOf<ReadonlyRef<readonly Notice[]>>()
  })
})
