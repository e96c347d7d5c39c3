import type { CartSnapshot } from '../model/index.ts'
import type { Change } from './intents.ts'

// Shared by the sync modules' unit tests; not part of any entry point.

const EUR = (amount: number) => ({ amount, currency: 'EUR' })

/** A confirmed cart of `lines` ([key, quantity]) at €5 each. */
export function snapshot(
  lines: [key: string, quantity: number][],
  patch: Partial<CartSnapshot> = {},
) {
  return {
    id: 'cart-1',
    version: 1,
    status: 'active',
    currency: 'EUR',
    lines: lines.map(([key, quantity]) => ({
      id: `line-${key}`,
      key,
      quantity,
      attributes: {},
      merchandise: {
        id: key,
        title: key,
        productTitle: `Product ${key}`,
        available: true,
        quantityAvailable: null,
        price: EUR(500),
        compareAtPrice: null,
        image: null,
        options: [],
      },
      cost: { unitPrice: EUR(500), subtotal: EUR(500 * quantity), total: EUR(500 * quantity) },
    })),
    cost: { subtotal: EUR(0), total: EUR(0), discount: null, tax: null },
    note: '',
    attributes: {},
    discountCodes: [],
    email: null,
    checkoutUrl: null,
    updatedAt: '2026-11-29T12:00:00.000Z',
    ...patch,
  } as unknown as CartSnapshot
}

/** A line change to `quantity`. */
export const line = (key: string, quantity: number): Change => ({
  kind: 'line',
  key,
  merchandiseId: key,
  attributes: {},
  quantity,
  merchandise: null,
})
