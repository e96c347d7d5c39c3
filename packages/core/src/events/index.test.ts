import { describe, expect, it, vi } from 'vitest'
import type { CartLine, CartSnapshot } from '../model/index.ts'
import { money } from '../money/index.ts'
import {
  CART_EVENT_TYPES,
  type CartEvents,
  cartRecoveredEvent,
  checkoutStartedEvent,
  createEmitter,
  type EmailCapturedEvent,
  type EventLineSource,
  lineChangeEvent,
  toGa4,
} from './index.ts'

const mugLine: CartLine = {
  key: 'v1?engraving=Ada',
  id: 'line-1',
  merchandise: {
    id: 'v1',
    productId: 'p1',
    productTitle: 'Mug',
    title: 'Blue',
    image: null,
    options: [],
    price: money(1250, 'EUR'),
    compareAtPrice: null,
    available: true,
    quantityAvailable: null,
  },
  quantity: 2,
  attributes: { engraving: 'Ada' },
  cost: {
    unitPrice: money(1250, 'EUR'),
    subtotal: money(2500, 'EUR'),
    total: money(2500, 'EUR'),
  },
}

const cart: CartSnapshot = {
  id: 'cart-1',
  version: 3,
  status: 'active',
  currency: 'EUR',
  lines: [mugLine],
  cost: {
    subtotal: money(2500, 'EUR'),
    total: money(2250, 'EUR'),
    discount: money(250, 'EUR'),
    tax: null,
  },
  email: 'ada@example.com',
  note: '',
  attributes: {},
  discountCodes: [
    { code: 'WELCOME10', applicable: true },
    { code: 'EXPIRED', applicable: false },
  ],
  checkoutUrl: 'https://shop.example/checkout',
  updatedAt: '2026-11-20T10:00:00Z',
}

describe('createEmitter', () => {
  it('calls listeners of the emitted type, in order, until they unsubscribe', () => {
    const events = createEmitter<{ ping: number; pong: string }>()
    const calls: string[] = []
    const offFirst = events.on('ping', (n) => calls.push(`first ${n}`))
    events.on('ping', (n) => calls.push(`second ${n}`))
    events.on('pong', (s) => calls.push(`pong ${s}`))
    events.emit('ping', 1)
    offFirst()
    offFirst()
    events.emit('ping', 2)
    expect(calls).toEqual(['first 1', 'second 1', 'second 2'])
  })

  it('stops a listener with off, and counts the same listener once', () => {
    const events = createEmitter<{ ping: number }>()
    const listener = vi.fn()
    events.on('ping', listener)
    events.on('ping', listener)
    events.emit('ping', 1)
    events.off('ping', listener)
    events.emit('ping', 2)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledWith(1)
  })

  it('lets a listener added during an emit wait for the next event', () => {
    const events = createEmitter<{ ping: number }>()
    const late = vi.fn()
    events.on('ping', () => events.on('ping', late))
    events.emit('ping', 1)
    expect(late).not.toHaveBeenCalled()
    events.emit('ping', 2)
    expect(late).toHaveBeenCalledWith(2)
  })

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const onError = vi.fn()
    const events = createEmitter<{ ping: number }>({ onError })
    const after = vi.fn()
    const failure = new Error('analytics script broke')
    events.on('ping', () => {
      throw failure
    })
    events.on('ping', after)
    expect(() => events.emit('ping', 1)).not.toThrow()
    expect(after).toHaveBeenCalledWith(1)
    expect(onError).toHaveBeenCalledWith(failure)
  })

  it('emits nothing when nobody listens', () => {
    expect(() => createEmitter<CartEvents>().emit('email_captured', emailCaptured)).not.toThrow()
  })
})

const emailCaptured: EmailCapturedEvent = {
  type: 'email_captured',
  cartId: 'cart-1',
  consent: true,
  value: money(2250, 'EUR'),
}

describe('lineChangeEvent', () => {
  it('names the change after the quantities: added, removed or changed', () => {
    expect(lineChangeEvent(mugLine, { from: 0, to: 2, cartId: null })).toEqual({
      type: 'line_added',
      cartId: null,
      lineKey: 'v1?engraving=Ada',
      merchandiseId: 'v1',
      quantityDelta: 2,
      quantity: 2,
      value: money(2500, 'EUR'),
      item: {
        lineKey: 'v1?engraving=Ada',
        merchandiseId: 'v1',
        productId: 'p1',
        title: 'Mug',
        variant: 'Blue',
        unitPrice: money(1250, 'EUR'),
        quantity: 2,
      },
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 0, cartId: 'cart-1' })).toMatchObject({
      type: 'line_removed',
      quantityDelta: -2,
      quantity: 0,
      value: money(2500, 'EUR'),
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 5, cartId: 'cart-1' })).toMatchObject({
      type: 'quantity_changed',
      quantityDelta: 3,
      value: money(3750, 'EUR'),
      item: { quantity: 3 },
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 2, cartId: 'cart-1' })).toBeNull()
  })

  it('has no value for an optimistic line whose price is not known yet', () => {
    const optimistic: EventLineSource = {
      key: 'v9',
      merchandiseId: 'v9',
      merchandise: null,
      cost: { unitPrice: null },
    }
    const event = lineChangeEvent(optimistic, { from: 0, to: 1, cartId: null })
    expect(event).toMatchObject({ merchandiseId: 'v9', value: null, item: { title: '' } })
  })
})

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
    // DOMAIN R2: cart data (the shopper's address) never goes to a third party.
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
