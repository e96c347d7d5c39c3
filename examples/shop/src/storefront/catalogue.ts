import type { CartAdapter, Merchandise } from '@tote/core'

/** `/shop/catalogue.json`: what the shop sells and how it presents itself. */
export interface CatalogueFile {
  shop: {
    name: string
    contact: { email: string; address?: string }
    /** A discount code to advertise. */
    discountCode: string | null
  }
  products: CatalogueProduct[]
  /** Where the merchant pages and the development page are. */
  links: { merchant: string; dev: string | null }
}

/** A product as the shop lists it. Prices and stock are not here: they are live (see below). */
export interface CatalogueProduct {
  id: string
  title: string
  description: string
  imageAlt: string
  variants: { id: string; title: string; options: { name: string; value: string }[] }[]
}

/** A product with its variants as they are now: price, compare-at price, stock. */
export interface Product extends CatalogueProduct {
  /** The variants the server still sells, in catalogue order. */
  offers: Merchandise[]
}

/**
 * Loads the catalogue and asks the backend, through the cart's adapter, for every variant's
 * price and stock as they are now (`POST /v1/merchandise/lookup`).
 */
export async function loadCatalogue(
  adapter: CartAdapter,
): Promise<{ file: CatalogueFile; products: Product[] }> {
  const response = await fetch('/shop/catalogue.json')
  if (!response.ok) throw new Error(`The catalogue answered ${response.status}`)
  const file = (await response.json()) as CatalogueFile
  const ids = file.products.flatMap((product) => product.variants.map((variant) => variant.id))
  const merchandise = await adapter.merchandise(ids, {
    signal: AbortSignal.timeout(10_000),
    idempotencyKey: crypto.randomUUID(),
  })
  const byId = new Map(merchandise.map((item) => [item.id, item]))
  const products = file.products.map((product) => ({
    ...product,
    offers: product.variants.flatMap((variant) => byId.get(variant.id) ?? []),
  }))
  return { file, products }
}

/** The lowest price of a product's variants, and whether any is in stock. */
export function summary(product: Product): {
  from: Merchandise | null
  available: boolean
  fewLeft: number | null
} {
  const sorted = [...product.offers].sort((a, b) => a.price.amount - b.price.amount)
  const available = product.offers.filter((offer) => offer.available)
  const stocks = available.map((offer) => offer.quantityAvailable)
  const tracked = stocks.every((stock) => stock !== null)
  const left = tracked ? stocks.reduce<number>((sum, stock) => sum + (stock ?? 0), 0) : null
  return {
    from: sorted[0] ?? null,
    available: available.length > 0,
    fewLeft: left !== null && left > 0 && left <= 3 ? left : null,
  }
}
