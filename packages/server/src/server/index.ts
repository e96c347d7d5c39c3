import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { ToteArgumentError } from '@tote/core/adapter'
import type { Hono } from 'hono'
import {
  type AbandonmentContext,
  type AbandonmentSettings,
  type AbandonmentSettingsPatch,
  type AbandonmentStats,
  abandonmentStats,
  getAbandonmentSettings,
  MAX_DELAY_MINUTES,
  runAbandonmentSweep,
  type SweepResult,
  updateAbandonmentSettings,
} from '../abandonment/index.ts'
import { DEFAULT_SEND_TIMEOUT_MS, type SweepTimers } from '../abandonment/sweep.ts'
import {
  assertSeedCatalogue,
  assertSeedDiscountCodes,
  DEMO_CATALOGUE,
  DEMO_DISCOUNT_CODES,
  type SeedDiscountCode,
  type SeedProduct,
  seedCatalogue,
  updateVariant,
  type VariantUpdate,
} from '../catalogue/index.ts'
import { type Clock, systemClock } from '../clock/index.ts'
import { createMemoryOutbox, type Mailer, type Outbox } from '../email/mailer.ts'
import {
  canAdvance,
  createSkippableClock,
  type FastForwardResult,
  fastForward,
} from '../fast-forward/index.ts'
import { createApp } from '../http/app.ts'
import { createRateLimiter } from '../http/rate-limit.ts'
import {
  type CartLimits,
  parseCartLimits,
  parseRateLimits,
  type RateLimits,
} from '../limits/index.ts'
import { registerMerchantPages } from '../merchant-pages/index.ts'
import { formatDuration, parseOption } from '../options/index.ts'
import { assertPageUrl } from '../options/urls.ts'
import { runPrivacySweep } from '../privacy/index.ts'
import { assertRecoveryKeys, type RecoveryKey, signRecoveryToken } from '../recovery-token/index.ts'
import type { Storage } from '../storage/index.ts'
import { signUnsubscribeToken } from '../unsubscribe/index.ts'
import { z } from '../zod/index.ts'

/** The shop a server serves. */
export interface ShopConfig {
  /** A stable id; recovery tokens are bound to it. @default 'demo' */
  id: string
  /** @default 'Tote Demo Shop' */
  name: string
  /** ISO 4217. @default 'EUR' */
  currency: string
  /** Shown in the footer of recovery emails (docs/domain.md R9). */
  contact: { email: string; phone?: string; address?: string }
  /** The address recovery emails are sent from. @default contact.email */
  from?: string
  /**
   * The storefront page that opens recovery links. The signed token is appended as
   * `?token=…`, or replaces `{token}` when the URL contains it. A path (`/recover`) is a page
   * on the server's public URL, for a storefront served by the same origin.
   * @default 'http://127.0.0.1:5173/recover'
   */
  recoveryUrl: string
  /**
   * The checkout page of a cart (`{cartId}` is replaced); `null` for none. A path is on the
   * server's public URL, as for `recoveryUrl`. @default null
   */
  checkoutUrl?: string | null
  /** Locale for prices in emails. @default 'en' */
  locale?: string
}

/** Secrets. Leave them out in development: throwaway ones are generated at start. */
export interface ServerSecrets {
  /** Keys that sign recovery links; the first signs, all verify (rotation). */
  recoveryKeys?: RecoveryKey[]
  /** The bearer token of the merchant endpoints. */
  merchantToken?: string
}

/** Options of {@link createToteServer}. */
export interface ToteServerOptions {
  storage: Storage
  /** @default the system clock */
  clock?: Clock
  shop?: Partial<ShopConfig>
  secrets?: ServerSecrets
  /**
   * The server's public origin, used for product image URLs in carts and emails.
   * @default the address `listen()` binds, or `http://127.0.0.1:8787` before that
   */
  publicUrl?: string
  /** Origins allowed by CORS (exact match, such as `https://shop.example`). @default [] */
  corsOrigins?: readonly string[]
  /** Largest request body, in bytes. @default 65536 */
  maxBodyBytes?: number
  /** Recovery attempts allowed per client address and minute (`rateLimits.recover`). @default 20 */
  recoverRateLimit?: number
  /**
   * What one cart may hold: lines (500), note length (5000), attributes (50) and the length
   * of their names (256) and values (2048). Past a limit a write is refused and changes
   * nothing: `422 cart_too_large` for lines, `400 invalid_request` for the rest.
   * @default DEFAULT_CART_LIMITS
   * @example
   * createToteServer({ storage, limits: { lines: 100, noteLength: 500 } })
   */
  limits?: Partial<CartLimits>
  /**
   * Requests per client address and minute: `createCart` (30), `writes` (300: ops and
   * checkout), `captureEmail` (10) and `recover` (20). Over a limit: `429 rate_limited` with
   * `Retry-After`. `0` turns one off.
   * @default DEFAULT_RATE_LIMITS
   */
  rateLimits?: Partial<RateLimits>
  /**
   * How many proxies of your own stand in front of the server. The client address (for rate
   * limits) is then read from `X-Forwarded-For`: the entry that many hops from the right,
   * the right-most one no trusted proxy wrote. `true` means 1. Leave it at 0 when clients
   * reach the server directly, or they could pick their address.
   * @default 0
   */
  trustProxy?: number | boolean
  /** How long a recovery link works, in milliseconds. @default 14 days */
  recoveryLinkTtlMs?: number
  /**
   * How long a cart lives after its last change, in milliseconds. Then reads and writes
   * answer `410 cart_expired` (the storefront starts a new cart), its recovery links are
   * refused as `expired`, and its queued recovery email is cancelled. Completed carts never
   * expire. At least the longest abandonment delay (2 days, docs/domain.md R5) plus
   * `recoveryLinkTtlMs`, so a recovery email's link never outlives its cart.
   *
   * @default 30 days
   * @example
   * createToteServer({ storage, cartLifetimeMs: 60 * 24 * 60 * 60_000 }) // 60 days
   */
  cartLifetimeMs?: number
  /**
   * How long an expired cart keeps its personal data (address, consent, link to a profile,
   * note, attributes), in milliseconds after it expired; then the sweep removes it. 0 removes
   * it at the first sweep after expiry. Lines and totals stay for the statistics.
   * @default 30 days
   */
  expiredCartRetentionMs?: number
  /** Where emails go. @default an in-memory outbox */
  mailer?: Mailer
  /**
   * Development tools: `/dev/outbox` when the mailer is an outbox, the merchant pages' outbox
   * and fast-forward, and a clock that can be moved ahead when none is given. @default false
   */
  devRoutes?: boolean
  /**
   * Seed a catalogue (`catalogue` and `discountCodes`) into the shop when it has no products
   * yet; `false` leaves the shop empty. @default true
   */
  seedDemo?: boolean
  /**
   * The products seeded into an empty shop instead of the demo ones. Checked at start: an
   * empty title, a negative price or a duplicate id throws a `ToteArgumentError` (code
   * `invalid_argument`) naming it. A shop that already has products keeps them.
   *
   * @default DEMO_CATALOGUE
   * @example
   * const server = await createToteServer({
   *   storage,
   *   catalogue: [
   *     {
   *       id: 'linen-apron',
   *       title: 'Linen apron',
   *       description: 'Stonewashed linen, one size.',
   *       variants: [{ id: 'linen-apron-sand', title: 'Sand', options: [], price: 3200, stock: 8 }],
   *     },
   *   ],
   *   discountCodes: [],
   * })
   */
  catalogue?: readonly SeedProduct[]
  /** The discount codes seeded with the catalogue. @default DEMO_DISCOUNT_CODES (`TOTE10`) */
  discountCodes?: readonly SeedDiscountCode[]
  /** How often `listen()`'s timer runs the abandonment sweep; 0 turns it off. @default 60000 */
  sweepIntervalMs?: number
  /**
   * How long the sweep waits for the mailer with one email. A mailer that takes longer (a
   * silent SMTP server) leaves the email queued for a later sweep; storage is never held
   * meanwhile, so shoppers are not kept waiting. @default 20000
   */
  mailTimeoutMs?: number
  /** Timers of the sweep's mail timeout (tests pass fakes). @default the global ones */
  timers?: SweepTimers
  /**
   * Receives unexpected errors. The default logs only the error's name, code and message:
   * database errors carry query parameters, which may hold personal data.
   * @default a one-line summary on `console.error`
   */
  onError?: (error: unknown) => void
}

/** A running reference server. */
export interface ToteServer {
  /** The Hono application. */
  readonly app: Hono
  /** Handles one request without a socket (handy in tests). */
  fetch(request: Request): Promise<Response>
  /** Starts listening; resolves with the URL (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>
  /** Stops listening and the sweep timer. Does not close the storage (its owner does). */
  close(): Promise<void>
  /** Sends the recovery emails that are due at the clock's time (docs/domain.md R3–R8). */
  sweep(): Promise<SweepResult>
  /**
   * Development only: moves the server's clock `ms` ahead (at most 30 days) and runs the
   * sweep, so a recovery email arrives without waiting for the shop's delay. Needs
   * `devRoutes: true` and a clock that can advance (the default one then, or a ManualClock).
   *
   * @example
   * await server.fastForward(25 * 60_000) // { now, sweep: { sent: [cartId], failed: [] } }
   */
  fastForward(ms: number): Promise<FastForwardResult>
  /** The outbox, when emails go to one. */
  readonly outbox: Outbox | null
  readonly storage: Storage
  readonly shop: ShopConfig
  /** The merchant token (generated when not given). */
  readonly merchantToken: string
  /** Merchant operations without HTTP, for scripts and tests. */
  readonly merchant: {
    settings(): Promise<AbandonmentSettings>
    updateSettings(patch: AbandonmentSettingsPatch): Promise<AbandonmentSettings>
    stats(): Promise<AbandonmentStats>
    updateVariant(id: string, update: VariantUpdate): Promise<boolean>
  }
  /** Signs a recovery link for a cart (what the email holds). */
  recoveryUrl(cartId: string): string
}

/** Logs an error without its data: no query parameters, no request bodies, no addresses. */
function logError(error: unknown): void {
  const { name, code, message } = (error ?? {}) as {
    name?: string
    code?: string
    message?: string
  }
  console.error(
    `tote-server: unexpected ${name ?? 'error'}${code ? ` (${code})` : ''}: ${message ?? String(error)}`,
  )
}

function isOutbox(mailer: Mailer): mailer is Outbox {
  return (
    typeof (mailer as Outbox).list === 'function' && typeof (mailer as Outbox).read === 'function'
  )
}

const DAY = 24 * 60 * 60_000
const Duration = z.int({ error: 'expected a whole number of milliseconds' }).check(
  z.positive({
    error: (issue) => `expected a positive number of milliseconds, got ${String(issue.input)}`,
  }),
)

/**
 * The recovery link and cart lifetimes. A recovery email goes out up to the longest delay
 * after the cart's last change, and its link works `ttl` from then: the cart must live that
 * long, or the email would hold a link to a cart that is gone.
 */
function lifetimes(options: ToteServerOptions): { ttl: number; cartLifetimeMs: number } {
  const ttl = parseOption(
    Duration,
    options.recoveryLinkTtlMs ?? 14 * DAY,
    'options.recoveryLinkTtlMs',
  )
  const cartLifetimeMs = parseOption(
    Duration,
    options.cartLifetimeMs ?? 30 * DAY,
    'options.cartLifetimeMs',
  )
  const shortest = MAX_DELAY_MINUTES * 60_000 + ttl
  if (cartLifetimeMs < shortest) {
    throw new ToteArgumentError(
      'options.cartLifetimeMs',
      `expected at least ${formatDuration(shortest)} (the longest abandonment delay, ${formatDuration(MAX_DELAY_MINUTES * 60_000)}, plus recoveryLinkTtlMs, ${formatDuration(ttl)}), so a recovery link never outlives its cart; got ${formatDuration(cartLifetimeMs)}`,
    )
  }
  return { ttl, cartLifetimeMs }
}

/**
 * Creates the Tote reference server over a storage.
 *
 * @example
 * const storage = await createEmbeddedStorage()
 * const server = await createToteServer({ storage, clock })
 * const { url } = await server.listen(0)
 */
export async function createToteServer(options: ToteServerOptions): Promise<ToteServer> {
  if (typeof options?.storage?.transaction !== 'function') {
    throw new TypeError(
      'options.storage: expected a Storage from createEmbeddedStorage() or createPostgresStorage()',
    )
  }
  // A development server's clock can be moved ahead (fastForward), so emails need no waiting.
  const clock = options.clock ?? (options.devRoutes ? createSkippableClock() : systemClock)
  if (options.seedDemo === false && options.catalogue !== undefined) {
    throw new ToteArgumentError(
      'options.catalogue',
      'seedDemo: false seeds nothing; leave one of them out',
    )
  }
  const catalogue = options.catalogue ?? DEMO_CATALOGUE
  const discountCodes = options.discountCodes ?? DEMO_DISCOUNT_CODES
  if (options.catalogue !== undefined) assertSeedCatalogue(catalogue)
  if (options.discountCodes !== undefined) assertSeedDiscountCodes(discountCodes)
  const contact = options.shop?.contact ?? {
    email: 'hello@shop.example',
    address: '1 Demo Street, Example City',
  }
  const shop: ShopConfig = {
    id: 'demo',
    name: 'Tote Demo Shop',
    currency: 'EUR',
    recoveryUrl: 'http://127.0.0.1:5173/recover',
    checkoutUrl: null,
    locale: 'en',
    ...options.shop,
    contact,
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(shop.id))
    throw new TypeError(`shop.id: expected 1–64 letters, digits, _ or -, got ${shop.id}`)
  // They end up in emails and carts as links: a `javascript:` URL there would run.
  assertPageUrl(shop.recoveryUrl, 'options.shop.recoveryUrl')
  if (shop.checkoutUrl != null) assertPageUrl(shop.checkoutUrl, 'options.shop.checkoutUrl')
  if (options.publicUrl !== undefined) {
    assertPageUrl(options.publicUrl, 'options.publicUrl')
    if (options.publicUrl.startsWith('/')) {
      throw new ToteArgumentError('options.publicUrl', 'expected an absolute http(s) URL')
    }
  }
  const limits = parseCartLimits(options.limits)
  const rateLimits = parseRateLimits(options.rateLimits, options.recoverRateLimit)
  const limiter = (limit: number) =>
    limit === 0 ? null : createRateLimiter({ limit, windowMs: 60_000, clock })
  // Development keys: random per start, so links die with the process. Configure real ones.
  const recoveryKeys = options.secrets?.recoveryKeys ?? [
    { id: 'dev', secret: randomBytes(32).toString('base64url') },
  ]
  assertRecoveryKeys(recoveryKeys)
  const merchantToken = options.secrets?.merchantToken ?? randomBytes(24).toString('base64url')
  const { ttl, cartLifetimeMs } = lifetimes(options)
  const mailer = options.mailer ?? createMemoryOutbox(clock)
  const outbox = isOutbox(mailer) ? mailer : null
  let publicUrl = options.publicUrl?.replace(/\/$/, '') ?? 'http://127.0.0.1:8787'

  /** A page of a storefront the server itself serves (`/recover`) is on its public URL. */
  const onPublicUrl = (page: string) => (page.startsWith('/') ? `${publicUrl}${page}` : page)
  const recoveryUrl = (cartId: string) => {
    const token = signRecoveryToken(
      { cartId, shopId: shop.id, expiresAt: clock.now() + ttl },
      recoveryKeys,
    )
    const page = onPublicUrl(shop.recoveryUrl)
    if (page.includes('{token}')) return page.replace('{token}', token)
    return `${page}${page.includes('?') ? '&' : '?'}token=${token}`
  }
  const ctx: AbandonmentContext = {
    shopId: shop.id,
    currency: shop.currency,
    clock,
    cartLifetimeMs,
    maxCartLines: limits.lines,
    get assetBaseUrl() {
      return publicUrl
    },
    checkoutUrl: (cartId) =>
      shop.checkoutUrl ? onPublicUrl(shop.checkoutUrl).replace('{cartId}', cartId) : null,
    shop: { name: shop.name, contact: shop.contact, locale: shop.locale ?? 'en' },
    from: shop.from ?? shop.contact.email,
    recoveryUrl,
    // On the server itself: mail clients POST to it (RFC 8058), whatever the storefront is.
    unsubscribeUrl: (recipientId) =>
      `${publicUrl}/v1/unsubscribe?token=${signUnsubscribeToken({ shopId: shop.id, recipientId }, recoveryKeys)}`,
  }
  const privacy = {
    shopId: shop.id,
    clock,
    cartLifetimeMs,
    expiredCartRetentionMs: parseOption(
      z.int().check(z.minimum(0)),
      options.expiredCartRetentionMs ?? 30 * DAY,
      'options.expiredCartRetentionMs',
    ),
  }

  const storage = options.storage
  const onError = options.onError ?? logError
  if (options.seedDemo ?? true) {
    await storage.transaction((tx) =>
      seedCatalogue(tx, shop.id, shop.currency, catalogue, discountCodes),
    )
  }

  const app = createApp({
    storage,
    ctx,
    recoveryKeys,
    merchantToken,
    corsOrigins: options.corsOrigins ?? [],
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    limits,
    rateLimiters: {
      createCart: limiter(rateLimits.createCart),
      writes: limiter(rateLimits.writes),
      captureEmail: limiter(rateLimits.captureEmail),
      recover: limiter(rateLimits.recover),
    },
    trustProxy: parseOption(
      z.int().check(z.minimum(0), z.maximum(10)),
      typeof options.trustProxy === 'boolean'
        ? Number(options.trustProxy)
        : (options.trustProxy ?? 0),
      'options.trustProxy',
    ),
    devOutbox: options.devRoutes ? outbox : null,
    onError,
  })

  let server: ServerType | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let sweeping: Promise<SweepResult> | null = null
  const sweepOptions = {
    sendTimeoutMs: parseOption(
      Duration,
      options.mailTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
      'options.mailTimeoutMs',
    ),
    ...(options.timers ? { timers: options.timers } : {}),
  }
  const sweep = () => {
    // One sweep at a time per instance; other instances are kept apart by row locks.
    // Erasures first, so no recovery email goes to an address being erased.
    sweeping ??= runPrivacySweep(storage, privacy, mailer)
      .then(() => runAbandonmentSweep(storage, ctx, mailer, sweepOptions))
      .finally(() => {
        sweeping = null
      })
    return sweeping
  }

  const devFastForward =
    options.devRoutes && canAdvance(clock) ? (ms: number) => fastForward(clock, ms, sweep) : null
  registerMerchantPages(app, {
    merchantToken,
    shop,
    storage,
    clock,
    outbox: options.devRoutes ? outbox : null,
    fastForward: devFastForward,
    // Behind a proxy that ends TLS, requests arrive over HTTP: the public URL says HTTPS.
    secureCookies: () => publicUrl.startsWith('https:'),
  })

  return {
    app,
    fetch: async (request) => app.fetch(request),
    async listen(port = 8787, host = '127.0.0.1') {
      if (server) throw new Error('listen: the server is already listening')
      let started: ServerType | null = null
      let info: AddressInfo
      try {
        info = await new Promise<AddressInfo>((resolve, reject) => {
          started = serve({ fetch: app.fetch, port, hostname: host }, resolve)
          started.once('error', reject)
          server = started
        })
      } catch (error) {
        // A failed listen (port taken) leaves nothing behind, so the caller can try another port.
        server = null
        ;(started as ServerType | null)?.close()
        throw error
      }
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`
      if (!options.publicUrl) publicUrl = url
      const interval = options.sweepIntervalMs ?? 60_000
      if (interval > 0) {
        timer = setInterval(() => {
          sweep().catch(onError)
        }, interval)
        timer.unref()
      }
      return { url, port: info.port }
    },
    async close() {
      if (timer) clearInterval(timer)
      timer = null
      await sweeping?.catch(() => {})
      const current = server as ServerType | null
      server = null
      if (current) {
        await new Promise<void>((resolve) => {
          if ('closeAllConnections' in current) current.closeAllConnections()
          current.close(() => resolve())
        })
      }
    },
    sweep,
    async fastForward(ms) {
      if (!devFastForward) {
        throw new Error(
          'fastForward: needs devRoutes: true and a clock that can advance (the default one, or a ManualClock)',
        )
      }
      return devFastForward(ms)
    },
    outbox,
    storage,
    shop,
    merchantToken,
    merchant: {
      settings: () => getAbandonmentSettings(storage, shop.id),
      updateSettings: (patch) =>
        storage.transaction((tx) => updateAbandonmentSettings(tx, ctx, patch)),
      stats: () => abandonmentStats(storage, ctx),
      updateVariant: (id, update) => updateVariant(storage, shop.id, id, update),
    },
    recoveryUrl,
  }
}
