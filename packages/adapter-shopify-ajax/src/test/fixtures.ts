import type { CatalogueEntry, MemoryBackend } from '@tote/testing'
import {
  catalogueWith,
  eur,
  backend as memoryBackend,
} from '../../../adapter-shopify/src/test/fixtures.ts'

export { ctx, setLine } from '../../../adapter-shopify/src/test/fixtures.ts'

/** Variant ids as the theme cart spells them (numeric). Stock 25. */
export const TOTE = '101'
/** Another variant of the tote, stock 5. */
export const TOTE_BLACK = '105'
/** Stock 2. */
export const MUG = '102'
/** Stock not tracked. */
export const GIFT = '103'
/** Sold out. */
export const SOLD_OUT = '104'

/** The Shopify adapters' catalogue with numeric ids, plus a black tote (stock 5). */
export function catalogue(): CatalogueEntry[] {
  return catalogueWith(String, [
    {
      id: TOTE_BLACK,
      productId: 'gid://shopify/Product/1',
      productTitle: 'Linen tote',
      title: 'Black',
      options: [{ name: 'Colour', value: 'Black' }],
      price: eur(3100),
      quantityAvailable: 5,
    },
  ])
}

/** A memory backend over {@link catalogue}. */
export function backend(): MemoryBackend {
  return memoryBackend(catalogue())
}
