import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { field, PAGE_CSP, type PagesContext } from '../context.ts'
import { loginPage } from '../pages/login.ts'
import {
  createSession,
  isMerchantToken,
  isValidCsrf,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from '../session.ts'
import { MERCHANT_CSS } from '../styles.ts'

const FORM_LIMIT = 64 * 1024
const STYLESHEET = '/merchant/assets/merchant.css'

/**
 * The stylesheet, the guard in front of every other merchant page (a session, and the form
 * token on every post), signing in (the printed link or the form) and signing out. Register
 * before the pages, so the guard runs first.
 */
export function registerSignIn(ctx: PagesContext): void {
  const { app, options } = ctx
  const { merchantToken, shop } = options
  const login = (c: Context, error: string | null, status = 200) =>
    c.html(loginPage(shop.name, error).markup, status as 200)

  const signIn = (c: Context) => {
    setCookie(c, SESSION_COOKIE, createSession(merchantToken, ctx.wallClock.now()), {
      path: '/merchant',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:' || (options.secureCookies?.() ?? false),
      maxAge: SESSION_TTL_MS / 1000,
    })
    // Leaves the token out of the address bar and the history.
    return c.redirect('/merchant', 303)
  }

  app.get(STYLESHEET, (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(MERCHANT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })

  const guard = async (c: Context, next: () => Promise<void>) => {
    const path = c.req.path
    if (path === STYLESHEET) return next()
    c.header('Content-Security-Policy', PAGE_CSP)
    c.header('Cache-Control', 'no-store')
    c.header('X-Robots-Tag', 'noindex')
    if (path === '/merchant/login') return next()
    const session = ctx.sessionOf(c)
    if (!session) {
      if (c.req.method === 'GET') return c.redirect('/merchant/login', 303)
      return login(c, 'Your session ended: sign in again.', 401)
    }
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody()
      if (!isValidCsrf(field(form, '_csrf'), session, merchantToken)) {
        return login(c, 'That form expired: sign in again.', 403)
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
      return login(c, 'That sign-in link is not valid.', 401)
    }
    if (ctx.sessionOf(c)) return c.redirect('/merchant', 303)
    return login(c, null)
  })

  app.post('/merchant/login', async (c) => {
    const form = await c.req.parseBody()
    if (isMerchantToken(field(form, 'token'), merchantToken)) return signIn(c)
    return login(c, 'That is not the merchant token.', 401)
  })

  app.post('/merchant/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/merchant' })
    return c.redirect('/merchant/login', 303)
  })
}
