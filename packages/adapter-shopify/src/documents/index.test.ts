import { parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { STOREFRONT_API_VERSION } from '../adapter/index.ts'
import { schemaApiVersion, storefrontSchema } from '../test/schema.ts'
import { allDocuments, BATCH_STEPS, batchMutation } from './index.ts'

describe('GraphQL documents', () => {
  const documents = allDocuments()

  it('covers the fixed documents and every batch combination', () => {
    expect(documents).toHaveLength(4 + 2 ** BATCH_STEPS.length - 1)
  })

  it.each(documents)('$name is valid against the Storefront schema', ({ document }) => {
    const errors = validate(storefrontSchema(), parse(document))
    expect(errors.map((error) => error.message)).toEqual([])
  })

  it('pins the API version of the shipped schema', () => {
    expect(STOREFRONT_API_VERSION).toBe(schemaApiVersion())
  })

  it('fails validation when a field drifts', () => {
    const drifted = batchMutation(new Set(['linesAdd'])).replace('availableForSale', 'isAvailable')
    expect(validate(storefrontSchema(), parse(drifted)).length).toBeGreaterThan(0)
  })

  it('refuses an empty batch', () => {
    expect(() => batchMutation(new Set())).toThrow(/at least one step/)
  })
})
