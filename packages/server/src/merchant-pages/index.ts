// The merchant pages: server-rendered HTML over the merchant API, behind the merchant token.
// Every page reads and writes through the same routes as any API client (called in process),
// so the pages and the API cannot disagree; every value is escaped by `html`.
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Clock } from '../clock/index.ts'
import type { Outbox } from '../email/mailer.ts'
import type { FastForwardResult } from '../fast-forward/index.ts'
import type { Queryable } from '../storage/index.ts'
import { listVariantIds } from './catalogue.ts'
import { delayInWords } from './format.ts'
import { abandonmentHistory, type HistoryPeriod } from './history.ts'
import { type Html, html } from './html.ts'
import { flash, type MerchantPage, merchantLayout, type PageFrame } from './layout.ts'
import { cartsPage } from './pages/carts.ts'
import { customersPage, type MerchantCustomer } from './pages/customers.ts'
import { devEmailPage, devPage } from './pages/dev.ts'
import { emailPage } from './pages/email.ts'
import { loginPage } from './pages/login.ts'
import { type MerchantOrderSummary, ordersPage } from './pages/orders.ts'
import { overviewPage } from './pages/overview.ts'
import { productsPage, toMinor } from './pages/products.ts'
import { DELAY_UNITS, type DelayUnit, settingsPage } from './pages/settings.ts'
import {
  createSession,
  csrfToken,
  isMerchantToken,
  isValidCsrf,
  isValidSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from './session.ts'
import { MERCHANT_CSS } from './styles.ts'
import type {
  ApiIssue,
  MerchantCart,
  MerchantSettings,
  MerchantStats,
  MerchantVariant,
} from './types.ts'

/** What the merchant pages need. */
export interface MerchantPagesOptions {
  merchantToken: string
  shop: { id: string; name: string; currency: string; locale?: string | undefined }
  /** For the statistics over time and the list of variants. */
  storage: Queryable
  /** The server's clock ("now" for ages and charts). */
  clock: Clock
  /** The outbox the development page lists; `null` leaves it out. */
  outbox: Outbox | null
  /** Moves the server's clock ahead and sweeps; `null` outside development. */
  fastForward: ((ms: number) => Promise<FastForwardResult>) | null
  /**
   * The real time, for how long a sign-in lasts (the server's clock may be moved ahead).
   * @default the system clock
   */
  wallClock?: Clock
  /**
   * Whether the sign-in cookie is `Secure` even for a request that arrived over HTTP (the
   * server's public URL is HTTPS behind a proxy). Requests over HTTPS always get one.
   * @default () => false
   */
  secureCookies?: () => boolean
}

/** Pages: no script at all, styles and pictures from here, frames only of this server. */
const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' http: https: data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
/** Emails shown in a frame: their inline styles and pictures, nothing else. */
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"

const FORM_LIMIT = 64 * 1024

type ApiAnswer<T> = { ok: boolean; status: number; body: T & { details?: { issues?: ApiIssue[] } } }

/** Reads a form field as text ('' when missing or a file). */
function field(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}

/** The issues of a refused request, one line each. */
function issuesOf(answer: ApiAnswer<unknown>): string[] {
  return (answer.body.details?.issues ?? []).map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  )
}

/**
 * Serves the merchant pages under `/merchant` on `app`: sign-in with the merchant token (a
 * link `?token=…` or a form), then the overview with statistics over time (docs/domain.md R10),
 * abandoned carts and carts in checkout (R1, R2), the abandonment settings (R5, R7, R8), the
 * email preview with the merchant's text (R9), products and stock, customer profiles when the
 * server has them, and in development the outbox and the clock's fast-forward.
 *
 * @example
 * registerMerchantPages(app, { merchantToken, shop, storage, clock, outbox: null, fastForward: null })
 */
export function registerMerchantPages(app: Hono, options: MerchantPagesOptions): void {
  const { merchantToken, shop, storage, clock } = options
  const wallClock = options.wallClock ?? { now: () => Date.now() }
  const locale = shop.locale ?? 'en'
  const dev = options.outbox !== null || options.fastForward !== null
  const hasRoute = (method: string, path: string) =>
    app.routes.some((route) => route.method === method && route.path === path)

  const api = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${merchantToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const answer = (await response.json()) as ApiAnswer<T>['body']
    if (response.status >= 500) throw new Error(`${method} ${path} answered ${response.status}`)
    return { ok: response.ok, status: response.status, body: answer }
  }
  const read = async <T>(path: string): Promise<T> => (await api<T>('GET', path)).body
  const settingsNow = async () =>
    (await read<{ settings: MerchantSettings }>('/v1/merchant/abandonment/settings')).settings

  const sessionOf = (c: Context): string | null => {
    const session = getCookie(c, SESSION_COOKIE)
    return session && isValidSession(session, merchantToken, wallClock.now()) ? session : null
  }
  const frameOf = (c: Context): PageFrame => ({
    shopName: shop.name,
    csrf: csrfToken(sessionOf(c) ?? '', merchantToken),
    dev,
    customers: hasRoute('GET', '/v1/merchant/customers'),
    orders: hasRoute('GET', '/v1/merchant/orders'),
  })
  const page = (c: Context, which: MerchantPage, title: string, body: Html, status = 200) =>
    c.html(merchantLayout(frameOf(c), which, title, body).markup, status as 200)

  const signIn = (c: Context) => {
    const session = createSession(merchantToken, wallClock.now())
    setCookie(c, SESSION_COOKIE, session, {
      path: '/merchant',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:' || (options.secureCookies?.() ?? false),
      maxAge: SESSION_TTL_MS / 1000,
    })
    // Leaves the token out of the address bar and the history.
    return c.redirect('/merchant', 303)
  }

  app.get('/merchant/assets/merchant.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(MERCHANT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })

  const guard = async (c: Context, next: () => Promise<void>) => {
    const path = c.req.path
    if (path !== '/merchant/assets/merchant.css') {
      c.header('Content-Security-Policy', PAGE_CSP)
      c.header('Cache-Control', 'no-store')
      c.header('X-Robots-Tag', 'noindex')
    }
    if (path === '/merchant/login' || path === '/merchant/assets/merchant.css') return next()
    const session = sessionOf(c)
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/merchant/login', 303)
      return c.html(loginPage(shop.name, 'Your session ended: sign in again.').markup, 401)
    }
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody()
      if (!isValidCsrf(field(form, '_csrf'), session, merchantToken)) {
        return c.html(loginPage(shop.name, 'That form expired: sign in again.').markup, 403)
      }
    }
    await next()
  }
  const limit = bodyLimit({
    maxSize: FORM_LIMIT,
    onError: (c) => c.text('The form is too large', 413),
  })
  app.use('/merchant', limit, guard)
  app.use('/merchant/*', limit, guard)

  app.get('/merchant/login', (c) => {
    const token = c.req.query('token')
    if (token !== undefined) {
      if (isMerchantToken(token, merchantToken)) return signIn(c)
      return c.html(loginPage(shop.name, 'That sign-in link is not valid.').markup, 401)
    }
    if (sessionOf(c)) return c.redirect('/merchant', 303)
    return c.html(loginPage(shop.name, null).markup)
  })

  app.post('/merchant/login', async (c) => {
    const form = await c.req.parseBody()
    if (isMerchantToken(field(form, 'token'), merchantToken)) return signIn(c)
    return c.html(loginPage(shop.name, 'That is not the merchant token.').markup, 401)
  })

  app.post('/merchant/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/merchant' })
    return c.redirect('/merchant/login', 303)
  })

  app.get('/merchant', async (c) => {
    const period: HistoryPeriod = c.req.query('period') === 'hours' ? 'hours' : 'days'
    const [{ stats }, settings, { carts }, history] = await Promise.all([
      read<{ stats: MerchantStats }>('/v1/merchant/abandonment/stats'),
      settingsNow(),
      read<{ carts: MerchantCart[] }>('/v1/merchant/carts?state=abandoned&limit=5'),
      abandonmentHistory(storage, shop.id, period, clock.now()),
    ])
    const body = overviewPage({
      stats,
      settings,
      history,
      period,
      recentAbandoned: carts,
      currency: shop.currency,
      locale,
      now: clock.now(),
    })
    return page(c, 'overview', 'Overview', body)
  })

  app.get('/merchant/carts', async (c) => {
    const state = c.req.query('state') === 'checkout' ? 'checkout' : 'abandoned'
    const [{ carts }, settings] = await Promise.all([
      read<{ carts: MerchantCart[] }>(`/v1/merchant/carts?state=${state}&limit=100`),
      settingsNow(),
    ])
    const body = cartsPage({
      state,
      carts,
      delayMinutes: settings.delayMinutes,
      locale,
      now: clock.now(),
    })
    return page(
      c,
      state === 'checkout' ? 'checkout' : 'abandoned',
      state === 'checkout' ? 'Carts in checkout' : 'Abandoned carts',
      body,
    )
  })

  app.get('/merchant/settings', async (c) => {
    const saved = c.req.query('saved') === '1' ? flash('ok', 'Settings saved.') : ''
    return page(
      c,
      'settings',
      'Settings',
      settingsPage(await settingsNow(), frameOf(c).csrf, saved),
    )
  })

  app.post('/merchant/settings', async (c) => {
    const form = await c.req.parseBody()
    const current = await settingsNow()
    const unit = field(form, 'delayUnit') as DelayUnit
    const amount = Number(field(form, 'delayAmount'))
    const patch: Record<string, unknown> = {
      enabled: field(form, 'enabled') === 'on',
      delayMinutes: Object.hasOwn(DELAY_UNITS, unit) ? amount * DELAY_UNITS[unit] : Number.NaN,
    }
    if (current.recipients !== undefined) patch.recipients = field(form, 'recipients')
    if (current.maxEmailsPerAddressPerDay !== undefined) {
      patch.maxEmailsPerAddressPerDay = Number(field(form, 'maxEmailsPerAddressPerDay'))
    }
    const problems: string[] = []
    if (!Number.isInteger(patch.delayMinutes)) {
      problems.push('The delay must be a whole number of minutes.')
    }
    if (problems.length === 0) {
      const answer = await api('PUT', '/v1/merchant/abandonment/settings', patch)
      if (answer.ok) return c.redirect('/merchant/settings?saved=1', 303)
      problems.push(...issuesOf(answer))
    }
    // Show what was typed, with what is wrong with it.
    const typed = { ...current, ...patch, delayMinutes: current.delayMinutes } as MerchantSettings
    const notice = flash('error', 'The settings were not saved:', problems)
    return page(c, 'settings', 'Settings', settingsPage(typed, frameOf(c).csrf, notice), 400)
  })

  app.get('/merchant/email', async (c) => {
    const [settings, preview] = await Promise.all([
      settingsNow(),
      read<{ email: { subject: string; text: string } }>('/v1/merchant/abandonment/preview'),
    ])
    const saved = c.req.query('saved') === '1' ? flash('ok', 'Your text is saved.') : ''
    const body = emailPage(
      {
        message: settings.message,
        subject: preview.email.subject,
        text: preview.email.text,
        csrf: frameOf(c).csrf,
      },
      saved,
    )
    return page(c, 'email', 'Email preview', body)
  })

  app.post('/merchant/email', async (c) => {
    const form = await c.req.parseBody()
    const answer = await api('PUT', '/v1/merchant/abandonment/settings', {
      message: field(form, 'message').replace(/\r\n/g, '\n'),
    })
    if (answer.ok) return c.redirect('/merchant/email?saved=1', 303)
    const notice = flash('error', 'Your text was not saved:', issuesOf(answer))
    const preview = await read<{ email: { subject: string; text: string } }>(
      '/v1/merchant/abandonment/preview',
    )
    const body = emailPage(
      {
        message: field(form, 'message'),
        subject: preview.email.subject,
        text: preview.email.text,
        csrf: frameOf(c).csrf,
      },
      notice,
    )
    return page(c, 'email', 'Email preview', body, 400)
  })

  app.get('/merchant/email/preview', async (c) => {
    const response = await app.request('/v1/merchant/abandonment/preview?format=html', {
      headers: { authorization: `Bearer ${merchantToken}` },
    })
    c.header('Content-Security-Policy', EMAIL_CSP)
    return c.html(await response.text(), response.status as 200)
  })

  const productsView = async (c: Context, notice: Html | '', status = 200) => {
    const ids = await listVariantIds(storage, shop.id)
    const { merchandise } = (
      await api<{ merchandise: MerchantVariant[] }>('POST', '/v1/merchandise/lookup', { ids })
    ).body
    const byId = new Map(merchandise.map((variant) => [variant.id, variant]))
    const variants = ids.flatMap((id) => byId.get(id) ?? [])
    return page(
      c,
      'products',
      'Products and stock',
      productsPage(variants, frameOf(c).csrf, locale, notice),
      status,
    )
  }

  app.get('/merchant/products', async (c) => {
    const saved = c.req.query('saved')
    return productsView(c, saved ? flash('ok', `Saved ${saved}.`) : '')
  })

  app.post('/merchant/products', async (c) => {
    const form = await c.req.parseBody()
    const id = field(form, 'variantId')
    const price = toMinor(field(form, 'price'), shop.currency)
    const stockText = field(form, 'stock').trim()
    const stock = stockText === '' ? null : Number(stockText)
    const problems: string[] = []
    if (price === null) problems.push('The price must be an amount such as 12.90.')
    if (stock !== null && !Number.isInteger(stock))
      problems.push('The stock must be a whole number.')
    if (problems.length === 0) {
      const answer = await api('PATCH', `/v1/merchant/variants/${encodeURIComponent(id)}`, {
        price,
        stock,
      })
      if (answer.ok) {
        return c.redirect(`/merchant/products?saved=${encodeURIComponent(id)}`, 303)
      }
      problems.push(...(answer.status === 404 ? ['No such variant.'] : issuesOf(answer)))
    }
    return productsView(c, flash('error', `${id} was not saved:`, problems), 400)
  })

  app.get('/merchant/customers', async (c) => {
    if (!hasRoute('GET', '/v1/merchant/customers')) return c.notFound()
    const query = (c.req.query('query') ?? '').slice(0, 200)
    const cursor = c.req.query('cursor')
    const search = new URLSearchParams({ limit: '50', ...(query ? { query } : {}) })
    if (cursor) search.set('cursor', cursor)
    const answer = await api<{ customers: MerchantCustomer[]; nextCursor?: string | null }>(
      'GET',
      `/v1/merchant/customers?${search}`,
    )
    const customers = answer.ok ? answer.body.customers : []
    return page(
      c,
      'customers',
      'Customers',
      customersPage(customers, query, answer.ok ? (answer.body.nextCursor ?? null) : null),
    )
  })

  app.get('/merchant/orders', async (c) => {
    if (!hasRoute('GET', '/v1/merchant/orders')) return c.notFound()
    const answer = await api<{ orders: MerchantOrderSummary[] }>(
      'GET',
      '/v1/merchant/orders?limit=100',
    )
    return page(c, 'orders', 'Orders', ordersPage(answer.ok ? answer.body.orders : [], locale))
  })

  if (!dev) return
  const { outbox, fastForward } = options

  app.get('/merchant/dev', async (c) => {
    const settings = await settingsNow()
    const moved = Number(c.req.query('moved'))
    const sent = Number(c.req.query('sent'))
    const notice =
      Number.isInteger(moved) && moved > 0 && Number.isInteger(sent)
        ? flash(
            'ok',
            `The clock moved ${delayInWords(moved)} ahead; the sweep sent ${sent} email${sent === 1 ? '' : 's'}.`,
          )
        : ''
    const emails = outbox ? (await outbox.list()).reverse() : null
    const body = devPage(
      {
        emails,
        canFastForward: fastForward !== null,
        delayMinutes: settings.delayMinutes,
        enabled: settings.enabled,
        serverNow: clock.now(),
        realNow: wallClock.now(),
        csrf: frameOf(c).csrf,
      },
      notice,
    )
    return page(c, 'dev', 'Outbox and clock', body)
  })

  app.post('/merchant/dev/fast-forward', async (c) => {
    if (!fastForward) return c.notFound()
    const form = await c.req.parseBody()
    const minutes = Number(field(form, 'minutes'))
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 30 * 1440) {
      return c.text('minutes: expected a whole number from 1 to 43200', 400)
    }
    const { sweep } = await fastForward(minutes * 60_000)
    return c.redirect(`/merchant/dev?moved=${minutes}&sent=${sweep.sent.length}`, 303)
  })

  app.get('/merchant/dev/emails/:emailId', async (c) => {
    const email = outbox ? await outbox.read(c.req.param('emailId')) : null
    if (!email)
      return page(c, 'dev', 'No such email', html`<p class="empty">No such email.</p>`, 404)
    return page(c, 'dev', email.subject, devEmailPage(email))
  })

  app.get('/merchant/dev/emails/:emailId/html', async (c) => {
    const email = outbox ? await outbox.read(c.req.param('emailId')) : null
    if (!email) return c.text('No such email', 404)
    c.header('Content-Security-Policy', EMAIL_CSP)
    return c.html(email.html)
  })
}
