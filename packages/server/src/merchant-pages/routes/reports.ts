import type { PagesContext } from '../context.ts'
import { abandonmentHistory, type HistoryPeriod } from '../history.ts'
import { cartsPage } from '../pages/carts.ts'
import { customersPage, type MerchantCustomer } from '../pages/customers.ts'
import { type MerchantOrderSummary, ordersPage } from '../pages/orders.ts'
import { overviewPage } from '../pages/overview.ts'
import type { MerchantCart, MerchantStats } from '../types.ts'

/**
 * The pages that look: the overview with statistics over time (docs/domain.md R10), abandoned
 * carts and carts in checkout (R1, R2), and customers and orders where the server has them.
 */
export function registerReports(ctx: PagesContext): void {
  const { app, options, locale, read, api, page, hasRoute } = ctx
  const { shop, storage, clock } = options

  app.get('/merchant', async (c) => {
    const period: HistoryPeriod = c.req.query('period') === 'hours' ? 'hours' : 'days'
    const [{ stats }, settings, { carts }, history] = await Promise.all([
      read<{ stats: MerchantStats }>('/v1/merchant/abandonment/stats'),
      ctx.settings(),
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
      ctx.settings(),
    ])
    const body = cartsPage({
      state,
      carts,
      delayMinutes: settings.delayMinutes,
      locale,
      now: clock.now(),
    })
    return state === 'checkout'
      ? page(c, 'checkout', 'Carts in checkout', body)
      : page(c, 'abandoned', 'Abandoned carts', body)
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
    const next = answer.ok ? (answer.body.nextCursor ?? null) : null
    return page(c, 'customers', 'Customers', customersPage(customers, query, next))
  })

  app.get('/merchant/orders', async (c) => {
    if (!hasRoute('GET', '/v1/merchant/orders')) return c.notFound()
    const answer = await api<{ orders: MerchantOrderSummary[] }>(
      'GET',
      '/v1/merchant/orders?limit=100',
    )
    return page(c, 'orders', 'Orders', ordersPage(answer.ok ? answer.body.orders : [], locale))
  })
}
