import { describe, expect, it } from 'vitest'
import { lineKey, sameAttributes } from './index.ts'

describe('lineKey', () => {
  it('is the merchandise id when there are no attributes', () => {
    expect(lineKey('variant-1')).toBe('variant-1')
    expect(lineKey('variant-1', {})).toBe('variant-1')
    expect(lineKey('gid://shopify/ProductVariant/42')).toBe('gid://shopify/ProductVariant/42')
  })

  it('lists attributes in a canonical order, whatever order they were given in', () => {
    const expected = 'variant-1?engraving=Ada&size=M'
    expect(lineKey('variant-1', { size: 'M', engraving: 'Ada' })).toBe(expected)
    expect(lineKey('variant-1', { engraving: 'Ada', size: 'M' })).toBe(expected)
  })

  it('orders numeric-looking attribute names as strings, whatever their insertion order', () => {
    expect(lineKey('v', { '2': 'b', '10': 'a' })).toBe('v?10=a&2=b')
    expect(lineKey('v', { b: 'x', '10': 'a', '2': 'b' })).toBe('v?10=a&2=b&b=x')
  })

  it('percent-encodes attribute names and values as UTF-8', () => {
    expect(lineKey('v', { 'gift note': 'Til Åse & Ola' })).toBe(
      'v?gift%20note=Til%20%C3%85se%20%26%20Ola',
    )
  })

  it('keeps an attribute with an empty value apart from no attribute', () => {
    expect(lineKey('v', { note: '' })).toBe('v?note=')
    expect(lineKey('v', { note: '' })).not.toBe(lineKey('v'))
  })

  it('cannot be forged by separators inside names or values', () => {
    expect(lineKey('v', { a: '1&b=2' })).not.toBe(lineKey('v', { a: '1', b: '2' }))
    expect(lineKey('v', { 'a=b': 'c' })).not.toBe(lineKey('v', { a: 'b=c' }))
  })

  it('cannot be forged by a merchandise id that holds a question mark', () => {
    expect(lineKey('v?a=1')).not.toBe(lineKey('v', { a: '1' }))
    expect(lineKey('v?a=1', {})).toBe('v%3Fa=1')
    expect(lineKey('100%', { a: '1' })).toBe('100%25?a=1')
    expect(lineKey('v%3Fa=1')).not.toBe(lineKey('v?a=1'))
  })
})

describe('sameAttributes', () => {
  it('compares attributes whatever their key order', () => {
    expect(sameAttributes({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true)
    expect(sameAttributes({}, {})).toBe(true)
  })

  it('tells apart other values, missing keys and extra keys', () => {
    expect(sameAttributes({ a: '1' }, { a: '2' })).toBe(false)
    expect(sameAttributes({ a: '1' }, { b: '1' })).toBe(false)
    expect(sameAttributes({ a: '1' }, { a: '1', b: '2' })).toBe(false)
    expect(sameAttributes({ a: '1', b: '2' }, { a: '1' })).toBe(false)
  })

  it('does not read inherited properties as attributes', () => {
    expect(sameAttributes({ toString: 'x' }, {})).toBe(false)
    expect(sameAttributes({ a: '1', constructor: 'x' }, { a: '1', b: '2' })).toBe(false)
  })
})

describe('lineKey with a selling plan', () => {
  it('ends the key with the plan, after the attributes, so plans never join lines', () => {
    expect(lineKey('v', {}, 'plan-1')).toBe('v#plan-1')
    expect(lineKey('v', { a: '1' }, 'gid://shopify/SellingPlan/7')).toBe(
      'v?a=1#gid%3A%2F%2Fshopify%2FSellingPlan%2F7',
    )
    expect(lineKey('v', {}, null)).toBe(lineKey('v'))
    expect(lineKey('v', {}, 'p1')).not.toBe(lineKey('v', {}, 'p2'))
  })

  it('cannot be forged by an id or attribute holding a hash', () => {
    expect(lineKey('v#p1')).not.toBe(lineKey('v', {}, 'p1'))
    expect(lineKey('v#p1')).toBe('v%23p1')
    expect(lineKey('v', { a: '1#p1' })).not.toBe(lineKey('v', { a: '1' }, 'p1'))
  })
})
