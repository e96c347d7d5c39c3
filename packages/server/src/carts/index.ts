import { createHash } from 'node:crypto'
import type { CartOp, CartSnapshot, Merchandise, NoticeInput } from '@tote/core/adapter'
import { lineKey } from '@tote/core/adapter'
import { scheduleAbandonmentEmail } from '../abandonment/queue.ts'
import { type Clock, isoAt } from '../clock/index.ts'
import { ProtocolError } from '../http/errors.ts'
import { DEFAULT_CART_LIMITS, MAX_CART_AMOUNT, MAX_LINE_AMOUNT } from '../limits/index.ts'
import { recordOrderEvent } from '../orders/index.ts'
import type { Queryable, Row, Statement } from '../storage/index.ts'
import { newId } from './ids.ts'
import { type LineAfterWrite, planLineWrites, type StoredLine } from './lines.ts'

/** What cart operations need to know about the shop they run for. */
export interface ShopContext {
  shopId: string
  currency: string
  clock: Clock
  /** Absolute origin that relative image paths are resolved against. */
  assetBaseUrl: string
  /** The storefront checkout URL of a cart, or `null`. */
  checkoutUrl: (cartId: string) => string | null
  /** How long an active cart lives after its last change, in milliseconds. */
  cartLifetimeMs: number
  /** Lines one cart may hold. @default DEFAULT_CART_LIMITS.lines (500) */
  maxCartLines?: number
}

/** A write's outcome: the whole cart and the expected commerce outcomes as notices. */
export interface CartWrite {
  cart: CartSnapshot
  notices: NoticeInput[]
}

interface CartRow extends Row {
  status: 'active' | 'completed'
  currency: string
  version: number
  email: string | null
  marketing_consent: boolean
  customer_id: string | null
  note: string
  attributes: Record<string, string>
  discount_codes: { code: string; applicable: boolean }[]
  subtotal: number
  total: number
  discount: number | null
  updated_at: Date | string
}

/** A line of the answer: merchandise as stored (reads) or as the catalogue has it (writes). */
interface SnapshotLine {
  key: string
  id: string
  merchandise: Merchandise
  quantity: number
  attributes: Record<string, string>
}

type WorkingLine = LineAfterWrite

/** What a write computed: its answer, and the statements that store it (not run yet). */
export interface PendingWrite {
  body: CartWrite
  writes: Statement[]
}

const CART_COLUMNS = `c.status, c.currency, c.version, c.email, c.marketing_consent, c.customer_id,
  c.note, c.attributes, c.discount_codes, c.subtotal, c.total, c.discount, c.updated_at`

/** Variants as they are now, as JSON arrays (see {@link toMerchandise}). */
const CATALOGUE = `SELECT json_agg(json_build_array(v.id, v.product_id, v.title, v.options, v.price,
         v.compare_at_price, v.currency, v.stock, p.title, p.image_url, p.image_alt))
    FROM variants v JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
   WHERE v.shop_id = $2 AND NOT v.discontinued`

const DISCOUNTS =
  'SELECT json_agg(json_build_array(d.code, d.percent_off)) FROM discount_codes d WHERE d.shop_id = $2'

/**
 * Everything a write to a cart reads, in one statement: the cart, its lines (without their
 * merchandise: its fingerprint tells whether it changed), the catalogue's merchandise of
 * those lines and of the batch, and the discount codes the cart may carry. Run after the
 * cart's row is locked, so it reads the last committed write.
 */
const LOAD_FOR_WRITE = `SELECT ${CART_COLUMNS},
  (SELECT json_agg(json_build_array(l.line_key, l.id, l.merchandise_id, l.attributes, l.quantity,
          l.position, l.merchandise_hash) ORDER BY l.position)
     FROM cart_lines l WHERE l.cart_id = c.id) AS lines,
  (${CATALOGUE} AND v.id = ANY(ARRAY(SELECT l.merchandise_id FROM cart_lines l WHERE l.cart_id = c.id)
     || $3::text[])) AS catalogue,
  (${DISCOUNTS} AND upper(d.code) = ANY(ARRAY(SELECT upper(x ->> 'code')
     FROM jsonb_array_elements(c.discount_codes) x) || $4::text[])) AS codes
FROM carts c WHERE c.id = $1 AND c.shop_id = $2`

/** The catalogue and discount codes of a new cart's batch. */
const LOAD_FOR_NEW = `SELECT (${CATALOGUE} AND v.id = ANY($3::text[])) AS catalogue,
  (${DISCOUNTS} AND upper(d.code) = ANY($4::text[])) AS codes FROM (SELECT $1::text) AS unused`

/** A cart and its lines as stored: one statement. */
const READ_CART = `SELECT ${CART_COLUMNS},
  (SELECT json_agg(json_build_array(l.line_key, l.id, l.merchandise, l.quantity, l.attributes)
          ORDER BY l.position)
     FROM cart_lines l WHERE l.cart_id = c.id) AS lines
FROM carts c WHERE c.id = $1 AND c.shop_id = $2`

type CatalogueRow = [
  id: string,
  productId: string,
  title: string,
  options: { name: string; value: string }[],
  price: number,
  compareAtPrice: number | null,
  currency: string,
  stock: number | null,
  productTitle: string,
  imageUrl: string | null,
  imageAlt: string | null,
]

interface CatalogueEntry {
  merchandise: Merchandise
  hash: string
}

function toMerchandise(row: CatalogueRow, assetBaseUrl: string): Merchandise {
  const [id, productId, title, options, price, compareAt, currency, stock, productTitle] = row
  const [, , , , , , , , , imageUrl, imageAlt] = row
  const url = imageUrl && !/^https?:\/\//.test(imageUrl) ? `${assetBaseUrl}${imageUrl}` : imageUrl
  return {
    id,
    productId,
    productTitle,
    title,
    image: url ? { url, ...(imageAlt ? { alt: imageAlt } : {}) } : null,
    options,
    price: { amount: price, currency },
    compareAtPrice: compareAt === null ? null : { amount: compareAt, currency },
    available: stock === null || stock > 0,
    quantityAvailable: stock,
  }
}

function readCatalogue(rows: CatalogueRow[] | null, assetBaseUrl: string) {
  const found = new Map<string, CatalogueEntry>()
  for (const row of rows ?? []) {
    const merchandise = toMerchandise(row, assetBaseUrl)
    const hash = createHash('sha1').update(JSON.stringify(merchandise)).digest('base64url')
    found.set(row[0], { merchandise, hash })
  }
  return found
}

function toSnapshot(
  ctx: ShopContext,
  id: string,
  cart: CartRow,
  lines: readonly SnapshotLine[],
): CartSnapshot {
  const currency = cart.currency
  const amount = (value: number) => ({ amount: value, currency })
  return {
    id,
    version: cart.version,
    status: cart.status,
    currency,
    lines: lines.map((line) => {
      const unit = line.merchandise.price.amount
      return {
        key: line.key,
        id: line.id,
        merchandise: line.merchandise,
        quantity: line.quantity,
        attributes: line.attributes,
        cost: {
          unitPrice: amount(unit),
          subtotal: amount(unit * line.quantity),
          total: amount(unit * line.quantity),
        },
      }
    }),
    cost: {
      subtotal: amount(cart.subtotal),
      total: amount(cart.total),
      discount: cart.discount === null ? null : amount(cart.discount),
      tax: null,
    },
    email: cart.email,
    note: cart.note,
    attributes: cart.attributes,
    discountCodes: cart.discount_codes,
    checkoutUrl: cart.status === 'active' ? ctx.checkoutUrl(id) : null,
    updatedAt: new Date(cart.updated_at).toISOString(),
  }
}

/**
 * Whether a cart expired: active, and not changed for the shop's cart lifetime. A completed
 * cart never expires; it stays an order's cart (docs/domain.md R17).
 */
export function isCartExpired(
  ctx: Pick<ShopContext, 'clock' | 'cartLifetimeMs'>,
  cart: { status: string; updatedAt: Date | string },
): boolean {
  return (
    cart.status === 'active' &&
    ctx.clock.now() >= new Date(cart.updatedAt).getTime() + ctx.cartLifetimeMs
  )
}

function cartExpired(cartId: string): ProtocolError {
  return new ProtocolError(410, 'cart_expired', 'This cart expired; start a new cart', { cartId })
}

/**
 * The cart as a shopper may read it: `null` when this shop has no such cart, and a
 * `410 cart_expired` when it expired (see {@link isCartExpired}).
 */
export async function readCart(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
): Promise<CartSnapshot | null> {
  const cart = await getCart(db, ctx, cartId)
  if (cart && isCartExpired(ctx, cart)) throw cartExpired(cartId)
  return cart
}

/** The cart as last written, or `null` when this shop has no such cart. Expired ones too. */
export async function getCart(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
): Promise<CartSnapshot | null> {
  const { rows } = await db.query<
    CartRow & {
      lines: [string, string, Merchandise, number, Record<string, string>][] | null
    }
  >(READ_CART, [cartId, ctx.shopId])
  const cart = rows[0]
  if (!cart) return null
  const lines = (cart.lines ?? []).map(([key, id, merchandise, quantity, attributes]) => ({
    key,
    id,
    merchandise,
    quantity,
    attributes,
  }))
  return toSnapshot(ctx, cartId, cart, lines)
}

/**
 * The statement that locks a cart's row for a write. A write runs it first (with its
 * idempotency key's claim); what it reads afterwards is the last committed write.
 */
export function lockCart(ctx: ShopContext, cartId: string): Statement {
  return {
    sql: 'SELECT 1 FROM carts WHERE id = $1 AND shop_id = $2 FOR UPDATE',
    params: [cartId, ctx.shopId],
  }
}

function assertWritable(ctx: ShopContext, cartId: string, cart: CartRow | undefined): CartRow {
  if (!cart) throw new ProtocolError(404, 'cart_not_found', 'No such cart', { cartId })
  if (cart.status === 'completed') {
    throw new ProtocolError(410, 'cart_completed', 'This cart became an order; start a new cart', {
      cartId,
    })
  }
  if (isCartExpired(ctx, { status: cart.status, updatedAt: cart.updated_at }))
    throw cartExpired(cartId)
  return cart
}

/** The cart's row, for writes that need no lines. Its row must be locked (see {@link lockCart}). */
async function requireWritableCart(db: Queryable, ctx: ShopContext, cartId: string) {
  const { rows } = await db.query<CartRow>(
    `SELECT ${CART_COLUMNS} FROM carts c WHERE c.id = $1 AND c.shop_id = $2`,
    [cartId, ctx.shopId],
  )
  return assertWritable(ctx, cartId, rows[0])
}

/** Merchandise ids and upper-cased discount codes a batch names. */
function namedBy(ops: readonly CartOp[]): { ids: string[]; codes: string[] } {
  const ids: string[] = []
  const codes: string[] = []
  for (const op of ops) {
    if (op.type === 'setLine') ids.push(op.merchandiseId)
    else if (op.type === 'setDiscountCodes') {
      for (const code of op.codes) codes.push(code.trim().toUpperCase())
    }
  }
  return { ids, codes }
}

type LineTuple = [string, string, string, Record<string, string>, number, number, string | null]

/**
 * Creates a cart and applies `ops` to it. Reads at most one statement (the catalogue, when
 * the batch names merchandise or codes); the cart and its lines are stored by the returned
 * writes.
 */
export async function createCart(
  db: Queryable,
  ctx: ShopContext,
  ops: readonly CartOp[],
): Promise<PendingWrite> {
  const id = newId('cart')
  const { ids, codes } = namedBy(ops)
  let catalogue: CatalogueRow[] | null = null
  let discounts: [string, number][] | null = null
  if (ids.length > 0 || codes.length > 0) {
    const { rows } = await db.query<{
      catalogue: CatalogueRow[] | null
      codes: [string, number][] | null
    }>(LOAD_FOR_NEW, [id, ctx.shopId, [...new Set(ids)], codes])
    catalogue = rows[0]?.catalogue ?? null
    discounts = rows[0]?.codes ?? null
  }
  const empty: CartRow = {
    status: 'active',
    currency: ctx.currency,
    version: 0,
    email: null,
    marketing_consent: false,
    customer_id: null,
    note: '',
    attributes: {},
    discount_codes: [],
    subtotal: 0,
    total: 0,
    discount: null,
    updated_at: isoAt(ctx.clock.now()),
  }
  return planWrite(ctx, id, empty, [], readCatalogue(catalogue, ctx.assetBaseUrl), discounts, ops, {
    created: true,
  })
}

/**
 * Applies one batch of target-state operations. Each `setLine` sets the line's quantity
 * (0 removes it); quantities above stock are lowered with an `insufficient_stock` notice,
 * sold-out and discontinued merchandise is refused with `out_of_stock` / `discontinued`.
 * Every write re-prices the lines to the catalogue as it is now and restarts the
 * abandonment delay (docs/domain.md R4).
 *
 * The cart's row must be locked (see {@link lockCart}). Reads one statement; returns the
 * answer and the writes that store it, for the caller to run in one statement with its own.
 */
export async function applyOps(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
  ops: readonly CartOp[],
): Promise<PendingWrite> {
  const { ids, codes } = namedBy(ops)
  const { rows } = await db.query<
    CartRow & {
      lines: LineTuple[] | null
      catalogue: CatalogueRow[] | null
      codes: [string, number][] | null
    }
  >(LOAD_FOR_WRITE, [cartId, ctx.shopId, [...new Set(ids)], codes])
  const cart = assertWritable(ctx, cartId, rows[0])
  const lines = (rows[0]!.lines ?? []).map(
    ([line_key, id, merchandise_id, attributes, quantity, position, merchandise_hash]) => ({
      line_key,
      id,
      merchandise_id,
      attributes,
      quantity,
      position,
      merchandise_hash,
    }),
  )
  const catalogue = readCatalogue(rows[0]!.catalogue, ctx.assetBaseUrl)
  return planWrite(ctx, cartId, cart, lines, catalogue, rows[0]!.codes, ops, { created: false }, db)
}

/** The title a line's merchandise had when it was stored, for a `discontinued` notice. */
async function storedTitles(
  db: Queryable | undefined,
  cartId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (!db || keys.length === 0) return new Map()
  const { rows } = await db.query<{ line_key: string; title: string }>(
    `SELECT line_key, merchandise ->> 'productTitle' AS title FROM cart_lines
      WHERE cart_id = $1 AND line_key = ANY($2::text[])`,
    [cartId, keys],
  )
  return new Map(rows.map((row) => [row.line_key, row.title]))
}

async function planWrite(
  ctx: ShopContext,
  cartId: string,
  cart: CartRow,
  lines: readonly StoredLine[],
  catalogue: Map<string, CatalogueEntry>,
  discountRows: [string, number][] | null,
  ops: readonly CartOp[],
  how: { created: boolean },
  db?: Queryable,
): Promise<PendingWrite> {
  const notices: NoticeInput[] = []
  // Lines whose merchandise left the catalogue: their stored title, for the notice.
  const gone = lines
    .filter((line) => !catalogue.has(line.merchandise_id))
    .map((line) => line.line_key)
  const titles = await storedTitles(db, cartId, gone)
  const titleOf = (key: string) => titles.get(key)
  const working = new Map<string, WorkingLine | StoredLine>(
    lines.map((line) => [line.line_key, line]),
  )
  let note = cart.note
  let attributes = cart.attributes
  let requestedCodes = cart.discount_codes.map((discount) => discount.code)

  for (const op of ops) {
    switch (op.type) {
      case 'setLine': {
        const key = lineKey(op.merchandiseId, op.attributes)
        if (key !== op.lineKey) {
          throw new ProtocolError(
            400,
            'invalid_request',
            'lineKey does not match merchandiseId and attributes',
            {
              lineKey: op.lineKey,
              expected: key,
            },
          )
        }
        const existing = working.get(key)
        if (op.quantity === 0) {
          working.delete(key)
          break
        }
        const item = catalogue.get(op.merchandiseId)
        const base = { lineKey: key, merchandiseId: op.merchandiseId }
        if (!item) {
          working.delete(key)
          const title = existing
            ? 'merchandise' in existing
              ? existing.merchandise.productTitle
              : titleOf(key)
            : undefined
          notices.push({ code: 'discontinued', ...base, ...(title ? { title } : {}) })
          break
        }
        const merchandise = item.merchandise
        const title = merchandise.productTitle
        if (!merchandise.available) {
          working.delete(key)
          notices.push({ code: 'out_of_stock', ...base, title })
          break
        }
        let quantity = op.quantity
        const stock = merchandise.quantityAvailable
        if (stock !== null && quantity > stock) {
          notices.push({ code: 'insufficient_stock', ...base, title, from: quantity, to: stock })
          quantity = stock
        }
        working.set(key, {
          key,
          id: existing?.id ?? newId('line', 9),
          merchandiseId: op.merchandiseId,
          attributes: { ...op.attributes },
          quantity,
          merchandise,
          merchandiseHash: item.hash,
        })
        break
      }
      case 'setNote':
        note = op.note
        break
      case 'setAttributes':
        attributes = { ...op.attributes }
        break
      case 'setDiscountCodes':
        requestedCodes = [...new Set(op.codes.map((code) => code.trim()).filter(Boolean))]
        break
    }
  }

  // Every line follows the catalogue on a write: today's prices, and merchandise removed from
  // the catalogue leaves the cart with a notice.
  const finalLines: WorkingLine[] = []
  for (const line of working.values()) {
    const stored = !('merchandise' in line)
    const key = stored ? line.line_key : line.key
    const merchandiseId = stored ? line.merchandise_id : line.merchandiseId
    const item = catalogue.get(merchandiseId)
    if (!item) {
      const title = stored ? titleOf(key) : line.merchandise.productTitle
      notices.push({
        code: 'discontinued',
        lineKey: key,
        merchandiseId,
        ...(title !== undefined ? { title } : {}),
      })
      continue
    }
    finalLines.push({
      key,
      id: line.id,
      merchandiseId,
      attributes: line.attributes,
      quantity: line.quantity,
      merchandise: item.merchandise,
      merchandiseHash: item.hash,
    })
  }

  const percentByCode = new Map<string, number>()
  for (const [code, percent] of discountRows ?? []) percentByCode.set(code.toUpperCase(), percent)
  const previousCodes = new Set(cart.discount_codes.map((discount) => discount.code))
  const discountCodes = requestedCodes.map((code) => {
    const applicable = percentByCode.has(code.toUpperCase())
    if (!applicable && !previousCodes.has(code))
      notices.push({ code: 'discount_rejected', discountCode: code })
    return { code, applicable }
  })

  checkCartSize(ctx, cartId, lines.length, finalLines.length)
  const subtotal = checkAmounts(cartId, lines, finalLines, notices)
  const percent = Math.min(
    100,
    discountCodes.reduce(
      (sum, discount) => sum + (percentByCode.get(discount.code.toUpperCase()) ?? 0),
      0,
    ),
  )
  // Exact in BigInt: subtotal × percent may pass 2^53 while the result never does.
  const discount = percent > 0 ? Number((BigInt(subtotal) * BigInt(percent)) / BigInt(100)) : null
  const now = isoAt(ctx.clock.now())
  const written: CartRow = {
    ...cart,
    version: cart.version + 1,
    note,
    attributes,
    discount_codes: discountCodes,
    subtotal,
    total: subtotal - (discount ?? 0),
    discount,
    updated_at: now,
  }
  const values = [
    cartId,
    note,
    JSON.stringify(attributes),
    JSON.stringify(discountCodes),
    subtotal,
    written.total,
    discount,
    now,
  ]
  const writes: Statement[] = [
    how.created
      ? {
          sql: `INSERT INTO carts (id, shop_id, currency, version, note, attributes, discount_codes,
                  subtotal, total, discount, created_at, updated_at)
                VALUES ($1, $9, $10, 1, $2, $3::jsonb, $4::jsonb, $5, $6, $7, $8, $8)`,
          params: [...values, ctx.shopId, ctx.currency],
        }
      : {
          sql: `UPDATE carts SET version = version + 1, note = $2, attributes = $3::jsonb,
                  discount_codes = $4::jsonb, subtotal = $5, total = $6, discount = $7,
                  updated_at = $8 WHERE id = $1`,
          params: values,
        },
  ]
  const planned = planLineWrites(cartId, lines, finalLines)
  writes.push(...planned.statements)
  // Only a cart with a checkout email is ever queued (docs/domain.md R3); the delay restarts.
  if (cart.email !== null) writes.push(requeueAbandonmentEmail(ctx, cartId, now))
  return {
    body: { cart: toSnapshot(ctx, cartId, written, finalLines), notices },
    writes,
  }
}

/**
 * (Re)queues an active cart's recovery email, due the shop's delay after `now`, when the
 * feature is on; never a cart already emailed (one recovery email per cart). The cart's
 * row is not read: the caller knows it is active and has an email.
 */
function requeueAbandonmentEmail(ctx: ShopContext, cartId: string, now: string): Statement {
  return {
    sql: `INSERT INTO abandonment_emails (cart_id, shop_id, status, due_at, updated_at)
     SELECT $1, s.shop_id, 'queued', $3::timestamptz + make_interval(mins => s.delay_minutes), $3
       FROM abandonment_settings s WHERE s.shop_id = $2 AND s.enabled
     ON CONFLICT (cart_id) DO UPDATE SET status = 'queued', due_at = EXCLUDED.due_at, updated_at = EXCLUDED.updated_at
      WHERE abandonment_emails.status <> 'sent'`,
    params: [cartId, ctx.shopId, now],
  }
}

/**
 * Refuses a write that would give the cart more lines than the shop allows (`422
 * cart_too_large`). A cart already over the limit (the limit was lowered) takes writes that do
 * not add lines, so the shopper can bring it down.
 */
function checkCartSize(ctx: ShopContext, cartId: string, before: number, after: number): void {
  const most = ctx.maxCartLines ?? DEFAULT_CART_LIMITS.lines
  if (after > most && after > before) {
    throw new ProtocolError(
      422,
      'cart_too_large',
      `A cart holds at most ${most} lines; remove some before adding others`,
      { cartId, maxLines: most, lines: after },
    )
  }
}

/**
 * Keeps money within {@link MAX_LINE_AMOUNT} per line and {@link MAX_CART_AMOUNT} per cart, so
 * every amount is a safe integer. A write that adds or raises a line and leaves that line over
 * the line maximum, or the cart over the cart maximum, is refused (`422 amount_too_large`).
 * A price raised in the catalogue may push a cart past them: such a cart stays writable (a
 * write that raises no line is applied) so the shopper can lower it, and a line its new price
 * alone pushes over the line maximum is lowered to what fits, with a `quantity_adjusted`
 * notice. Returns the subtotal.
 */
function checkAmounts(
  cartId: string,
  before: readonly StoredLine[],
  after: WorkingLine[],
  notices: NoticeInput[],
): number {
  const previous = new Map(before.map((line) => [line.line_key, line.quantity]))
  const tooLarge = (message: string, details: Record<string, unknown>) =>
    new ProtocolError(422, 'amount_too_large', message, {
      cartId,
      maxLineAmount: MAX_LINE_AMOUNT,
      maxCartAmount: MAX_CART_AMOUNT,
      ...details,
    })
  let subtotal = 0
  let raised = false
  for (const line of after) {
    const price = line.merchandise.price.amount
    const grew = line.quantity > (previous.get(line.key) ?? 0)
    raised ||= grew
    if (price * line.quantity > MAX_LINE_AMOUNT) {
      if (grew) {
        throw tooLarge(`A cart line may cost at most ${MAX_LINE_AMOUNT} minor units`, {
          lineKey: line.key,
        })
      }
      const fits = Math.floor(MAX_LINE_AMOUNT / price)
      notices.push({
        code: 'quantity_adjusted',
        lineKey: line.key,
        merchandiseId: line.merchandiseId,
        title: line.merchandise.productTitle,
        from: line.quantity,
        to: fits,
      })
      line.quantity = fits
    }
    subtotal += price * line.quantity
  }
  if (subtotal > MAX_CART_AMOUNT && raised) {
    throw tooLarge(`A cart may cost at most ${MAX_CART_AMOUNT} minor units`, { subtotal })
  }
  return subtotal
}

/**
 * Records the checkout email (docs/domain.md R3) and creates or updates the shop's customer profile
 * for it (R13). The same address and consent again changes nothing (no new version, the
 * abandonment delay is not restarted). Marketing consent stays on the cart: anyone may type
 * any address into an anonymous cart, so it never changes a profile's consent (a new profile
 * starts without).
 */
export async function captureEmail(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
  input: { email: string; consent: boolean },
): Promise<CartWrite> {
  const cart = await requireWritableCart(db, ctx, cartId)
  const email = input.email.trim()
  if (cart.email === email && cart.marketing_consent === input.consent) {
    return { cart: (await getCart(db, ctx, cartId))!, notices: [] }
  }
  const now = isoAt(ctx.clock.now())
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO customers (id, shop_id, email, email_normalized, last_cart_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (shop_id, email_normalized) DO UPDATE SET
       email = EXCLUDED.email, last_cart_id = EXCLUDED.last_cart_id, updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [newId('cus', 12), ctx.shopId, email, email.toLowerCase(), cartId, now],
  )
  await db.query(
    `UPDATE carts SET email = $2, marketing_consent = $3, customer_id = $4, version = version + 1,
       updated_at = $5, checkout_started_at = COALESCE(checkout_started_at, $5) WHERE id = $1`,
    [cartId, email, input.consent, rows[0]!.id, now],
  )
  await scheduleAbandonmentEmail(db, ctx, cartId)
  return { cart: (await getCart(db, ctx, cartId))!, notices: [] }
}

/** A placed order. */
export interface Order {
  id: string
  cartId: string
  total: { amount: number; currency: string }
  createdAt: string
  /** Whether the cart had been sent a recovery email before the order (docs/domain.md R10). */
  recovered: boolean
}

/**
 * Turns the cart into an order (checkout): takes the stock, completes the cart (docs/domain.md R17),
 * starts the order's staff timeline (R21) and cancels its queued abandonment email (R6).
 */
export async function completeCart(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
): Promise<{ order: Order; cart: CartSnapshot }> {
  const cart = await requireWritableCart(db, ctx, cartId)
  const { rows: lines } = await db.query<{ merchandise_id: string; quantity: number }>(
    'SELECT merchandise_id, quantity FROM cart_lines WHERE cart_id = $1 ORDER BY position',
    [cartId],
  )
  if (lines.length === 0)
    throw new ProtocolError(422, 'cart_empty', 'An empty cart cannot be ordered', { cartId })
  const short: { merchandiseId: string; requested: number; available: number }[] = []
  for (const line of lines) {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE variants SET stock = CASE WHEN stock IS NULL THEN NULL ELSE stock - $3 END
        WHERE shop_id = $1 AND id = $2 AND NOT discontinued AND (stock IS NULL OR stock >= $3) RETURNING id`,
      [ctx.shopId, line.merchandise_id, line.quantity],
    )
    if (rows.length === 0) {
      const left = await db.query<{ stock: number | null }>(
        'SELECT stock FROM variants WHERE shop_id = $1 AND id = $2 AND NOT discontinued',
        [ctx.shopId, line.merchandise_id],
      )
      short.push({
        merchandiseId: line.merchandise_id,
        requested: line.quantity,
        available: left.rows[0]?.stock ?? 0,
      })
    }
  }
  if (short.length > 0) {
    throw new ProtocolError(409, 'insufficient_stock', 'Some items are no longer in stock', {
      lines: short,
    })
  }
  const now = isoAt(ctx.clock.now())
  const sent = await db.query(
    'SELECT 1 FROM abandonment_emails WHERE cart_id = $1 AND status = $2',
    [cartId, 'sent'],
  )
  const recovered = sent.rows.length > 0
  const orderId = newId('order', 12)
  await db.query(
    `INSERT INTO orders (id, shop_id, cart_id, customer_id, total, currency, recovered, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [orderId, ctx.shopId, cartId, cart.customer_id, cart.total, cart.currency, recovered, now],
  )
  await recordOrderEvent(db, ctx, orderId, 'order_placed', {
    total: { amount: Number(cart.total), currency: cart.currency },
    recovered,
  })
  await db.query(
    `UPDATE carts SET status = 'completed', completed_at = $2, order_id = $3, version = version + 1,
       updated_at = $2 WHERE id = $1`,
    [cartId, now, orderId],
  )
  await db.query(
    `UPDATE abandonment_emails SET status = 'cancelled', updated_at = $2 WHERE cart_id = $1 AND status = 'queued'`,
    [cartId, now],
  )
  return {
    order: {
      id: orderId,
      cartId,
      total: { amount: cart.total, currency: cart.currency },
      createdAt: now,
      recovered,
    },
    cart: (await getCart(db, ctx, cartId))!,
  }
}

/** Marks that a recovery link of this cart was opened (for statistics). */
export async function markRecoveryOpened(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
): Promise<void> {
  await db.query('UPDATE carts SET recovery_opened_at = $2 WHERE id = $1', [
    cartId,
    isoAt(ctx.clock.now()),
  ])
}
