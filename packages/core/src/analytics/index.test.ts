import { describe, expect, it } from 'vitest'
import { cartRecoveredEvent, checkoutStartedEvent, lineChangeEvent } from '../events/index.ts'
import { cart, emailCaptured, mugLine } from '../events/test-fixtures.ts'
import { money } from '../money/index.ts'
import { CART_EVENT_TYPES, toGa4 } from './index.ts'

describe('toGa4', () => {
  it('maps a line added to add_to_cart, with prices in major units', () => {
    const event = lineChangeEvent(mugLine, { from: 0, to: 2, cartId: 'cart-1' })!
    expect(toGa4(event)).toEqual({
      name: 'add_to_cart',
      params: {
        currency: 'EUR',
        value: 25,
        items: [
          {
            item_id: 'v1',
            item_name: 'Mug',
            item_variant: 'Blue',
            price: 12.5,
            quantity: 2,
            currency: 'EUR',
          },
        ],
      },
    })
  })

  it('maps a quantity change by its sign', () => {
    const less = lineChangeEvent(mugLine, { from: 5, to: 2, cartId: 'cart-1' })!
    expect(toGa4(less)).toMatchObject({
      name: 'remove_from_cart',
      params: { value: 37.5, items: [{ quantity: 3 }] },
    })
    const more = lineChangeEvent(mugLine, { from: 2, to: 3, cartId: 'cart-1' })!
    expect(toGa4(more)).toMatchObject({ name: 'add_to_cart', params: { value: 12.5 } })
    const removed = lineChangeEvent(mugLine, { from: 1, to: 0, cartId: 'cart-1' })!
    expect(toGa4(removed).name).toBe('remove_from_cart')
  })

  it('uses the currency’s own digits for major units', () => {
    const yen = {
      ...mugLine,
      cost: { ...mugLine.cost, unitPrice: money(1500, 'JPY') },
    }
    const event = lineChangeEvent(yen, { from: 0, to: 1, cartId: null })!
    expect(toGa4(event).params).toMatchObject({ currency: 'JPY', value: 1500 })
  })

  it('maps checkout to begin_checkout with the applied codes as coupon', () => {
    expect(toGa4(checkoutStartedEvent(cart))).toEqual({
      name: 'begin_checkout',
      params: {
        currency: 'EUR',
        value: 22.5,
        coupon: 'WELCOME10',
        items: [
          {
            item_id: 'v1',
            item_name: 'Mug',
            item_variant: 'Blue',
            price: 12.5,
            quantity: 2,
            currency: 'EUR',
          },
        ],
      },
    })
  })

  it('maps email capture to generate_lead without the address', () => {
    const ga4 = toGa4(emailCaptured)
    expect(ga4).toEqual({
      name: 'generate_lead',
      params: { currency: 'EUR', value: 22.5, lead_source: 'checkout_email' },
    })
    // docs/domain.md R2: cart data (the shopper's address) never goes to a third party.
    expect(JSON.stringify(ga4)).not.toContain('@')
    expect(JSON.stringify(emailCaptured)).not.toContain('@')
  })

  it('maps a recovery to the custom cart_recovered event with its counts', () => {
    const event = cartRecoveredEvent(cart, {
      removed: 2,
      lowered: 1,
      repriced: 0,
      currencyChanged: 0,
    })
    expect(toGa4(event)).toMatchObject({
      name: 'cart_recovered',
      params: {
        currency: 'EUR',
        value: 22.5,
        lines_removed: 2,
        lines_lowered: 1,
        lines_repriced: 0,
        currency_changed: false,
        items: [{ item_id: 'v1', quantity: 2 }],
      },
    })
  })

  it('maps every event type', () => {
    const names = new Set(
      [
        lineChangeEvent(mugLine, { from: 0, to: 1, cartId: null })!,
        lineChangeEvent(mugLine, { from: 1, to: 0, cartId: null })!,
        lineChangeEvent(mugLine, { from: 1, to: 4, cartId: null })!,
        emailCaptured,
        checkoutStartedEvent(cart),
        cartRecoveredEvent(cart, { removed: 0, lowered: 0, repriced: 0, currencyChanged: 1 }),
      ].map((event) => event.type),
    )
    expect([...names].sort()).toEqual([...CART_EVENT_TYPES].sort())
  })
})
