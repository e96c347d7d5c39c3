import { describe, expect, it } from 'vitest'
import { EnvelopeSchema, isFields, isNode, LineSchema, wholeNumbers } from './index.ts'

describe('the checks the shapes leave to plain code', () => {
  it('refuses a count that is not a whole number, anywhere in a value', () => {
    expect(wholeNumbers({ lines: { nodes: [{ quantity: 2, merchandise: {} }] } })).toBe(true)
    expect(wholeNumbers({ lines: { nodes: [{ quantity: 1.5 }] } })).toBe(false)
    expect(wholeNumbers({ quantityAvailable: 2 ** 53 })).toBe(false)
    expect(wholeNumbers([null, 'x', true, 3])).toBe(true)
  })

  it('reads GraphQL data only as an object of fields', () => {
    expect(isFields({ cart: null })).toBe(true)
    for (const value of [null, [], 'data', 1]) expect(isFields(value)).toBe(false)
    expect(EnvelopeSchema.safeParse({ data: [] }).success).toBe(true)
  })

  it('reads a node as null or an object with its __typename', () => {
    expect(isNode(null)).toBe(true)
    expect(isNode({ __typename: 'ProductVariant', id: 'gid://shopify/ProductVariant/1' })).toBe(
      true,
    )
    for (const value of [{}, [], 'ProductVariant', { __typename: 1 }]) {
      expect(isNode(value), JSON.stringify(value)).toBe(false)
    }
  })

  it('reads counts as numbers in the shapes', () => {
    expect(LineSchema.safeParse({ quantity: '2' }).success).toBe(false)
  })
})
