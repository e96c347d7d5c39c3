import type { PagesContext } from './context.ts'
import type { MerchantVariant } from './types.ts'

/**
 * The shop's variants on sale, product by product, with prices and stock as they are now:
 * their ids from storage, the rest from the merchandise lookup every storefront uses.
 */
export async function catalogueVariants(ctx: PagesContext): Promise<MerchantVariant[]> {
  const { storage, shop } = ctx.options
  const { rows } = await storage.query<{ id: string }>(
    `SELECT v.id FROM variants v JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
      WHERE v.shop_id = $1 AND NOT v.discontinued
      ORDER BY p.title, v.position, v.id
      LIMIT 250`,
    [shop.id],
  )
  const ids = rows.map((row) => row.id)
  const { body } = await ctx.api<{ merchandise: MerchantVariant[] }>(
    'POST',
    '/v1/merchandise/lookup',
    { ids },
  )
  const byId = new Map(body.merchandise.map((variant) => [variant.id, variant]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
