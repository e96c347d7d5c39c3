// Test support: a confirmed cart with one engraved mug line, and its events.
import type { CartLine, CartSnapshot } from '../model/index.ts'
import { money } from '../money/index.ts'
import type { EmailCapturedEvent } from './index.ts'

/** A confirmed line: two blue mugs engraved "Ada", at 12.50 € each. */
export const mugLine: CartLine = {
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

/** A confirmed cart with {@link mugLine}, one applied and one refused discount code. */
export const cart: CartSnapshot = {
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

/** The shopper's email was captured, with consent. */
export const emailCaptured: EmailCapturedEvent = {
  type: 'email_captured',
  cartId: 'cart-1',
  consent: true,
  value: money(2250, 'EUR'),
}
