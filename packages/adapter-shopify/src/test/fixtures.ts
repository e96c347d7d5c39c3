import type { AdapterContext, CartOp } from '@tote/core'
import { lineKey } from '@tote/core'
import { type CatalogueEntry, createMemoryBackend, type MemoryBackend } from '@tote/testing'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** Variant ids as Shopify spells them. Stock 25. */
export const TOTE = 'gid://shopify/ProductVariant/101'
/** Stock 2. */
export const MUG = 'gid://shopify/ProductVariant/102'
/** Stock not tracked. */
export const GIFT = 'gid://shopify/ProductVariant/103'
/** Sold out. */
export const SOLD_OUT = 'gid://shopify/ProductVariant/104'

/** A small catalogue with Shopify-style ids: stock 25, stock 2, untracked, sold out. */
export function catalogue(): CatalogueEntry[] {
  return [
    {
      id: TOTE,
      productId: 'gid://shopify/Product/1',
      productTitle: 'Linen tote',
      title: 'Natural',
      image: { url: 'https://cdn.example/tote.png', alt: 'A tote' },
      options: [{ name: 'Colour', value: 'Natural' }],
      price: eur(2900),
      compareAtPrice: eur(3500),
      quantityAvailable: 25,
    },
    {
      id: MUG,
      productId: 'gid://shopify/Product/2',
      productTitle: 'Speckled mug',
      title: 'Default Title',
      price: eur(1850),
      quantityAvailable: 2,
    },
    {
      id: GIFT,
      productId: 'gid://shopify/Product/3',
      productTitle: 'Gift card',
      title: '50 €',
      price: eur(5000),
      quantityAvailable: null,
    },
    {
      id: SOLD_OUT,
      productId: 'gid://shopify/Product/4',
      productTitle: 'Rare print',
      title: 'A3',
      price: eur(9900),
      quantityAvailable: 0,
    },
  ]
}

/** A memory backend over {@link catalogue}. */
export function backend(): MemoryBackend {
  return createMemoryBackend({
    catalogue: catalogue(),
    discountCodes: { WELCOME10: { percentOff: 10 } },
  })
}

let keys = 0

/** A fresh adapter context. */
export function ctx(signal: AbortSignal = new AbortController().signal): AdapterContext {
  keys += 1
  return { signal, idempotencyKey: `key-${keys}` }
}

/** A `setLine` op. */
export function setLine(
  merchandiseId: string,
  quantity: number,
  attributes: Record<string, string> = {},
  lineId: string | null = null,
): CartOp {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    quantity,
    lineKey: lineKey(merchandiseId, attributes),
    lineId,
  }
}
