import type { CartOp, CartSnapshot, Merchandise, NoticeInput } from '@tote/core/adapter'
import { lineKey } from '@tote/core/adapter'
import { scheduleAbandonmentEmail } from '../abandonment/queue.ts'
import { findMerchandise } from '../catalogue/index.ts'
import { type Clock, isoAt } from '../clock/index.ts'
import { ProtocolError } from '../http/errors.ts'
import { DEFAULT_CART_LIMITS, MAX_CART_AMOUNT, MAX_LINE_AMOUNT } from '../limits/index.ts'
import { recordOrderEvent } from '../orders/index.ts'
import type { Queryable } from '../storage/index.ts'
import { newId } from './ids.ts'
import { type LineRow, writeLines } from './lines.ts'

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

interface CartRow {
  id: string
  shop_id: string
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
  completed_at: Date | string | null
}

interface WorkingLine {
  key: string
  id: string
  merchandiseId: string
  attributes: Record<string, string>
  quantity: number
  merchandise: Merchandise
}

async function loadCart(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
  forUpdate: boolean,
): Promise<{ cart: CartRow; lines: LineRow[] } | null> {
  const { rows } = await db.query<CartRow & Record<string, unknown>>(
    `SELECT * FROM carts WHERE id = $1 AND shop_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [cartId, ctx.shopId],
  )
  const cart = rows[0]
  if (!cart) return null
  const lines = await db.query<LineRow & Record<string, unknown>>(
    'SELECT * FROM cart_lines WHERE cart_id = $1 ORDER BY position',
    [cartId],
  )
  return { cart, lines: lines.rows }
}

function toSnapshot(ctx: ShopContext, cart: CartRow, lines: LineRow[]): CartSnapshot {
  const currency = cart.currency
  const amount = (value: number) => ({ amount: value, currency })
  return {
    id: cart.id,
    version: cart.version,
    status: cart.status,
    currency,
    lines: lines.map((line) => {
      const unit = line.merchandise.price.amount
      return {
        key: line.line_key,
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
    checkoutUrl: cart.status === 'active' ? ctx.checkoutUrl(cart.id) : null,
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
  const loaded = await loadCart(db, ctx, cartId, false)
  return loaded ? toSnapshot(ctx, loaded.cart, loaded.lines) : null
}

async function requireWritableCart(db: Queryable, ctx: ShopContext, cartId: string) {
  const loaded = await loadCart(db, ctx, cartId, true)
  if (!loaded) throw new ProtocolError(404, 'cart_not_found', 'No such cart', { cartId })
  if (loaded.cart.status === 'completed') {
    throw new ProtocolError(410, 'cart_completed', 'This cart became an order; start a new cart', {
      cartId,
    })
  }
  if (isCartExpired(ctx, { status: loaded.cart.status, updatedAt: loaded.cart.updated_at }))
    throw cartExpired(cartId)
  return loaded
}

/** Creates a cart and applies `ops` to it in the same transaction. */
export async function createCart(
  db: Queryable,
  ctx: ShopContext,
  ops: readonly CartOp[],
): Promise<CartWrite> {
  const id = newId('cart')
  const now = isoAt(ctx.clock.now())
  await db.query(
    `INSERT INTO carts (id, shop_id, currency, version, created_at, updated_at)
     VALUES ($1, $2, $3, 0, $4, $4)`,
    [id, ctx.shopId, ctx.currency, now],
  )
  return applyOps(db, ctx, id, ops)
}

/**
 * Applies one batch of target-state operations. Each `setLine` sets the line's quantity
 * (0 removes it); quantities above stock are lowered with an `insufficient_stock` notice,
 * sold-out and discontinued merchandise is refused with `out_of_stock` / `discontinued`.
 * Every write re-prices the lines to the catalogue as it is now and restarts the
 * abandonment delay (docs/domain.md R4).
 */
export async function applyOps(
  db: Queryable,
  ctx: ShopContext,
  cartId: string,
  ops: readonly CartOp[],
): Promise<CartWrite> {
  const { cart, lines } = await requireWritableCart(db, ctx, cartId)
  const notices: NoticeInput[] = []
  const working = new Map<string, WorkingLine>(
    lines.map((line) => [
      line.line_key,
      {
        key: line.line_key,
        id: line.id,
        merchandiseId: line.merchandise_id,
        attributes: line.attributes,
        quantity: line.quantity,
        merchandise: line.merchandise,
      },
    ]),
  )
  const ids = [
    ...lines.map((line) => line.merchandise_id),
    ...ops.flatMap((op) => (op.type === 'setLine' ? [op.merchandiseId] : [])),
  ]
  const catalogue = await findMerchandise(db, ctx.shopId, ids, ctx.assetBaseUrl)
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
          notices.push({
            code: 'discontinued',
            ...base,
            ...(existing ? { title: existing.merchandise.productTitle } : {}),
          })
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
  for (const line of [...working.values()]) {
    const item = catalogue.get(line.merchandiseId)
    if (item) {
      line.merchandise = item.merchandise
    } else {
      working.delete(line.key)
      notices.push({
        code: 'discontinued',
        lineKey: line.key,
        merchandiseId: line.merchandiseId,
        title: line.merchandise.productTitle,
      })
    }
  }

  const percentByCode = new Map<string, number>()
  if (requestedCodes.length > 0) {
    const { rows } = await db.query<{ code: string; percent_off: number }>(
      'SELECT code, percent_off FROM discount_codes WHERE shop_id = $1 AND upper(code) = ANY($2::text[])',
      [ctx.shopId, requestedCodes.map((code) => code.toUpperCase())],
    )
    for (const row of rows) percentByCode.set(row.code.toUpperCase(), row.percent_off)
  }
  const previousCodes = new Set(cart.discount_codes.map((discount) => discount.code))
  const discountCodes = requestedCodes.map((code) => {
    const applicable = percentByCode.has(code.toUpperCase())
    if (!applicable && !previousCodes.has(code))
      notices.push({ code: 'discount_rejected', discountCode: code })
    return { code, applicable }
  })

  const finalLines = [...working.values()]
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

  const stored = await writeLines(db, cartId, lines, finalLines)
  const updated = await db.query<CartRow & Record<string, unknown>>(
    `UPDATE carts SET version = version + 1, note = $2, attributes = $3::jsonb, discount_codes = $4::jsonb,
       subtotal = $5, total = $6, discount = $7, updated_at = $8 WHERE id = $1 RETURNING *`,
    [
      cartId,
      note,
      JSON.stringify(attributes),
      JSON.stringify(discountCodes),
      subtotal,
      subtotal - (discount ?? 0),
      discount,
      now,
    ],
  )
  // Only a cart with a checkout email is ever queued (docs/domain.md R3).
  if (cart.email !== null) await scheduleAbandonmentEmail(db, ctx, cartId)
  // The cart as just written, without reading it back.
  return { cart: toSnapshot(ctx, updated.rows[0]!, stored), notices }
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
  before: readonly LineRow[],
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
  const { cart } = await requireWritableCart(db, ctx, cartId)
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
  const { cart, lines } = await requireWritableCart(db, ctx, cartId)
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
