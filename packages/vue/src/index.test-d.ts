import type {
  Cart,
  CartLineView,
  CartView,
  LineAttributes,
  Notice,
  RecoveryReport,
  ToteError,
} from '@tote/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { InjectionKey } from 'vue'
import {
  CartKey,
  type ReadonlyRef,
  useCartAttributes,
  useCartCount,
  useCartLine,
  useCartNote,
  useCartStatus,
  useCheckoutEmail,
  useDiscountCodes,
  useNotices,
  useRecovery,
} from './index.ts'

describe('@tote/vue types', () => {
  it('types the injection key and the composables', () => {
    expectTypeOf(CartKey).toEqualTypeOf<InjectionKey<Cart>>()
    expectTypeOf(useCartCount).returns.toEqualTypeOf<ReadonlyRef<number>>()
    expectTypeOf(useCartLine).returns.toEqualTypeOf<ReadonlyRef<CartLineView | undefined>>()
    expectTypeOf(useNotices)
      .returns.toHaveProperty('notices')
      .toEqualTypeOf<ReadonlyRef<readonly Notice[]>>()
    expectTypeOf(useCheckoutEmail)
      .returns.toHaveProperty('error')
      .toEqualTypeOf<ReadonlyRef<Error | null>>()
    expectTypeOf(useCartNote).returns.toHaveProperty('note').toEqualTypeOf<ReadonlyRef<string>>()
    expectTypeOf(useCartAttributes)
      .returns.toHaveProperty('attributes')
      .toEqualTypeOf<ReadonlyRef<LineAttributes>>()
    expectTypeOf(useDiscountCodes)
      .returns.toHaveProperty('codes')
      .toEqualTypeOf<ReadonlyRef<CartView['discountCodes']>>()
  })

  it('narrows the status by its error and the recovery state by its status', () => {
    const status = useCartStatus().status.value
    if (status.error) expectTypeOf(status.retryAt).toEqualTypeOf<Date>()
    if (status.error) expectTypeOf(status.error).toEqualTypeOf<ToteError>()
    const recovery = useRecovery('https://shop.example/recover?token=t').value
    if (recovery.status === 'done') {
      expectTypeOf(recovery.report).toEqualTypeOf<Pick<RecoveryReport, 'counts'>>()
    }
    if (recovery.status === 'error') expectTypeOf(recovery.error).toEqualTypeOf<Error>()
  })
})
