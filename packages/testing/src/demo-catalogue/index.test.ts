import { parseMerchandiseList } from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import { createMemoryBackend } from '../memory-backend/index.ts'
import { demoCatalogue } from './index.ts'

describe('demoCatalogue', () => {
  it('holds eight products with images and EUR prices', () => {
    const entries = demoCatalogue()
    expect(new Set(entries.map((entry) => entry.productId)).size).toBe(8)
    for (const entry of entries) {
      expect(entry.price.currency).toBe('EUR')
      expect(entry.image?.url).toMatch(/^(\/|https:\/\/)/)
    }
  })

  it('has one low-stock variant and one untracked variant', () => {
    const entries = demoCatalogue()
    expect(entries.filter((entry) => entry.quantityAvailable === null).map((e) => e.id)).toEqual([
      'gift-card-50',
    ])
    const low = entries.filter(
      (entry) => typeof entry.quantityAvailable === 'number' && entry.quantityAvailable <= 3,
    )
    expect(low.map((entry) => entry.id)).toEqual(['mug-speckled'])
  })

  it('gives valid merchandise once loaded into a backend', () => {
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    const ids = demoCatalogue().map((entry) => entry.id)
    const merchandise = backend.getMerchandise(ids)
    expect(merchandise).toHaveLength(ids.length)
    expect(parseMerchandiseList(merchandise)).toEqual(merchandise)
  })

  it('returns fresh objects on each call', () => {
    const first = demoCatalogue()
    ;(first[0] as { price: { amount: number } }).price.amount = 1
    expect(demoCatalogue()[0]?.price.amount).toBe(2900)
  })
})
