import { timingSafeEqual } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import {
  type AbandonmentContext,
  abandonmentStats,
  buildRecoveryEmail,
  getAbandonmentSettings,
  listMerchantCarts,
  updateAbandonmentSettings,
} from '../abandonment/index.ts'
import {
  applyOps,
  captureEmail,
  completeCart,
  createCart,
  getCart,
  isCartExpired,
  lockCart,
  markRecoveryOpened,
  readCart,
} from '../carts/index.ts'
import { findMerchandise, productImageSvg, updateVariant } from '../catalogue/index.ts'
import { registerCustomerRoutes } from '../customers/routes.ts'
import type { Outbox } from '../email/mailer.ts'
import { escapeHtml } from '../email/render.ts'
import type { CartLimits, RateLimits } from '../limits/index.ts'
import { registerOrderRoutes } from '../orders/routes.ts'
import {
  type RecoveryKey,
  type RecoveryTokenFailure,
  verifyRecoveryToken,
} from '../recovery-token/index.ts'
import { type Statement, type Storage, StorageBusyError } from '../storage/index.ts'
import { registerUnsubscribeRoutes } from '../unsubscribe/routes.ts'
import type { z } from '../zod/index.ts'
import { cartBodies } from './cart-schemas.ts'
import { clientAddress, isFromThisMachine } from './client-address.ts'
import { ProtocolError } from './errors.ts'
import { requestHash, type StoredResponse, withIdempotency } from './idempotency.ts'
import { findMalformedText, hasNulInUrl, isJsonInUtf8 } from './input.ts'
import type { RateLimiter } from './rate-limit.ts'
import {
  AbandonmentSettingsBody,
  CaptureEmailBody,
  CartIdParam,
  IdempotencyKeyHeader,
  MerchandiseLookupBody,
  MerchantCartsQuery,
  RecoverBody,
  VariantUpdateBody,
} from './schemas.ts'

/**
 * Why a recovery link was refused, in the protocol's words (`details.reason`, shared with the
 * other Tote backends); the precise cause stays on the server.
 */
const LINK_REASONS: Record<RecoveryTokenFailure, 'malformed' | 'tampered' | 'expired' | 'unknown'> =
  {
    malformed: 'malformed',
    bad_signature: 'tampered',
    expired: 'expired',
    unknown_key: 'unknown',
    foreign_shop: 'unknown',
  }

/** What the HTTP layer is wired to. */
export interface AppDependencies {
  storage: Storage
  ctx: AbandonmentContext
  recoveryKeys: readonly RecoveryKey[]
  merchantToken: string
  corsOrigins: readonly string[]
  maxBodyBytes: number
  /** What one cart may hold. */
  limits: CartLimits
  /** A limiter per kind of request, per client address; `null` when that limit is off. */
  rateLimiters: { [Kind in keyof RateLimits]: RateLimiter | null }
  /** How many proxies of your own stand before the server (`X-Forwarded-For` hops). */
  trustProxy: number
  /** The outbox the dev routes list, when emails go to one. */
  devOutbox: Outbox | null
  onError: (error: unknown) => void
}

function fail(status: number, code: ProtocolError['code'], message: string, details = {}): never {
  throw new ProtocolError(status, code, message, details)
}

async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!isJsonInUtf8(c.req.header('content-type'))) {
    fail(415, 'unsupported_media_type', 'Send the body as application/json in UTF-8')
  }
  let raw: unknown
  try {
    raw = JSON.parse(await c.req.text())
  } catch {
    fail(400, 'invalid_request', 'The body is not valid JSON')
  }
  // Before any schema: PostgreSQL cannot store a NUL, and an unpaired surrogate is no text.
  const malformed = findMalformedText(raw)
  if (malformed) {
    const what = malformed.inName ? 'a property name' : 'this text'
    fail(400, 'invalid_request', 'The request body is invalid', {
      issues: [
        {
          path: malformed.path,
          code: 'invalid_text',
          message: `${what} contains a NUL character (\\u0000) or an unpaired surrogate`,
        },
      ],
    })
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    fail(400, 'invalid_request', 'The request body is invalid', {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    })
  }
  return parsed.data
}

function cartIdOf(c: Context): string {
  const parsed = CartIdParam.safeParse(c.req.param('cartId'))
  if (!parsed.success) fail(404, 'cart_not_found', 'No such cart')
  return parsed.data
}

function idempotencyKeyOf(c: Context): string | undefined {
  const header = c.req.header('idempotency-key')
  if (header === undefined) return undefined
  const parsed = IdempotencyKeyHeader.safeParse(header)
  if (!parsed.success) {
    fail(400, 'invalid_request', 'Idempotency-Key must be 1–255 visible ASCII characters')
  }
  return parsed.data
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Sends a write's answer: its gzip as it was stored when the client takes gzip (what
 * browsers and `fetch` send), else the JSON.
 */
function sendJson(c: Context, result: StoredResponse): Response {
  c.header('Vary', 'Accept-Encoding', { append: true })
  c.header('Content-Type', 'application/json')
  const status = result.status as 200
  if (result.gzip && /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip')
    return c.body(result.gzip as Uint8Array<ArrayBuffer>, status)
  }
  const json = result.json ?? (result.gzip ? gunzipSync(result.gzip).toString('utf8') : 'null')
  return c.body(json, status)
}

/** Builds the Hono application that serves the Tote protocol (see `docs/protocol`). */
export function createApp(deps: AppDependencies): Hono {
  const { storage, ctx } = deps
  const app = new Hono()

  app.onError((error, c) => {
    if (error instanceof ProtocolError) {
      if (error.status === 429 && typeof error.details.retryAfterMs === 'number') {
        c.header('Retry-After', String(Math.max(1, Math.ceil(error.details.retryAfterMs / 1000))))
      }
      // The rest of the body was never read: the connection cannot carry another request.
      if (error.status === 413) c.header('Connection', 'close')
      return c.json(error.toBody(), error.status as 400)
    }
    if (error instanceof StorageBusyError) {
      // Overload: nothing was done; the client tries again after a pause.
      c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))))
      return c.json(
        {
          code: 'server_busy',
          message: 'The server is busy; try again shortly',
          details: { retryAfterMs: error.retryAfterMs },
        },
        503,
      )
    }
    deps.onError(error)
    return c.json(
      { code: 'internal_error', message: 'Something went wrong on the server', details: {} },
      500,
    )
  })
  app.notFound((c) => c.json({ code: 'not_found', message: 'No such endpoint', details: {} }, 404))
  app.use('*', async (c, next) => {
    if (hasNulInUrl(c.req.url)) {
      fail(400, 'invalid_request', 'The URL contains a NUL character (%00)')
    }
    await next()
  })

  app.use(
    '/v1/*',
    cors({
      origin: (origin) => (deps.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization'],
      exposeHeaders: ['Idempotent-Replayed', 'Retry-After'],
      maxAge: 600,
    }),
  )
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false }))
  app.use('/v1/*', async (c, next) => {
    await next()
    // Carts are private (docs/domain.md R2): no shared cache may keep them.
    c.header('Cache-Control', 'no-store')
  })
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () =>
        fail(413, 'payload_too_large', `The body is larger than ${deps.maxBodyBytes} bytes`, {
          maxBytes: deps.maxBodyBytes,
        }),
    }),
  )

  /** Refuses the request with `429` when its client is over the limit of this kind. */
  const limit = (c: Context, kind: keyof RateLimits, what: string) => {
    const decision = deps.rateLimiters[kind]?.hit(clientAddress(c, deps.trustProxy))
    if (decision && !decision.allowed) {
      fail(429, 'rate_limited', `Too many ${what}; try again later`, {
        retryAfterMs: decision.retryAfterMs,
      })
    }
  }
  const { CreateCartBody, ApplyOpsBody } = cartBodies(deps.limits)

  const write = async (
    c: Context,
    body: unknown,
    work: Parameters<typeof withIdempotency>[2],
    lock?: Statement,
  ) => {
    // A key is the client's for one route of one cart (the path holds the cart id). A new
    // cart has no id yet: its key is also bound to the client address, so nobody else
    // resending the key is answered with that cart.
    const scope =
      c.req.path === '/v1/carts'
        ? `${c.req.method} ${c.req.path} from ${clientAddress(c, deps.trustProxy)}`
        : `${c.req.method} ${c.req.path}`
    const result = await withIdempotency(
      storage,
      {
        shopId: ctx.shopId,
        key: idempotencyKeyOf(c),
        scope,
        hash: requestHash(c.req.method, c.req.path, body),
        now: ctx.clock.now(),
        ...(lock ? { lock } : {}),
      },
      work,
    )
    if (result.replayed) c.header('Idempotent-Replayed', 'true')
    return sendJson(c, result)
  }

  app.get('/health', (c) => c.json({ ok: true }))

  app.post('/v1/carts', async (c) => {
    limit(c, 'createCart', 'new carts')
    const body = await readJson(c, CreateCartBody)
    return write(c, body, async (tx) => {
      const { body: answer, writes } = await createCart(tx, ctx, body.ops)
      return { status: 201, body: answer, writes }
    })
  })

  app.get('/v1/carts/:cartId', async (c) => {
    const cart = await readCart(storage, ctx, cartIdOf(c))
    if (!cart) fail(404, 'cart_not_found', 'No such cart')
    return c.json({ cart })
  })

  app.post('/v1/carts/:cartId/ops', async (c) => {
    const cartId = cartIdOf(c)
    limit(c, 'writes', 'cart writes')
    const body = await readJson(c, ApplyOpsBody)
    return write(
      c,
      body,
      async (tx) => {
        const { body: answer, writes } = await applyOps(tx, ctx, cartId, body.ops)
        return { status: 200, body: answer, writes }
      },
      lockCart(ctx, cartId),
    )
  })

  app.post('/v1/carts/:cartId/email', async (c) => {
    const cartId = cartIdOf(c)
    limit(c, 'captureEmail', 'email captures')
    const body = await readJson(c, CaptureEmailBody)
    return write(
      c,
      body,
      async (tx) => ({ status: 200, body: await captureEmail(tx, ctx, cartId, body) }),
      lockCart(ctx, cartId),
    )
  })

  app.post('/v1/carts/:cartId/complete', async (c) => {
    const cartId = cartIdOf(c)
    limit(c, 'writes', 'cart writes')
    return write(
      c,
      {},
      async (tx) => ({ status: 201, body: await completeCart(tx, ctx, cartId) }),
      lockCart(ctx, cartId),
    )
  })

  app.post('/v1/merchandise/lookup', async (c) => {
    const body = await readJson(c, MerchandiseLookupBody)
    const found = await findMerchandise(storage, ctx.shopId, body.ids, ctx.assetBaseUrl)
    return c.json({ merchandise: [...found.values()].map((item) => item.merchandise) })
  })

  app.post('/v1/recover', async (c) => {
    limit(c, 'recover', 'recovery attempts')
    const body = await readJson(c, RecoverBody)
    const verified = verifyRecoveryToken(body.token, {
      keys: deps.recoveryKeys,
      shopId: ctx.shopId,
      now: ctx.clock.now(),
    })
    if (!verified.ok) {
      const status = verified.reason === 'expired' ? 410 : 400
      fail(status, 'invalid_recovery_link', 'This recovery link is not valid', {
        reason: LINK_REASONS[verified.reason],
      })
    }
    const cart = await getCart(storage, ctx, verified.claims.cartId)
    if (!cart) {
      fail(404, 'invalid_recovery_link', 'This recovery link is not valid', { reason: 'unknown' })
    }
    if (cart.status === 'completed') {
      fail(410, 'invalid_recovery_link', 'This cart was already ordered', {
        reason: 'completed',
      })
    }
    if (isCartExpired(ctx, cart)) {
      fail(410, 'invalid_recovery_link', 'The cart of this recovery link expired', {
        reason: 'expired',
      })
    }
    const found = await findMerchandise(
      storage,
      ctx.shopId,
      cart.lines.map((line) => line.merchandise.id),
      ctx.assetBaseUrl,
    )
    await markRecoveryOpened(storage, ctx, cart.id)
    return c.json({ cart, merchandise: [...found.values()].map((item) => item.merchandise) })
  })

  registerUnsubscribeRoutes(app, { storage, ctx, recoveryKeys: deps.recoveryKeys })

  // Merchant endpoints: a bearer token, compared in constant time.
  app.use('/v1/merchant/*', async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!token || !sameSecret(token, deps.merchantToken)) {
      fail(401, 'unauthorized', 'A valid merchant token is required')
    }
    await next()
  })

  registerCustomerRoutes(app, { storage, ctx, readJson })
  registerOrderRoutes(app, { storage, ctx, readJson })

  app.get('/v1/merchant/abandonment/settings', async (c) =>
    c.json({ settings: await getAbandonmentSettings(storage, ctx.shopId) }),
  )

  app.put('/v1/merchant/abandonment/settings', async (c) => {
    const body = await readJson(c, AbandonmentSettingsBody)
    const settings = await storage.transaction((tx) => updateAbandonmentSettings(tx, ctx, body))
    return c.json({ settings })
  })

  app.get('/v1/merchant/abandonment/stats', async (c) =>
    c.json({ stats: await abandonmentStats(storage, ctx) }),
  )

  app.get('/v1/merchant/carts', async (c) => {
    const query = MerchantCartsQuery.safeParse(c.req.query())
    if (!query.success)
      fail(400, 'invalid_request', 'state must be checkout or abandoned; limit 1–200')
    return c.json({ carts: await listMerchantCarts(storage, ctx, query.data) })
  })

  app.get('/v1/merchant/abandonment/preview', async (c) => {
    const cartId = c.req.query('cartId')
    let cart = cartId ? await getCart(storage, ctx, cartId) : null
    if (cartId && !cart) fail(404, 'cart_not_found', 'No such cart')
    cart ??= await sampleCart(storage, ctx)
    // The unsubscribe link of a preview names no one: it shows where the link goes.
    const unsubscribeUrl = ctx.unsubscribeUrl('rcp_preview')
    const email = await buildRecoveryEmail(
      storage,
      ctx,
      cart,
      ctx.recoveryUrl(cart.id),
      unsubscribeUrl,
    )
    const format = c.req.query('format')
    if (format === 'html') return c.html(email.html)
    if (format === 'text') return c.text(email.text)
    return c.json({ email })
  })

  app.patch('/v1/merchant/variants/:variantId', async (c) => {
    const body = await readJson(c, VariantUpdateBody)
    const id = c.req.param('variantId')
    if (!(await updateVariant(storage, ctx.shopId, id, body)))
      fail(404, 'not_found', 'No such variant')
    const found = await findMerchandise(storage, ctx.shopId, [id], ctx.assetBaseUrl)
    return c.json({ merchandise: found.get(id)?.merchandise ?? null })
  })

  app.get('/assets/products/:file', async (c) => {
    const match = /^([a-z0-9-]{1,100})\.svg$/.exec(c.req.param('file'))
    if (!match) fail(404, 'not_found', 'No such image')
    const { rows } = await storage.query<{ title: string }>(
      'SELECT title FROM products WHERE shop_id = $1 AND id = $2',
      [ctx.shopId, match[1]],
    )
    if (!rows[0]) fail(404, 'not_found', 'No such image')
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(productImageSvg(rows[0].title, match[1]!), 200, {
      'Content-Type': 'image/svg+xml',
    })
  })

  const outbox = deps.devOutbox
  if (outbox) {
    // The outbox holds shoppers' addresses: only the machine itself may look.
    app.use('/dev/*', async (c, next) => {
      if (!isFromThisMachine(c)) fail(404, 'not_found', 'No such endpoint')
      await next()
    })
    app.get('/dev/outbox', async (c) => {
      const entries = await outbox.list()
      if (c.req.query('format') === 'json') {
        return c.json({ emails: entries.map(({ html: _html, ...entry }) => entry) })
      }
      const items = entries
        .map(
          (entry) =>
            `<li><a href="/dev/outbox/${encodeURIComponent(entry.id)}">${escapeHtml(entry.subject)}</a> — ${escapeHtml(entry.createdAt)}</li>`,
        )
        .join('\n')
      return c.html(
        `<!doctype html><meta charset="utf-8"><title>Tote outbox</title><h1>Outbox (development)</h1><ul>${items || '<li>No emails yet.</li>'}</ul>`,
      )
    })
    app.get('/dev/outbox/:emailId', async (c) => {
      const entry = await outbox.read(c.req.param('emailId'))
      if (!entry) fail(404, 'not_found', 'No such email')
      if (c.req.query('format') === 'text') return c.text(entry.text)
      return c.html(entry.html)
    })
  }

  return app
}

async function sampleCart(storage: Storage, ctx: AbandonmentContext) {
  const { rows } = await storage.query<{ id: string }>(
    `SELECT id FROM variants WHERE shop_id = $1 AND NOT discontinued ORDER BY product_id, position LIMIT 2`,
    [ctx.shopId],
  )
  const items = await findMerchandise(
    storage,
    ctx.shopId,
    rows.map((row) => row.id),
    ctx.assetBaseUrl,
  )
  const lines = [...items.values()].map(({ merchandise }, index) => {
    const quantity = index + 1
    const cost = { amount: merchandise.price.amount * quantity, currency: ctx.currency }
    return {
      key: merchandise.id,
      id: `preview-${index}`,
      merchandise,
      quantity,
      attributes: {},
      cost: { unitPrice: merchandise.price, subtotal: cost, total: cost },
    }
  })
  const total = {
    amount: lines.reduce((sum, line) => sum + line.cost.total.amount, 0),
    currency: ctx.currency,
  }
  return {
    id: 'preview',
    version: 1,
    status: 'active' as const,
    currency: ctx.currency,
    lines,
    cost: { subtotal: total, total, discount: null, tax: null },
    email: null,
    note: '',
    attributes: {},
    discountCodes: [],
    checkoutUrl: null,
    updatedAt: new Date(ctx.clock.now()).toISOString(),
  }
}
