// The merchant pages: server-rendered HTML over the merchant API, behind the merchant token.
// Every page reads and writes through the same routes as any API client (called in process),
// so the pages and the API cannot disagree; every value is escaped by `html`.
import type { Hono } from 'hono'
import { createPagesContext, type MerchantPagesOptions } from './context.ts'
import { registerDevPages } from './routes/dev.ts'
import { registerReports } from './routes/reports.ts'
import { registerSettings } from './routes/settings.ts'
import { registerSignIn } from './routes/sign-in.ts'

export type { MerchantPagesOptions } from './context.ts'

/**
 * Serves the merchant pages under `/merchant` on `app`: sign-in with the merchant token (a
 * link `?token=…` or a form), then the overview with statistics over time (docs/domain.md R10),
 * abandoned carts and carts in checkout (R1, R2), the abandonment settings (R5, R7, R8), the
 * email preview with the merchant's text (R9), products and stock, customer profiles and
 * orders when the server has them, and in development the outbox and the clock's
 * fast-forward.
 *
 * @example
 * registerMerchantPages(app, { merchantToken, shop, storage, clock, outbox: null, fastForward: null })
 */
export function registerMerchantPages(app: Hono, options: MerchantPagesOptions): void {
  const ctx = createPagesContext(app, options)
  registerSignIn(ctx) // first: its guard runs before every page
  registerReports(ctx)
  registerSettings(ctx)
  if (ctx.dev) registerDevPages(ctx)
}
