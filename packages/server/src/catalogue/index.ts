import type { Merchandise } from '@tote/core/adapter'
import { parseOption } from '../options/index.ts'
import type { Queryable } from '../storage/index.ts'
import { z } from '../zod/index.ts'

/** A product variant to seed: what a shopper puts in a cart. */
export interface SeedVariant {
  /** The merchandise id carts use; unique in the catalogue (1–200 characters). */
  id: string
  /** Such as `"M / Blue"`; may be empty for a product's only variant. */
  title: string
  options: { name: string; value: string }[]
  /** Minor units of the shop's currency. */
  price: number
  compareAtPrice?: number
  /** Units in stock; `null` when not tracked. */
  stock: number | null
}

/** A product to seed, with at least one variant. */
export interface SeedProduct {
  /** 1–100 lower-case letters, digits or `-`; names its placeholder picture. */
  id: string
  title: string
  /** Shown in recovery emails (docs/domain.md R9). @default '' */
  description?: string
  /** @default the product's title */
  imageAlt?: string
  /**
   * An absolute `http(s)` URL of the product's picture.
   * @default the server's SVG placeholder at `/assets/products/{id}.svg`
   */
  imageUrl?: string
  variants: SeedVariant[]
}

/** A discount code to seed: `percentOff` percent off the subtotal. */
export interface SeedDiscountCode {
  code: string
  /** 1–100. */
  percentOff: number
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
export const DEMO_DISCOUNT_CODES: readonly SeedDiscountCode[] = [{ code: 'TOTE10', percentOff: 10 }]

/** Largest value of the storage's `integer` columns (prices, stock). */
const MAX_INTEGER = 2_147_483_647
const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value))
const nonBlank = (what: string, max: number) =>
  z.string({ error: (issue) => `expected ${what} as a string, got ${show(issue.input)}` }).check(
    z.maxLength(max, { error: `expected ${what} of at most ${max} characters` }),
    z.refine((value) => value.trim().length > 0, { error: `expected a non-empty ${what}` }),
  )
const minorUnits = (what: string) =>
  z
    .int({
      error: (issue) =>
        `expected ${what} as a whole number of minor units, got ${show(issue.input)}`,
    })
    .check(
      z.minimum(0, { error: (issue) => `expected ${what} ≥ 0, got ${show(issue.input)}` }),
      z.maximum(MAX_INTEGER, { error: `expected ${what} ≤ ${MAX_INTEGER}` }),
    )

const SeedVariantSchema = z.object({
  id: nonBlank('variant id', 200),
  title: z.string().check(z.maxLength(500)),
  options: z.array(
    z.object({ name: nonBlank('option name', 200), value: z.string().check(z.maxLength(500)) }),
  ),
  price: minorUnits('price'),
  compareAtPrice: z.optional(minorUnits('compare-at price')),
  stock: z.nullable(
    z
      .int({
        error: (issue) => `expected stock as a whole number or null, got ${show(issue.input)}`,
      })
      .check(
        z.minimum(0, { error: (issue) => `expected stock ≥ 0 or null, got ${show(issue.input)}` }),
        z.maximum(MAX_INTEGER),
      ),
  ),
})

const SeedProductSchema = z.object({
  id: z.string().check(
    z.regex(/^[a-z0-9-]{1,100}$/, {
      error: (issue) =>
        `expected a product id of 1–100 lower-case letters, digits or -, got ${show(issue.input)}`,
    }),
  ),
  title: nonBlank('title', 500),
  description: z.optional(z.string().check(z.maxLength(5000))),
  imageAlt: z.optional(z.string().check(z.maxLength(500))),
  imageUrl: z.optional(
    z.string().check(
      z.refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
        error: (issue) => `expected an absolute http(s) URL, got ${show(issue.input)}`,
      }),
    ),
  ),
  variants: z
    .array(SeedVariantSchema)
    .check(z.minLength(1, { error: 'expected at least one variant' })),
})

/** A catalogue to seed: products with unique ids whose variants have unique ids. */
const SeedCatalogueSchema = z
  .array(SeedProductSchema, { error: 'expected an array of products' })
  .check(
    z.minLength(1, { error: 'expected at least one product (seedDemo: false seeds none)' }),
    z.superRefine((products, ctx) => {
      const productIds = new Set<string>()
      const variantIds = new Set<string>()
      products.forEach((product, index) => {
        if (productIds.has(product.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `duplicate product id ${show(product.id)}`,
          })
        }
        productIds.add(product.id)
        product.variants.forEach((variant, position) => {
          if (variantIds.has(variant.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'variants', position, 'id'],
              message: `duplicate variant id ${show(variant.id)}`,
            })
          }
          variantIds.add(variant.id)
        })
      })
    }),
  )

const SeedDiscountCodesSchema = z
  .array(
    z.object({
      code: nonBlank('code', 100),
      percentOff: z.int({ error: 'expected a whole percentage' }).check(
        z.minimum(1),
        z.maximum(100, {
          error: (issue) => `expected percentOff between 1 and 100, got ${show(issue.input)}`,
        }),
      ),
    }),
    { error: 'expected an array of discount codes' },
  )
  .check(
    z.superRefine((codes, ctx) => {
      const seen = new Set<string>()
      codes.forEach((discount, index) => {
        const key = discount.code.toUpperCase()
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'code'],
            message: `duplicate code ${show(discount.code)} (codes match case-insensitively)`,
          })
        }
        seen.add(key)
      })
    }),
  )

/**
 * Checks a catalogue before it is seeded; throws a `ToteArgumentError` (code
 * `invalid_argument`) that names the offending product or variant.
 *
 * @example
 * assertSeedCatalogue([{ id: 'mug', title: '', variants: [] }])
 * // ToteArgumentError: options.catalogue[0].title: expected a non-empty title (and 1 more)
 */
export function assertSeedCatalogue(
  catalogue: unknown,
  argument = 'options.catalogue',
): asserts catalogue is readonly SeedProduct[] {
  parseOption(SeedCatalogueSchema, catalogue, argument)
}

/** Checks discount codes before they are seeded, as {@link assertSeedCatalogue} does. */
export function assertSeedDiscountCodes(
  codes: unknown,
  argument = 'options.discountCodes',
): asserts codes is readonly SeedDiscountCode[] {
  parseOption(SeedDiscountCodesSchema, codes, argument)
}

/**
 * Inserts a catalogue and discount codes for a shop unless it already has products (a shop's
 * catalogue is seeded once; later changes go through the merchant API). Check them first with
 * {@link assertSeedCatalogue} and {@link assertSeedDiscountCodes}.
 */
export async function seedCatalogue(
  db: Queryable,
  shopId: string,
  currency: string,
  catalogue: readonly SeedProduct[],
  discountCodes: readonly SeedDiscountCode[] = [],
): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM products WHERE shop_id = $1 LIMIT 1', [shopId])
  if (rows.length > 0) return false
  // Three statements whatever the catalogue's size: starting a shop stays cheap.
  const products = catalogue.map((product) => ({
    id: product.id,
    title: product.title,
    description: product.description ?? '',
    image_url: product.imageUrl ?? `/assets/products/${product.id}.svg`,
    image_alt: product.imageAlt ?? product.title,
  }))
  const variants = catalogue.flatMap((product) =>
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
  if (discountCodes.length > 0) {
    await db.query(
      `INSERT INTO discount_codes (shop_id, code, percent_off)
       SELECT $1, code, percent_off FROM jsonb_to_recordset($2::jsonb) AS x(code text, percent_off integer)
       ON CONFLICT DO NOTHING`,
      [
        shopId,
        JSON.stringify(discountCodes.map((d) => ({ code: d.code, percent_off: d.percentOff }))),
      ],
    )
  }
  return true
}

/** Inserts the demo catalogue and its discount code for a shop unless it already has products. */
export async function seedDemoCatalogue(
  db: Queryable,
  shopId: string,
  currency: string,
): Promise<boolean> {
  return seedCatalogue(db, shopId, currency, DEMO_CATALOGUE, DEMO_DISCOUNT_CODES)
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
