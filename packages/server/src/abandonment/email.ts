import type { CartSnapshot } from '@tote/core/adapter'
import type { ShopContext } from '../carts/index.ts'
import { findMerchandise } from '../catalogue/index.ts'
import { type RenderedEmail, renderRecoveryEmail, type ShopIdentity } from '../email/render.ts'
import type { Queryable } from '../storage/index.ts'
import { getAbandonmentSettings } from './settings.ts'

/** What the sweep and the email need beyond the cart context. */
export interface AbandonmentContext extends ShopContext {
  shop: ShopIdentity
  /** The address recovery emails come from. */
  from: string
  /** The storefront recovery URL for a cart (with its signed token). */
  recoveryUrl: (cartId: string) => string
  /** The one-click unsubscribe URL of a recipient (with its signed token, never the address). */
  unsubscribeUrl: (recipientId: string) => string
}

/** Builds the recovery email of a cart. */
export async function buildRecoveryEmail(
  db: Queryable,
  ctx: AbandonmentContext,
  cart: CartSnapshot,
  recoveryUrl: string,
  unsubscribeUrl?: string,
): Promise<RenderedEmail> {
  const settings = await getAbandonmentSettings(db, ctx.shopId)
  const items = await findMerchandise(
    db,
    ctx.shopId,
    cart.lines.map((line) => line.merchandise.id),
    ctx.assetBaseUrl,
  )
  const descriptions = new Map([...items].map(([id, item]) => [id, item.description]))
  return renderRecoveryEmail({
    shop: ctx.shop,
    cart,
    descriptions,
    message: settings.message,
    recoveryUrl,
    unsubscribeUrl,
  })
}
