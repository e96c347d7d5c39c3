import type { Context } from 'hono'
import { catalogueVariants } from '../catalogue.ts'
import { EMAIL_CSP, field, issuesOf, type PagesContext } from '../context.ts'
import type { Html } from '../html.ts'
import { flash } from '../layout.ts'
import { emailPage } from '../pages/email.ts'
import { productsPage, toMinor } from '../pages/products.ts'
import { DELAY_UNITS, type DelayUnit, settingsPage } from '../pages/settings.ts'
import type { MerchantSettings } from '../types.ts'

type Preview = { email: { subject: string; text: string } }

/**
 * The pages that change something, each a form posted to the merchant API: the abandonment
 * settings (docs/domain.md R5, R7, R8), the email's text with its preview (R9), and the
 * products' prices and stock.
 */
export function registerSettings(ctx: PagesContext): void {
  const { app, options, locale, api, read, page, csrfOf } = ctx
  const { shop } = options

  app.get('/merchant/settings', async (c) => {
    const saved = c.req.query('saved') === '1' ? flash('ok', 'Settings saved.') : ''
    const body = settingsPage(await ctx.settings(), csrfOf(c), saved)
    return page(c, 'settings', 'Settings', body)
  })

  app.post('/merchant/settings', async (c) => {
    const form = await c.req.parseBody()
    const current = await ctx.settings()
    const unit = field(form, 'delayUnit') as DelayUnit
    const amount = Number(field(form, 'delayAmount'))
    const patch: Record<string, unknown> = {
      enabled: field(form, 'enabled') === 'on',
      delayMinutes: Object.hasOwn(DELAY_UNITS, unit) ? amount * DELAY_UNITS[unit] : Number.NaN,
    }
    // Settings this server version has, and only those.
    if (current.recipients !== undefined) patch.recipients = field(form, 'recipients')
    if (current.maxEmailsPerAddressPerDay !== undefined) {
      patch.maxEmailsPerAddressPerDay = Number(field(form, 'maxEmailsPerAddressPerDay'))
    }
    const problems: string[] = []
    if (!Number.isInteger(patch.delayMinutes)) {
      problems.push('The delay must be a whole number of minutes.')
    } else {
      const answer = await api('PUT', '/v1/merchant/abandonment/settings', patch)
      if (answer.ok) return c.redirect('/merchant/settings?saved=1', 303)
      problems.push(...issuesOf(answer))
    }
    // Show what was typed, with what is wrong with it.
    const typed = { ...current, ...patch, delayMinutes: current.delayMinutes } as MerchantSettings
    const notice = flash('error', 'The settings were not saved:', problems)
    return page(c, 'settings', 'Settings', settingsPage(typed, csrfOf(c), notice), 400)
  })

  const emailView = async (c: Context, message: string, notice: Html | '', status = 200) => {
    const { email } = await read<Preview>('/v1/merchant/abandonment/preview')
    const body = emailPage(
      { message, subject: email.subject, text: email.text, csrf: csrfOf(c) },
      notice,
    )
    return page(c, 'email', 'Email preview', body, status)
  }

  app.get('/merchant/email', async (c) => {
    const saved = c.req.query('saved') === '1' ? flash('ok', 'Your text is saved.') : ''
    return emailView(c, (await ctx.settings()).message, saved)
  })

  app.post('/merchant/email', async (c) => {
    const message = field(await c.req.parseBody(), 'message').replace(/\r\n/g, '\n')
    const answer = await api('PUT', '/v1/merchant/abandonment/settings', { message })
    if (answer.ok) return c.redirect('/merchant/email?saved=1', 303)
    const notice = flash('error', 'Your text was not saved:', issuesOf(answer))
    return emailView(c, message, notice, 400)
  })

  app.get('/merchant/email/preview', async (c) => {
    const response = await app.request('/v1/merchant/abandonment/preview?format=html', {
      headers: { authorization: `Bearer ${options.merchantToken}` },
    })
    c.header('Content-Security-Policy', EMAIL_CSP)
    return c.html(await response.text(), response.status as 200)
  })

  const productsView = async (c: Context, notice: Html | '', status = 200) => {
    const variants = await catalogueVariants(ctx)
    const body = productsPage(variants, csrfOf(c), locale, notice)
    return page(c, 'products', 'Products and stock', body, status)
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
    if (stock !== null && !Number.isInteger(stock)) {
      problems.push('The stock must be a whole number.')
    }
    if (problems.length === 0) {
      const path = `/v1/merchant/variants/${encodeURIComponent(id)}`
      const answer = await api('PATCH', path, { price, stock })
      if (answer.ok) return c.redirect(`/merchant/products?saved=${encodeURIComponent(id)}`, 303)
      problems.push(...(answer.status === 404 ? ['No such variant.'] : issuesOf(answer)))
    }
    return productsView(c, flash('error', `${id} was not saved:`, problems), 400)
  })
}
