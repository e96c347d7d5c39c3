import type {
  Cart,
  CartLineView,
  CartView,
  EmailCaptureState,
  LineAttributes,
  Notice,
  RecoveryReport,
  ToteError,
} from '@tote/core'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type RecoveryState,
  useCart,
  useCartAttributes,
  useCartCount,
  useCartLine,
  useCartNote,
  useCartStatus,
  useCartView,
  useCheckoutEmail,
  useDiscountCodes,
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
    expectTypeOf(useCheckoutEmail).returns.toHaveProperty('error').toEqualTypeOf<Error | null>()
    expectTypeOf(useCheckoutEmail)
      .returns.toHaveProperty('capture')
      .returns.toEqualTypeOf<Promise<boolean>>()
    expectTypeOf(useRecovery).parameter(0).toEqualTypeOf<string | null | undefined>()
    expectTypeOf(useCartLine).parameter(1).toEqualTypeOf<Cart | undefined>()
    expectTypeOf(useCartNote).returns.toHaveProperty('note').toEqualTypeOf<string>()
    expectTypeOf(useCartAttributes)
      .returns.toHaveProperty('attributes')
      .toEqualTypeOf<LineAttributes>()
    expectTypeOf(useDiscountCodes)
      .returns.toHaveProperty('codes')
      .toEqualTypeOf<CartView['discountCodes']>()
  })

  it('narrows the status by its error and the recovery state by its status', () => {
    const status = useCartStatus()
    if (status.error) {
      expectTypeOf(status.error).toEqualTypeOf<ToteError>()
      expectTypeOf(status.retryAt).toEqualTypeOf<Date>()
    } else {
      expectTypeOf(status.retryAt).toEqualTypeOf<null>()
    }
    const recovery: RecoveryState = useRecovery('https://shop.example/recover?token=t')
    if (recovery.status === 'done') {
      expectTypeOf(recovery.report).toEqualTypeOf<Pick<RecoveryReport, 'counts'>>()
      expectTypeOf(recovery.error).toEqualTypeOf<null>()
    }
    if (recovery.status === 'error') {
      expectTypeOf(recovery.error).toEqualTypeOf<Error>()
      expectTypeOf(recovery.report).toEqualTypeOf<null>()
    }
  })
})
