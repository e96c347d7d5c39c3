import { newId } from '../carts/ids.ts'
import { isoAt } from '../clock/index.ts'
import type { Queryable } from '../storage/index.ts'
import { tagKey, uniqueTags } from '../tags/index.ts'

/** What customer operations need: the shop and the time. */
export interface CustomerContext {
  shopId: string
  clock: { now(): number }
}

/** An erasure request as the merchant sees it. */
export interface ErasureRequest {
  id: string
  /** `pending` until the sweep has carried it out. */
  status: 'pending' | 'completed'
  requestedAt: string
  completedAt: string | null
}

/**
 * A customer profile as the merchant sees it (docs/domain.md R13–R15). Staff only: the tags
 * and the note are never returned by a storefront route.
 */
export interface CustomerProfile {
  id: string
  /** `null` once the profile was erased. */
  email: string | null
  /** Consent confirmed for the profile; consent given at checkout stays on that cart. */
  marketingConsent: boolean
  /** Compared case-insensitively (R14); the first spelling is kept. */
  tags: string[]
  /** The staff's note. */
  note: string
  ordersCount: number
  lastCartId: string | null
  createdAt: string
  updatedAt: string
  /** The latest erasure request, or `null`. */
  erasure: ErasureRequest | null
}

/** Why a profile cannot be deleted (docs/domain.md R15). */
export type DeletionBlocker = 'orders' | 'active_subscription' | 'erasure_pending'

interface CustomerRow {
  id: string
  email: string
  marketing_consent: boolean
  note: string
  last_cart_id: string | null
  created_at: Date | string
  updated_at: Date | string
  erased_at: Date | string | null
  tags: string[] | null
  orders_count: number
  erasure: {
    id: string
    status: 'pending' | 'completed'
    requested_at: string
    completed_at: string | null
  } | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

const SELECT_PROFILE = `SELECT c.id, c.email, c.marketing_consent, c.note, c.last_cart_id, c.created_at,
       c.updated_at, c.erased_at,
       (SELECT json_agg(t.tag ORDER BY t.position) FROM customer_tags t WHERE t.customer_id = c.id) AS tags,
       (SELECT count(*)::int FROM orders o WHERE o.customer_id = c.id) AS orders_count,
       (SELECT json_build_object('id', e.id, 'status', e.status, 'requested_at', e.requested_at,
               'completed_at', e.completed_at)
          FROM erasure_requests e WHERE e.customer_id = c.id
         ORDER BY e.requested_at DESC, e.id DESC LIMIT 1) AS erasure
  FROM customers c`

function toProfile(row: CustomerRow): CustomerProfile {
  return {
    id: row.id,
    email: row.erased_at === null ? row.email : null,
    marketingConsent: row.marketing_consent,
    tags: row.tags ?? [],
    note: row.note,
    ordersCount: row.orders_count,
    lastCartId: row.last_cart_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    erasure: row.erasure && {
      id: row.erasure.id,
      status: row.erasure.status,
      requestedAt: iso(row.erasure.requested_at),
      completedAt: row.erasure.completed_at === null ? null : iso(row.erasure.completed_at),
    },
  }
}

/** One profile of the shop, or `null`. */
export async function getCustomer(
  db: Queryable,
  shopId: string,
  customerId: string,
): Promise<CustomerProfile | null> {
  const { rows } = await db.query<CustomerRow & Record<string, unknown>>(
    `${SELECT_PROFILE} WHERE c.shop_id = $1 AND c.id = $2`,
    [shopId, customerId],
  )
  return rows[0] ? toProfile(rows[0]) : null
}

/** What {@link listCustomers} looks for. */
export interface CustomerSearch {
  /** Part of the email address, any case. */
  query?: string | undefined
  /** Profiles with this tag, any case (docs/domain.md R14). */
  tag?: string | undefined
  /** 1–200. */
  limit: number
  /** Where the previous page ended (its `nextCursor`). */
  cursor?: string | undefined
}

function encodeCursor(row: CustomerRow): string {
  return Buffer.from(JSON.stringify([iso(row.created_at), row.id])).toString('base64url')
}

/** The position a cursor names, or `null` when it is not one of ours. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string'
    ) {
      return { createdAt: value[0], id: value[1] }
    }
  } catch {}
  return null
}

/**
 * The shop's profiles, newest first, `limit` at a time: all of them, those whose address
 * contains `query`, or those tagged `tag`. Erased profiles match no query.
 */
export async function listCustomers(
  db: Queryable,
  shopId: string,
  search: CustomerSearch,
): Promise<{ customers: CustomerProfile[]; nextCursor: string | null }> {
  const after = search.cursor === undefined ? null : decodeCursor(search.cursor)
  const query = search.query?.trim().toLowerCase() || null
  const { rows } = await db.query<CustomerRow & Record<string, unknown>>(
    `${SELECT_PROFILE}
      WHERE c.shop_id = $1
        AND ($2::text IS NULL OR (c.erased_at IS NULL AND strpos(c.email_normalized, $2::text) > 0))
        AND ($3::text IS NULL OR EXISTS (
              SELECT 1 FROM customer_tags t WHERE t.customer_id = c.id AND t.tag_key = $3::text))
        AND ($4::timestamptz IS NULL OR (c.created_at, c.id) < ($4::timestamptz, $5::text))
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT $6`,
    [
      shopId,
      query,
      search.tag === undefined ? null : tagKey(search.tag),
      after?.createdAt ?? null,
      after?.id ?? '',
      search.limit + 1,
    ],
  )
  const page = rows.slice(0, search.limit)
  return {
    customers: page.map(toProfile),
    nextCursor: rows.length > search.limit ? encodeCursor(page.at(-1)!) : null,
  }
}

/** A staff change to a profile. */
export interface CustomerUpdate {
  /** The whole list of tags (a target): repeats in another case are one tag (R14). */
  tags?: readonly string[] | undefined
  /** The staff's note; never shown to the customer (R14). */
  note?: string | undefined
}

/** Changes a profile's tags and note; resolves the profile, or `null` when there is none. */
export async function updateCustomer(
  db: Queryable,
  ctx: CustomerContext,
  customerId: string,
  update: CustomerUpdate,
): Promise<CustomerProfile | null> {
  const { rows } = await db.query(
    `UPDATE customers SET note = COALESCE($3, note), updated_at = $4
      WHERE shop_id = $1 AND id = $2 RETURNING id`,
    [ctx.shopId, customerId, update.note ?? null, isoAt(ctx.clock.now())],
  )
  if (rows.length === 0) return null
  if (update.tags) {
    await db.query('DELETE FROM customer_tags WHERE customer_id = $1', [customerId])
    let position = 0
    for (const tag of uniqueTags(update.tags)) {
      await db.query(
        `INSERT INTO customer_tags (customer_id, shop_id, tag, tag_key, position)
         VALUES ($1, $2, $3, $4, $5)`,
        [customerId, ctx.shopId, tag, tagKey(tag), position++],
      )
    }
  }
  return getCustomer(db, ctx.shopId, customerId)
}

/**
 * Why each of `customerIds` cannot be deleted (docs/domain.md R15): an order history, an active
 * subscription or a pending erasure request. Tote has no subscriptions, so that reason never
 * comes up yet. Profiles with no reason are left out; so are ids the shop does not have.
 */
export async function deletionBlockers(
  db: Queryable,
  shopId: string,
  customerIds: readonly string[],
): Promise<Map<string, DeletionBlocker[]>> {
  const { rows } = await db.query<{ id: string; has_orders: boolean; erasure_pending: boolean }>(
    `SELECT c.id,
            EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) AS has_orders,
            EXISTS (SELECT 1 FROM erasure_requests e
                     WHERE e.customer_id = c.id AND e.status = 'pending') AS erasure_pending
       FROM customers c WHERE c.shop_id = $1 AND c.id = ANY($2::text[])`,
    [shopId, [...customerIds]],
  )
  const blockers = new Map<string, DeletionBlocker[]>()
  for (const row of rows) {
    const reasons: DeletionBlocker[] = []
    if (row.has_orders) reasons.push('orders')
    if (row.erasure_pending) reasons.push('erasure_pending')
    if (reasons.length > 0) blockers.set(row.id, reasons)
  }
  return blockers
}

/** What {@link deleteCustomers} did. */
export interface CustomerDeletion {
  deleted: string[]
  /** Profiles kept, with why (docs/domain.md R15). */
  kept: { id: string; reasons: DeletionBlocker[] }[]
  /** Ids the shop has no profile for. */
  notFound: string[]
}

/**
 * Deletes the profiles that can be deleted and keeps the others (docs/domain.md R15), in one
 * transaction (`db` must be one): the profiles are locked first, so an order or an erasure
 * request cannot slip in between the check and the delete. Their carts stay, without the link
 * to the profile; deleting a profile is not an erasure (see {@link requestErasure}).
 */
export async function deleteCustomers(
  db: Queryable,
  shopId: string,
  customerIds: readonly string[],
): Promise<CustomerDeletion> {
  const ids = [...new Set(customerIds)]
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM customers WHERE shop_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
    [shopId, ids],
  )
  const found = new Set(rows.map((row) => row.id))
  const blockers = await deletionBlockers(db, shopId, [...found])
  const deletable = ids.filter((id) => found.has(id) && !blockers.has(id))
  if (deletable.length > 0) {
    await db.query('UPDATE carts SET customer_id = NULL WHERE customer_id = ANY($1::text[])', [
      deletable,
    ])
    await db.query('DELETE FROM customers WHERE shop_id = $1 AND id = ANY($2::text[])', [
      shopId,
      deletable,
    ])
  }
  return {
    deleted: deletable,
    kept: ids.flatMap((id) => {
      const reasons = blockers.get(id)
      return reasons ? [{ id, reasons }] : []
    }),
    notFound: ids.filter((id) => !found.has(id)),
  }
}

/**
 * Records an erasure request for a profile: the next sweep removes the person's address from
 * their carts, the outbox and the idempotency records, and erases or deletes the profile
 * (see `carryOutErasures`). Until then the request is pending and the profile cannot be
 * deleted (docs/domain.md R15). Their queued recovery emails are cancelled at once. A second
 * request while one is pending returns that one. Resolves `null` when there is no profile.
 */
export async function requestErasure(
  db: Queryable,
  ctx: CustomerContext,
  customerId: string,
): Promise<ErasureRequest | null> {
  const { rows } = await db.query<{ email: string; erased_at: Date | string | null }>(
    'SELECT email, erased_at FROM customers WHERE shop_id = $1 AND id = $2 FOR UPDATE',
    [ctx.shopId, customerId],
  )
  const customer = rows[0]
  if (!customer) return null
  const existing = (await getCustomer(db, ctx.shopId, customerId))!.erasure
  if (existing && (existing.status === 'pending' || customer.erased_at !== null)) return existing
  const now = isoAt(ctx.clock.now())
  const id = newId('era', 12)
  await db.query(
    `INSERT INTO erasure_requests (id, shop_id, customer_id, email, status, requested_at)
     VALUES ($1, $2, $3, $4, 'pending', $5)`,
    [id, ctx.shopId, customerId, customer.email, now],
  )
  await db.query(
    `UPDATE abandonment_emails q SET status = 'cancelled', updated_at = $3
       FROM carts c
      WHERE c.id = q.cart_id AND c.shop_id = $1 AND q.status = 'queued'
        AND (c.customer_id = $2 OR lower(c.email) = $4)`,
    [ctx.shopId, customerId, now, customer.email.trim().toLowerCase()],
  )
  return { id, status: 'pending', requestedAt: now, completedAt: null }
}
