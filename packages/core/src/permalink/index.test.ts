import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { parseCartPermalink } from './index.ts'

describe('parseCartPermalink', () => {
  it('reads variants, quantities, discount codes, note and attributes', () => {
    expect(
      parseCartPermalink(
        'https://shop.example/cart/123:2,456:1?discount=SPRING,%20VIP&note=Gift&attributes[ref]=mail&storefront=true',
      ),
    ).toEqual({
      lines: [
        { variantId: '123', quantity: 2 },
        { variantId: '456', quantity: 1 },
      ],
      discountCodes: ['SPRING', 'VIP'],
      note: 'Gift',
      attributes: { ref: 'mail' },
    })
  })

  it('accepts a path, a locale prefix and a trailing slash', () => {
    expect(parseCartPermalink('/cart/1:1').lines).toEqual([{ variantId: '1', quantity: 1 }])
    expect(parseCartPermalink('/fr/cart/1:1/').lines).toEqual([{ variantId: '1', quantity: 1 }])
    expect(parseCartPermalink('/en-ca/cart/1:3').lines).toEqual([{ variantId: '1', quantity: 3 }])
  })

  it('adds up a variant named twice', () => {
    expect(parseCartPermalink('/cart/7:1,7:2').lines).toEqual([{ variantId: '7', quantity: 3 }])
  })

  it('never writes a __proto__ attribute', () => {
    const { attributes } = parseCartPermalink('/cart/1:1?attributes[__proto__]=x&attributes[a]=b')
    expect(attributes).toEqual({ a: 'b' })
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
  })

  it.each([
    '/cart/1:0',
    '/cart/1:99999999',
    '/cart/1',
    '/cart/',
    '/cart/c/abc',
    '/products/shirt',
    '/cart/%E0%A4%A:1',
    'tote-conformance-not-a-link',
  ])('refuses %j with invalid_recovery_link', (link) => {
    expect(() => parseCartPermalink(link)).toThrow()
    try {
      parseCartPermalink(link)
    } catch (error) {
      expect(isToteError(error, 'invalid_recovery_link')).toBe(true)
    }
  })
})
