// What every route of the merchant pages works with: the merchant API called in process, the
// session, and the page frame.
import type { Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Clock } from '../clock/index.ts'
import type { Outbox } from '../email/mailer.ts'
import type { FastForwardResult } from '../fast-forward/index.ts'
import type { Queryable } from '../storage/index.ts'
import type { Html } from './html.ts'
import { type MerchantPage, merchantLayout, type PageFrame } from './layout.ts'
import { csrfToken, isValidSession, SESSION_COOKIE } from './session.ts'
import type { ApiIssue, MerchantSettings } from './types.ts'

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
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' http: https: data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
/** Emails shown in a frame: their inline styles and pictures, nothing else. */
export const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox"

/** An answer of the merchant API: its status and body (with the issues of a refusal). */
export type ApiAnswer<T> = {
  ok: boolean
  status: number
  body: T & { details?: { issues?: ApiIssue[] } }
}

/** Reads a form field as text ('' when missing or a file). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}

/** The issues of a refused request, one line each. */
export function issuesOf(answer: ApiAnswer<unknown>): string[] {
  return (answer.body.details?.issues ?? []).map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  )
}

/** What every route of the merchant pages works with. */
export interface PagesContext {
  app: Hono
  options: MerchantPagesOptions
  /** The shop's locale, for prices. */
  locale: string
  /** The real time (sessions), apart from the server's clock. */
  wallClock: Clock
  /** Whether the development page exists (outbox or fast-forward). */
  dev: boolean
  /** Whether the app serves a route, such as the customers API of this server version. */
  hasRoute(method: string, path: string): boolean
  /** Calls the merchant API in process, with the merchant token. */
  api<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>
  /** `GET`s the merchant API and returns the body. */
  read<T>(path: string): Promise<T>
  /** The abandonment settings now. */
  settings(): Promise<MerchantSettings>
  /** The request's valid session, or `null`. */
  sessionOf(c: Context): string | null
  /** The form token of the request's session. */
  csrfOf(c: Context): string
  /** Answers with a signed-in page. */
  page(c: Context, which: MerchantPage, title: string, body: Html, status?: number): Response
}

/** Builds the context the routes share. */
export function createPagesContext(app: Hono, options: MerchantPagesOptions): PagesContext {
  const { merchantToken, shop } = options
  const wallClock = options.wallClock ?? { now: () => Date.now() }
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

  const sessionOf = (c: Context): string | null => {
    const session = getCookie(c, SESSION_COOKIE)
    return session && isValidSession(session, merchantToken, wallClock.now()) ? session : null
  }
  const csrfOf = (c: Context) => csrfToken(sessionOf(c) ?? '', merchantToken)
  const frameOf = (c: Context): PageFrame => ({
    shopName: shop.name,
    csrf: csrfOf(c),
    dev,
    customers: hasRoute('GET', '/v1/merchant/customers'),
    orders: hasRoute('GET', '/v1/merchant/orders'),
  })

  return {
    app,
    options,
    locale: shop.locale ?? 'en',
    wallClock,
    dev,
    hasRoute,
    api,
    read,
    settings: async () =>
      (await read<{ settings: MerchantSettings }>('/v1/merchant/abandonment/settings')).settings,
    sessionOf,
    csrfOf,
    page: (c, which, title, body, status = 200) =>
      c.html(merchantLayout(frameOf(c), which, title, body).markup, status as 200),
  }
}
