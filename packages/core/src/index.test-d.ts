import type { ReadableAtom } from 'nanostores'
import { describe, expectTypeOf, it } from 'vitest'
import { moneyFromDecimalString } from './adapter/index.ts'
import {
  type Cart,
  type CartLine,
  type CartLineView,
  type CartOptions,
  type CartSnapshot,
  type CartSyncStatus,
  type CartView,
  createCart,
  type EstimatedMoney,
  formatMoney,
  isToteError,
  lineKey,
  type Merchandise,
  type Money,
  money,
  type Notice,
  type ToteArgumentError,
  type ToteError,
  type ToteErrorCode,
} from './index.ts'
import { fr } from './messages/fr.ts'
import { recovery } from './recovery/index.ts'

describe('Money', () => {
  it('is integer minor units and a currency code', () => {
    expectTypeOf<Money>().toEqualTypeOf<{ amount: number; currency: string }>()
  })

  it('is made and formatted by plain functions', () => {
    expectTypeOf(money).parameters.toEqualTypeOf<[amount: number, currency: string]>()
    expectTypeOf(money).returns.toEqualTypeOf<Money>()
    expectTypeOf(moneyFromDecimalString).parameter(0).toEqualTypeOf<string>()
    expectTypeOf(formatMoney).returns.toEqualTypeOf<string>()
    expectTypeOf(formatMoney).parameter(1).toEqualTypeOf<{ locale?: string } | undefined>()
  })
})

describe('createCart', () => {
  it('takes options and returns a Cart', () => {
    expectTypeOf(createCart).parameters.toEqualTypeOf<[options: CartOptions]>()
    expectTypeOf(createCart).returns.toEqualTypeOf<Cart>()
  })

  it('exposes read-only stores for rendering', () => {
    const cart = createCart({} as CartOptions)
    expectTypeOf(cart.$cart).toEqualTypeOf<ReadableAtom<CartView>>()
    expectTypeOf(cart.$lines).toEqualTypeOf<ReadableAtom<readonly CartLineView[]>>()
    expectTypeOf(cart.$count).toEqualTypeOf<ReadableAtom<number>>()
    expectTypeOf(cart.$subtotal).toEqualTypeOf<ReadableAtom<EstimatedMoney>>()
    expectTypeOf(cart.$status).toEqualTypeOf<ReadableAtom<CartSyncStatus>>()
    expectTypeOf(cart.$notices).toEqualTypeOf<ReadableAtom<readonly Notice[]>>()
    expectTypeOf(cart.line).returns.toEqualTypeOf<ReadableAtom<CartLineView | undefined>>()
    expectTypeOf(cart.$count).not.toHaveProperty('set')
  })

  it('has actions that take named inputs', () => {
    const cart = createCart({} as CartOptions)
    expectTypeOf(cart.add).returns.toEqualTypeOf<string>()
    expectTypeOf(cart.add).parameter(0).toHaveProperty('merchandiseId').toEqualTypeOf<string>()
    expectTypeOf(cart.setQuantity).parameters.toEqualTypeOf<[lineKey: string, quantity: number]>()
    expectTypeOf(cart.remove).returns.toBeVoid()
    expectTypeOf(cart.destroy).returns.toBeVoid()
    expectTypeOf(cart.settled).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf(cart.confirmed).toEqualTypeOf<CartSnapshot | null>()
  })

  it('takes recovery and languages as modules', () => {
    expectTypeOf({ recovery }).toExtend<Partial<CartOptions>>()
    expectTypeOf({ locale: 'fr', messages: fr }).toExtend<Partial<CartOptions>>()
    expectTypeOf({ messages: { ...fr, out_of_stock: '%{title} : épuisé.' } }).toExtend<
      Partial<CartOptions>
    >()
    // @ts-expect-error: recovery is the module from @tote/core/recovery, not a flag
    createCart({ adapter: {} as CartOptions['adapter'], recovery: true })
    // @ts-expect-error: a message key that does not exist
    createCart({ adapter: {} as CartOptions['adapter'], messages: { out_of_stok: 'x' } })
  })

  it('shows an estimated subtotal that may be unknown', () => {
    expectTypeOf<EstimatedMoney['amount']>().toEqualTypeOf<Money | null>()
    expectTypeOf<EstimatedMoney['estimated']>().toEqualTypeOf<boolean>()
  })
})

describe('CartSnapshot', () => {
  it('has the fields the backend confirms', () => {
    expectTypeOf<CartSnapshot['id']>().toEqualTypeOf<string>()
    expectTypeOf<CartSnapshot['version']>().toEqualTypeOf<number>()
    expectTypeOf<CartSnapshot['status']>().toEqualTypeOf<'active' | 'completed'>()
    expectTypeOf<CartSnapshot['currency']>().toEqualTypeOf<string>()
    expectTypeOf<CartSnapshot['lines']>().toEqualTypeOf<CartLine[]>()
    expectTypeOf<CartSnapshot['email']>().toEqualTypeOf<string | null>()
    expectTypeOf<CartSnapshot['note']>().toEqualTypeOf<string>()
    expectTypeOf<CartSnapshot['attributes']>().toEqualTypeOf<Record<string, string>>()
    expectTypeOf<CartSnapshot['discountCodes']>().toEqualTypeOf<
      { code: string; applicable: boolean }[]
    >()
    expectTypeOf<CartSnapshot['checkoutUrl']>().toEqualTypeOf<string | null>()
    expectTypeOf<CartSnapshot['updatedAt']>().toEqualTypeOf<string>()
  })

  it('has costs in Money, with discount and tax when known', () => {
    expectTypeOf<CartSnapshot['cost']>().toEqualTypeOf<{
      subtotal: Money
      total: Money
      discount: Money | null
      tax: Money | null
    }>()
  })

  it('has lines with a key, a backend id when known, and merchandise', () => {
    expectTypeOf<CartLine['key']>().toEqualTypeOf<string>()
    expectTypeOf<CartLine['id']>().toEqualTypeOf<string | null>()
    expectTypeOf<CartLine['quantity']>().toEqualTypeOf<number>()
    expectTypeOf<CartLine['merchandise']>().toEqualTypeOf<Merchandise>()
    expectTypeOf<CartLine['cost']>().toEqualTypeOf<{
      unitPrice: Money
      subtotal: Money
      total: Money
    }>()
    expectTypeOf<Merchandise['quantityAvailable']>().toEqualTypeOf<number | null>()
    expectTypeOf<Merchandise['compareAtPrice']>().toEqualTypeOf<Money | null>()
  })
})

describe('errors', () => {
  it('narrows unknown values to ToteError', () => {
    expectTypeOf(isToteError).guards.toEqualTypeOf<ToteError>()
    expectTypeOf(isToteError).parameter(1).toEqualTypeOf<ToteErrorCode | undefined>()
    expectTypeOf<ToteError['code']>().toEqualTypeOf<ToteErrorCode>()
    expectTypeOf<ToteArgumentError>().toExtend<ToteError>()
    expectTypeOf<ToteArgumentError['argument']>().toEqualTypeOf<string>()
  })

  it('has the codes callers branch on', () => {
    expectTypeOf<'invalid_argument' | 'network' | 'cart_completed'>().toExtend<ToteErrorCode>()
    expectTypeOf<'not_a_code'>().not.toExtend<ToteErrorCode>()
  })
})

describe('line keys', () => {
  it('makes a line key from an id, optional attributes and an optional selling plan', () => {
    expectTypeOf(lineKey).parameters.toEqualTypeOf<
      [
        merchandiseId: string,
        attributes?: Readonly<Record<string, string>>,
        sellingPlanId?: string | null,
      ]
    >()
    expectTypeOf(lineKey).returns.toEqualTypeOf<string>()
  })
})
