import { describe, expect, it } from 'vitest'
import type { AdapterCapabilities, CartAdapter, CartOp, CartSnapshot } from '../adapter/index.ts'
import { militaryAddressRules } from '../address/index.ts'
import { isToteError } from '../errors/index.ts'
import { createCart } from './index.ts'

// Cart details: delivery address, buyer phone, gift cards and metafields, set through the
// cart and sent as setDetail ops, refused when the adapter cannot set them.

function detailAdapter(
  details: AdapterCapabilities['details'],
): CartAdapter & { writes: CartOp[][] } {
  const writes: CartOp[][] = []
  let cart: CartSnapshot = {
    id: 'cart-1',
    version: 1,
    status: 'active',
    currency: 'EUR',
    lines: [],
    cost: {
      subtotal: { amount: 0, currency: 'EUR' },
      total: { amount: 0, currency: 'EUR' },
      discount: null,
      tax: null,
    },
    email: null,
    note: '',
    attributes: {},
    discountCodes: [],
    checkoutUrl: null,
    updatedAt: '2026-11-29T09:00:00.000Z',
  }
  const write = (ops: readonly CartOp[]) => {
    writes.push([...ops])
    const next = { ...cart.details }
    for (const op of ops) {
      if (op.type !== 'setDetail') continue
      // Like Shopify, gift cards come back as their last four characters.
      const value = op.name === 'giftCardCodes' ? op.value.map((code) => code.slice(-4)) : op.value
      Object.assign(next, { [op.name]: value })
    }
    cart = { ...cart, version: cart.version + 1, details: next }
    return Promise.resolve({ cart, notices: [] })
  }
  return {
    name: 'details',
    capabilities: {
      email: false,
      recovery: false,
      notes: true,
      attributes: true,
      discounts: true,
      idempotency: false,
      ...(details ? { details } : {}),
    },
    writes,
    create: (input) => write(input.ops),
    get: () => Promise.resolve(cart),
    apply: (_id, ops) => write(ops),
    captureEmail: () => Promise.reject(new Error('not here')),
    merchandise: () => Promise.resolve([]),
    recover: () => Promise.reject(new Error('not here')),
  }
}

const storage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

describe('cart details', () => {
  it('stores no gift card code, and the address and phone only with persistEmail', async () => {
    for (const persistEmail of [false, true]) {
      const adapter = detailAdapter(['deliveryAddress', 'buyerPhone', 'giftCardCodes'])
      const store = storage()
      const items: string[] = []
      const setItem = store.setItem
      store.setItem = (key, value) => {
        items.push(value)
        setItem(key, value)
      }
      const cart = createCart({ adapter, persistEmail, env: { storage: store } })
      // The cart exists first: while its creation is in flight, the changes it carries are
      // stored whole, so a reload resends them and never makes a second cart.
      cart.setNote('Ring twice')
      await cart.settled()
      items.length = 0
      cart.setDeliveryAddress({
        address1: '9 Storgata',
        city: 'Oslo',
        zip: '0155',
        countryCode: 'NO',
      })
      cart.setBuyerPhone('+4712345678')
      cart.applyGiftCardCode('GIFT-SECRET-9876')
      await cart.settled()
      const stored = items.join('\n')
      expect(items.length).toBeGreaterThan(0)
      expect(stored).not.toContain('GIFT-SECRET')
      expect(stored.includes('Storgata'), `persistEmail: ${persistEmail}`).toBe(persistEmail)
      expect(stored.includes('+4712345678'), `persistEmail: ${persistEmail}`).toBe(persistEmail)
      cart.destroy()
    }
  })

  it('sends a delivery address, a phone, gift cards and metafields as setDetail ops', async () => {
    const adapter = detailAdapter(['deliveryAddress', 'buyerPhone', 'giftCardCodes', 'metafields'])
    const cart = createCart({ adapter, env: { storage: storage() } })
    const address = { address1: '1 Rue de Rivoli', city: 'Paris', zip: '75001', countryCode: 'FR' }
    cart.setDeliveryAddress(address)
    cart.setBuyerPhone('+33612345678')
    cart.applyGiftCardCode('GIFT-AAAA-1234')
    cart.setMetafield('gift_wrap', 'true')
    expect(cart.$cart.get().details).toEqual({
      deliveryAddress: address,
      buyerPhone: '+33612345678',
      giftCardCodes: ['GIFT-AAAA-1234'],
      metafields: { gift_wrap: 'true' },
    })
    await cart.settled()
    expect(adapter.writes.flat()).toEqual(
      expect.arrayContaining([
        { type: 'setDetail', name: 'deliveryAddress', value: address },
        { type: 'setDetail', name: 'buyerPhone', value: '+33612345678' },
        { type: 'setDetail', name: 'giftCardCodes', value: ['GIFT-AAAA-1234'] },
        { type: 'setDetail', name: 'metafields', value: { gift_wrap: 'true' } },
      ]),
    )
    // The confirmed card shows its last characters; removing by them removes it.
    expect(cart.$cart.get().details?.giftCardCodes).toEqual(['1234'])
    cart.removeGiftCardCode('1234')
    await cart.settled()
    expect(adapter.writes.at(-1)).toEqual([{ type: 'setDetail', name: 'giftCardCodes', value: [] }])
    cart.destroy()
  })

  it('refuses a detail the adapter cannot set, and a malformed one, before anything is sent', () => {
    const adapter = detailAdapter(['buyerPhone'])
    const cart = createCart({ adapter, env: { storage: storage() } })
    const unsupported = (() => {
      try {
        cart.applyGiftCardCode('GIFT-1234')
      } catch (error) {
        return error
      }
    })()
    expect(isToteError(unsupported, 'unsupported')).toBe(true)
    expect((unsupported as Error).message).toMatch(/cannot set giftCardCodes/)
    expect(() => cart.setBuyerPhone('555-1234')).toThrow(/E\.164/)
    expect(adapter.writes).toEqual([])
    cart.destroy()
  })

  it('applies the address rules it is given before queuing the address (docs/domain.md R16)', () => {
    const adapter = detailAdapter(['deliveryAddress'])
    const cart = createCart({
      adapter,
      env: { storage: storage() },
      addressRules: militaryAddressRules,
    })
    expect(() =>
      cart.setDeliveryAddress({
        address1: 'Box 5678',
        city: 'APO',
        provinceCode: 'AE',
        countryCode: 'US',
      }),
    ).toThrow(/address\.address1.*R16.*PSC and BOX/)
    expect(cart.$cart.get().details).toBeUndefined()
    cart.setDeliveryAddress({
      address1: 'PSC 1234, Box 5678',
      city: 'APO',
      provinceCode: 'AE',
      countryCode: 'US',
    })
    expect(cart.$cart.get().details?.deliveryAddress?.city).toBe('APO')
    cart.destroy()
  })
})

describe("the cart's locale", () => {
  it('reaches every adapter call, for backends that localize titles and messages', async () => {
    const adapter = detailAdapter([])
    const seen: Array<string | undefined> = []
    const create = adapter.create
    adapter.create = (input, ctx) => {
      seen.push(ctx.locale)
      return create(input, ctx)
    }
    const cart = createCart({ adapter, locale: 'fr-CA', env: { storage: storage() } })
    cart.setNote('Merci')
    await cart.settled()
    expect(seen).toEqual(['fr-CA'])
    cart.destroy()
  })
})
