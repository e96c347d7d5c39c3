import { newId } from '../carts/ids.ts'
import { isoAt } from '../clock/index.ts'
import type { Queryable } from '../storage/index.ts'
import { diffTags, tagKey, uniqueTags } from '../tags/index.ts'

/** What order operations need: the shop and the time. */
export interface OrderContext {
  shopId: string
  clock: { now(): number }
}

/** An order's billing address. Set once, never changed (docs/domain.md R20). */
export interface BillingAddress {
  name: string
  company: string | null
  line1: string
  line2: string | null
  city: string
  region: string | null
  postalCode: string | null
  /** ISO 3166-1 alpha-2. */
  country: string
  phone: string | null
}

/** What happened to an order, for staff only (docs/domain.md R21). */
export type OrderEventType =
  | 'order_placed'
  | 'note_added'
  | 'tag_added'
  | 'tag_removed'
  | 'billing_address_set'

/** One entry of an order's timeline. */
export interface OrderEvent {
  id: string
  type: OrderEventType
  /** When it happened (ISO), by the server's clock. */
  at: string
  /**
   * `order_placed`: `{ total, recovered }`; `note_added`: `{ text }`; `tag_added` and
   * `tag_removed`: `{ tag }`; `billing_address_set`: `{}` (the address is on the order).
   */
  data: Record<string, unknown>
}

/** An order as the merchant sees it: with its tags, billing address and timeline. */
export interface MerchantOrder {
  id: string
  cartId: string
  customerId: string | null
  total: { amount: number; currency: string }
  recovered: boolean
  createdAt: string
  /** At most 40 characters each, compared case-insensitively (docs/domain.md R18). */
  tags: string[]
  billingAddress: BillingAddress | null
  /** Oldest first (docs/domain.md R21). */
  timeline: OrderEvent[]
}

interface OrderRow {
  id: string
  cart_id: string
  customer_id: string | null
  total: number | string
  currency: string
  recovered: boolean
  created_at: Date | string
  billing_address: BillingAddress | null
  tags: string[] | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

const SELECT_ORDER = `SELECT o.id, o.cart_id, o.customer_id, o.total, o.currency, o.recovered, o.created_at,
       o.billing_address,
       (SELECT json_agg(t.tag ORDER BY t.position) FROM order_tags t WHERE t.order_id = o.id) AS tags
  FROM orders o`

function toOrder(row: OrderRow, timeline: OrderEvent[]): MerchantOrder {
  return {
    id: row.id,
    cartId: row.cart_id,
    customerId: row.customer_id,
    total: { amount: Number(row.total), currency: row.currency },
    recovered: row.recovered,
    createdAt: iso(row.created_at),
    tags: row.tags ?? [],
    billingAddress: row.billing_address,
    timeline,
  }
}

/** Adds an event to an order's timeline (docs/domain.md R21). */
export async function recordOrderEvent(
  db: Queryable,
  ctx: OrderContext,
  orderId: string,
  type: OrderEventType,
  data: Record<string, unknown> = {},
): Promise<OrderEvent> {
  const event: OrderEvent = { id: newId('evt', 12), type, at: isoAt(ctx.clock.now()), data }
  await db.query(
    `INSERT INTO order_events (id, shop_id, order_id, type, data, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [event.id, ctx.shopId, orderId, type, JSON.stringify(data), event.at],
  )
  return event
}

/** An order's timeline, oldest first. */
export async function orderTimeline(
  db: Queryable,
  shopId: string,
  orderId: string,
): Promise<OrderEvent[]> {
  const { rows } = await db.query<{
    id: string
    type: OrderEventType
    data: Record<string, unknown>
    created_at: Date | string
  }>(
    `SELECT id, type, data, created_at FROM order_events WHERE shop_id = $1 AND order_id = $2
      ORDER BY created_at, seq`,
    [shopId, orderId],
  )
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    at: iso(row.created_at),
    data: row.data,
  }))
}

/** One order of the shop with its timeline, or `null`. */
export async function getMerchantOrder(
  db: Queryable,
  shopId: string,
  orderId: string,
): Promise<MerchantOrder | null> {
  const { rows } = await db.query<OrderRow & Record<string, unknown>>(
    `${SELECT_ORDER} WHERE o.shop_id = $1 AND o.id = $2`,
    [shopId, orderId],
  )
  const row = rows[0]
  return row ? toOrder(row, await orderTimeline(db, shopId, orderId)) : null
}

/**
 * The shop's orders, newest first, without their timelines (`timeline` is empty; read one
 * order for it): all of them, a customer's, or those tagged `tag` (any case, R18).
 */
export async function listMerchantOrders(
  db: Queryable,
  shopId: string,
  options: { tag?: string | undefined; customerId?: string | undefined; limit: number },
): Promise<MerchantOrder[]> {
  const { rows } = await db.query<OrderRow & Record<string, unknown>>(
    `${SELECT_ORDER}
      WHERE o.shop_id = $1
        AND ($2::text IS NULL OR EXISTS (
              SELECT 1 FROM order_tags t WHERE t.order_id = o.id AND t.tag_key = $2::text))
        AND ($3::text IS NULL OR o.customer_id = $3::text)
      ORDER BY o.created_at DESC, o.id DESC
      LIMIT $4`,
    [
      shopId,
      options.tag === undefined ? null : tagKey(options.tag),
      options.customerId ?? null,
      options.limit,
    ],
  )
  return rows.map((row) => toOrder(row, []))
}

/**
 * Sets an order's tags (the whole list, a target): tags are compared case-insensitively, so
 * `VIP` and `vip` are one (docs/domain.md R18); each addition and removal goes on the
 * timeline (R21). Resolves `false` when the shop has no such order.
 */
export async function setOrderTags(
  db: Queryable,
  ctx: OrderContext,
  orderId: string,
  tags: readonly string[],
): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT id FROM orders WHERE shop_id = $1 AND id = $2 FOR UPDATE',
    [ctx.shopId, orderId],
  )
  if (rows.length === 0) return false
  const before = await db.query<{ tag: string }>(
    'SELECT tag FROM order_tags WHERE order_id = $1 ORDER BY position',
    [orderId],
  )
  const next = uniqueTags(tags)
  const { added, removed } = diffTags(
    before.rows.map((row) => row.tag),
    next,
  )
  await db.query('DELETE FROM order_tags WHERE order_id = $1', [orderId])
  let position = 0
  for (const tag of next) {
    await db.query(
      `INSERT INTO order_tags (order_id, shop_id, tag, tag_key, position) VALUES ($1, $2, $3, $4, $5)`,
      [orderId, ctx.shopId, tag, tagKey(tag), position++],
    )
  }
  for (const tag of added) await recordOrderEvent(db, ctx, orderId, 'tag_added', { tag })
  for (const tag of removed) await recordOrderEvent(db, ctx, orderId, 'tag_removed', { tag })
  return true
}

/**
 * Sets an order's billing address, once (docs/domain.md R20): `set` the first time,
 * `unchanged` for the same address again, `locked` for another address once one is set (a
 * database trigger refuses the change too), `not_found` when the shop has no such order.
 */
export async function setBillingAddress(
  db: Queryable,
  ctx: OrderContext,
  orderId: string,
  address: BillingAddress,
): Promise<'set' | 'unchanged' | 'locked' | 'not_found'> {
  const json = JSON.stringify(address)
  const { rows } = await db.query(
    `UPDATE orders SET billing_address = $3::jsonb
      WHERE shop_id = $1 AND id = $2 AND billing_address IS NULL RETURNING id`,
    [ctx.shopId, orderId, json],
  )
  if (rows.length > 0) {
    await recordOrderEvent(db, ctx, orderId, 'billing_address_set')
    return 'set'
  }
  const current = await db.query<{ same: boolean }>(
    'SELECT billing_address = $3::jsonb AS same FROM orders WHERE shop_id = $1 AND id = $2',
    [ctx.shopId, orderId, json],
  )
  const row = current.rows[0]
  if (!row) return 'not_found'
  return row.same ? 'unchanged' : 'locked'
}

/** Adds a staff note to an order's timeline (docs/domain.md R21); `null` when there is no order. */
export async function addOrderNote(
  db: Queryable,
  ctx: OrderContext,
  orderId: string,
  text: string,
): Promise<OrderEvent | null> {
  const { rows } = await db.query('SELECT id FROM orders WHERE shop_id = $1 AND id = $2', [
    ctx.shopId,
    orderId,
  ])
  if (rows.length === 0) return null
  return recordOrderEvent(db, ctx, orderId, 'note_added', { text })
}
