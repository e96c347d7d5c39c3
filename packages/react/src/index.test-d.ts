import type { Cart, CartLineView, CartView, EmailCaptureState, Notice } from '@tote/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  useCart,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
  useNotices,
  useRecovery,
} from './index.ts'

describe('@tote/react types', () => {
  it('types every hook', () => {
    expectTypeOf(useCart).returns.toEqualTypeOf<Cart>()
    expectTypeOf(useCartView).returns.toEqualTypeOf<CartView>()
    expectTypeOf(useCartLine).returns.toEqualTypeOf<CartLineView | undefined>()
    expectTypeOf(useCartCount).returns.toEqualTypeOf<number>()
    expectTypeOf(useNotices).returns.toHaveProperty('notices').toEqualTypeOf<readonly Notice[]>()
    expectTypeOf(useCheckoutEmail)
      .returns.toHaveProperty('state')
      .toEqualTypeOf<EmailCaptureState>()
    expectTypeOf(useRecovery).parameter(0).toEqualTypeOf<string | null | undefined>()
    expectTypeOf(useCartLine).parameter(1).toEqualTypeOf<Cart | undefined>()
  })
})
