import type { Merchandise } from '@tote/core'
import type { Queryable } from '../storage/index.ts'

/** A product variant of the demo catalogue. */
export interface SeedVariant {
  id: string
  title: string
  options: { name: string; value: string }[]
  /** Minor units of the shop's currency. */
  price: number
  compareAtPrice?: number
  /** Units in stock; `null` when not tracked. */
  stock: number | null
}

/** A product of the demo catalogue. */
export interface SeedProduct {
  id: string
  title: string
  description: string
  imageAlt: string
  variants: SeedVariant[]
}

/**
 * The demo catalogue (EUR): a handful of products, one variant with only 3 left, one sold
 * out, one with untracked stock, and the discount code `TOTE10`.
 */
export const DEMO_CATALOGUE: readonly SeedProduct[] = [
  {
    id: 'canvas-tote',
    title: 'Canvas tote bag',
    description: 'Heavy organic canvas, reinforced handles, an inside pocket.',
    imageAlt: 'A natural canvas tote bag',
    variants: [
      {
        id: 'canvas-tote-natural',
        title: 'Natural',
        options: [{ name: 'Colour', value: 'Natural' }],
        price: 2400,
        stock: 40,
      },
      {
        id: 'canvas-tote-black',
        title: 'Black',
        options: [{ name: 'Colour', value: 'Black' }],
        price: 2400,
        stock: 25,
      },
    ],
  },
  {
    id: 'enamel-mug',
    title: 'Enamel mug',
    description: 'A 350 ml enamel camping mug with a steel rim.',
    imageAlt: 'A white enamel mug with a blue rim',
    variants: [
      {
        id: 'enamel-mug-white',
        title: 'White',
        options: [{ name: 'Colour', value: 'White' }],
        price: 1450,
        stock: 3,
      },
    ],
  },
  {
    id: 'organic-tee',
    title: 'Organic T-shirt',
    description: 'Soft organic cotton jersey, regular fit.',
    imageAlt: 'A folded grey T-shirt',
    variants: [
      {
        id: 'organic-tee-s',
        title: 'S',
        options: [{ name: 'Size', value: 'S' }],
        price: 2900,
        stock: 10,
      },
      {
        id: 'organic-tee-m',
        title: 'M',
        options: [{ name: 'Size', value: 'M' }],
        price: 2900,
        stock: 12,
      },
      {
        id: 'organic-tee-l',
        title: 'L',
        options: [{ name: 'Size', value: 'L' }],
        price: 2900,
        stock: 1,
      },
    ],
  },
  {
    id: 'dot-notebook',
    title: 'Dot-grid notebook',
    description: 'A5, 192 pages of 100 g paper, lay-flat binding.',
    imageAlt: 'A dark green notebook',
    variants: [
      {
        id: 'dot-notebook-a5',
        title: 'A5',
        options: [{ name: 'Format', value: 'A5' }],
        price: 990,
        stock: null,
      },
    ],
  },
  {
    id: 'soy-candle',
    title: 'Soy candle',
    description: 'Fig and cedar, 40 hours of burn time.',
    imageAlt: 'A candle in an amber jar',
    variants: [
      {
        id: 'soy-candle-fig',
        title: 'Fig & cedar',
        options: [{ name: 'Scent', value: 'Fig & cedar' }],
        price: 1800,
        compareAtPrice: 2200,
        stock: 0,
      },
    ],
  },
  {
    id: 'riso-poster',
    title: 'Risograph poster',
    description: 'A3 two-colour risograph print on recycled paper.',
    imageAlt: 'A pink and blue abstract poster',
    variants: [
      {
        id: 'riso-poster-a3',
        title: 'A3',
        options: [{ name: 'Size', value: 'A3' }],
        price: 3500,
        stock: 5,
      },
    ],
  },
]

/** The demo discount codes: `TOTE10` takes 10 % off the subtotal. */
export const DEMO_DISCOUNT_CODES = [{ code: 'TOTE10', percentOff: 10 }] as const

/** Inserts the demo catalogue for a shop unless it already has products. */
export async function seedDemoCatalogue(
  db: Queryable,
  shopId: string,
  currency: string,
): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM products WHERE shop_id = $1 LIMIT 1', [shopId])
  if (rows.length > 0) return false
  // Three statements whatever the catalogue's size: starting a shop stays cheap.
  const products = DEMO_CATALOGUE.map((product) => ({
    id: product.id,
    title: product.title,
    description: product.description,
    image_url: `/assets/products/${product.id}.svg`,
    image_alt: product.imageAlt,
  }))
  const variants = DEMO_CATALOGUE.flatMap((product) =>
    product.variants.map((variant, position) => ({
      id: variant.id,
      product_id: product.id,
      title: variant.title,
      options: variant.options,
      price: variant.price,
      compare_at_price: variant.compareAtPrice ?? null,
      stock: variant.stock,
      position,
    })),
  )
  await db.query(
    `INSERT INTO products (shop_id, id, title, description, image_url, image_alt)
     SELECT $1, id, title, description, image_url, image_alt
       FROM jsonb_to_recordset($2::jsonb)
         AS x(id text, title text, description text, image_url text, image_alt text)
     ON CONFLICT DO NOTHING`,
    [shopId, JSON.stringify(products)],
  )
  await db.query(
    `INSERT INTO variants (shop_id, id, product_id, title, options, price, compare_at_price, currency, stock, position)
     SELECT $1, id, product_id, title, options, price, compare_at_price, $3, stock, position
       FROM jsonb_to_recordset($2::jsonb)
         AS x(id text, product_id text, title text, options jsonb, price integer,
              compare_at_price integer, stock integer, position integer)
     ON CONFLICT DO NOTHING`,
    [shopId, JSON.stringify(variants), currency],
  )
  await db.query(
    `INSERT INTO discount_codes (shop_id, code, percent_off)
     SELECT $1, code, percent_off FROM jsonb_to_recordset($2::jsonb) AS x(code text, percent_off integer)
     ON CONFLICT DO NOTHING`,
    [
      shopId,
      JSON.stringify(DEMO_DISCOUNT_CODES.map((d) => ({ code: d.code, percent_off: d.percentOff }))),
    ],
  )
  return true
}

/** Merchandise plus the product description, which the recovery email shows. */
export interface CatalogueItem {
  merchandise: Merchandise
  description: string
}

interface VariantRow {
  id: string
  product_id: string
  title: string
  options: { name: string; value: string }[]
  price: number
  compare_at_price: number | null
  currency: string
  stock: number | null
  product_title: string
  description: string
  image_url: string | null
  image_alt: string | null
}

/**
 * Looks up variants as they are now. Discontinued and unknown ids are left out, which is
 * how the protocol says "removed from the catalogue".
 */
export async function findMerchandise(
  db: Queryable,
  shopId: string,
  ids: readonly string[],
  assetBaseUrl: string,
): Promise<Map<string, CatalogueItem>> {
  const found = new Map<string, CatalogueItem>()
  if (ids.length === 0) return found
  const { rows } = await db.query<VariantRow & Record<string, unknown>>(
    `SELECT v.id, v.product_id, v.title, v.options, v.price, v.compare_at_price, v.currency, v.stock,
            p.title AS product_title, p.description, p.image_url, p.image_alt
       FROM variants v JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
      WHERE v.shop_id = $1 AND v.id = ANY($2::text[]) AND NOT v.discontinued`,
    [shopId, [...new Set(ids)]],
  )
  for (const row of rows)
    found.set(row.id, {
      merchandise: toMerchandise(row, assetBaseUrl),
      description: row.description,
    })
  return found
}

function toMerchandise(row: VariantRow, assetBaseUrl: string): Merchandise {
  const imageUrl = row.image_url
    ? /^https?:\/\//.test(row.image_url)
      ? row.image_url
      : `${assetBaseUrl}${row.image_url}`
    : null
  return {
    id: row.id,
    productId: row.product_id,
    productTitle: row.product_title,
    title: row.title,
    image: imageUrl ? { url: imageUrl, ...(row.image_alt ? { alt: row.image_alt } : {}) } : null,
    options: row.options,
    price: { amount: row.price, currency: row.currency },
    compareAtPrice:
      row.compare_at_price === null
        ? null
        : { amount: row.compare_at_price, currency: row.currency },
    available: row.stock === null || row.stock > 0,
    quantityAvailable: row.stock,
  }
}

/** A change a merchant makes to a variant. */
export interface VariantUpdate {
  price?: number
  compareAtPrice?: number | null
  stock?: number | null
  discontinued?: boolean
}

/** Updates a variant; `false` when there is no such variant. */
export async function updateVariant(
  db: Queryable,
  shopId: string,
  id: string,
  update: VariantUpdate,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE variants SET
       price = COALESCE($3, price),
       compare_at_price = CASE WHEN $4::boolean THEN $5::integer ELSE compare_at_price END,
       stock = CASE WHEN $6::boolean THEN $7::integer ELSE stock END,
       discontinued = COALESCE($8, discontinued)
     WHERE shop_id = $1 AND id = $2 RETURNING id`,
    [
      shopId,
      id,
      update.price ?? null,
      update.compareAtPrice !== undefined,
      update.compareAtPrice ?? null,
      update.stock !== undefined,
      update.stock ?? null,
      update.discontinued ?? null,
    ],
  )
  return rows.length > 0
}

/** A placeholder product picture (SVG), so the demo needs no image hosting. */
export function productImageSvg(title: string, seed: string): string {
  let hash = 0
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  const hue = hash % 360
  const text = title.replace(/[<>&"]/g, '')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320"><rect width="320" height="320" fill="hsl(${hue} 45% 82%)"/><circle cx="160" cy="140" r="70" fill="hsl(${hue} 45% 55%)"/><text x="160" y="270" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#222">${text}</text></svg>`
}
