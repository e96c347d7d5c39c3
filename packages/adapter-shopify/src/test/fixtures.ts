// Test helpers shared by the Shopify adapters' suites (adapter-shopify-ajax imports them).
import type { AdapterContext, CartOp } from '@tote/core/adapter'
import { lineKey } from '@tote/core/adapter'
import { type CatalogueEntry, createMemoryBackend, type MemoryBackend } from '@tote/testing'

/** Euros in cents. */
export const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** Spells a variant number as the Storefront API does. */
const gid = (variant: number) => `gid://shopify/ProductVariant/${variant}`

/** Variant ids as Shopify spells them. Stock 25. */
export const TOTE = gid(101)
/** Stock 2. */
export const MUG = gid(102)
/** Stock not tracked. */
export const GIFT = gid(103)
/** Sold out. */
export const SOLD_OUT = gid(104)

/** A small catalogue with Shopify-style ids: stock 25, stock 2, untracked, sold out. */
export function catalogue(): CatalogueEntry[] {
  return catalogueWith(gid)
}

/**
 * The catalogue both Shopify adapters test against, with variant ids spelt by `variantId`
 * (a GID for the Storefront API, the bare number for the theme cart): variants 101 (stock
 * 25), 102 (stock 2), 103 (untracked) and 104 (sold out). `moreTotes` follow variant 101.
 */
export function catalogueWith(
  variantId: (variant: number) => string,
  moreTotes: CatalogueEntry[] = [],
): CatalogueEntry[] {
  return [
    {
      id: variantId(101),
      productId: 'gid://shopify/Product/1',
      productTitle: 'Linen tote',
      title: 'Natural',
      image: { url: 'https://cdn.example/tote.png', alt: 'A tote' },
      options: [{ name: 'Colour', value: 'Natural' }],
      price: eur(2900),
      compareAtPrice: eur(3500),
      quantityAvailable: 25,
    },
    ...moreTotes,
    {
      id: variantId(102),
      productId: 'gid://shopify/Product/2',
      productTitle: 'Speckled mug',
      title: 'Default Title',
      price: eur(1850),
      quantityAvailable: 2,
    },
    {
      id: variantId(103),
      productId: 'gid://shopify/Product/3',
      productTitle: 'Gift card',
      title: '50 €',
      price: eur(5000),
      quantityAvailable: null,
    },
    {
      id: variantId(104),
      productId: 'gid://shopify/Product/4',
      productTitle: 'Rare print',
      title: 'A3',
      price: eur(9900),
      quantityAvailable: 0,
    },
  ]
}

/** A memory backend over {@link catalogue}, or over `entries`. */
export function backend(entries: CatalogueEntry[] = catalogue()): MemoryBackend {
  return createMemoryBackend({
    catalogue: entries,
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
