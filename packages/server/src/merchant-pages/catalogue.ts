import type { Queryable } from '../storage/index.ts'

/**
 * The ids of the shop's variants on sale, product by product: what the products page asks
 * the merchandise lookup about (which answers with prices and stock as they are now).
 */
export async function listVariantIds(db: Queryable, shopId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT v.id FROM variants v JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
      WHERE v.shop_id = $1 AND NOT v.discontinued
      ORDER BY p.title, v.position, v.id
      LIMIT 250`,
    [shopId],
  )
  return rows.map((row) => row.id)
}
