import { describe, expect, it } from 'vitest'
import { storefrontCartId, variantGid } from './index.ts'

describe('storefrontCartId', () => {
  it.each([
    ['gid://shopify/Cart/c1-abc?key=k', 'gid://shopify/Cart/c1-abc?key=k'],
    ['https://shop.example/cart/c/c1-abc?key=k', 'gid://shopify/Cart/c1-abc?key=k'],
    ['/fr/cart/c/c1-abc', 'gid://shopify/Cart/c1-abc'],
    ['/cart/123:1', null],
    ['https://shop.example/products/x', null],
  ])('%j → %j', (link, id) => {
    expect(storefrontCartId(link)).toBe(id)
  })
})

describe('variantGid', () => {
  it('turns numeric ids into global ids and leaves others alone', () => {
    expect(variantGid('123')).toBe('gid://shopify/ProductVariant/123')
    expect(variantGid('gid://shopify/ProductVariant/123')).toBe('gid://shopify/ProductVariant/123')
  })
})
