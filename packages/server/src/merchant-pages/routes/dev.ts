import { EMAIL_CSP, field, type PagesContext } from '../context.ts'
import { delayInWords } from '../format.ts'
import { html } from '../html.ts'
import { flash } from '../layout.ts'
import { devEmailPage, devPage } from '../pages/dev.ts'

/** The longest jump the page takes: 30 days, in minutes. */
const MAX_MINUTES = 30 * 1440

/**
 * The development page, for servers with `devRoutes`: the outbox, each email with its
 * recovery link, and the fast-forward of the server's clock.
 */
export function registerDevPages(ctx: PagesContext): void {
  const { app, options, page, csrfOf } = ctx
  const { outbox, fastForward, clock } = options

  app.get('/merchant/dev', async (c) => {
    const settings = await ctx.settings()
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
        realNow: ctx.wallClock.now(),
        csrf: csrfOf(c),
      },
      notice,
    )
    return page(c, 'dev', 'Outbox and clock', body)
  })

  app.post('/merchant/dev/fast-forward', async (c) => {
    if (!fastForward) return c.notFound()
    const minutes = Number(field(await c.req.parseBody(), 'minutes'))
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) {
      return c.text(`minutes: expected a whole number from 1 to ${MAX_MINUTES}`, 400)
    }
    const { sweep } = await fastForward(minutes * 60_000)
    return c.redirect(`/merchant/dev?moved=${minutes}&sent=${sweep.sent.length}`, 303)
  })

  app.get('/merchant/dev/emails/:emailId', async (c) => {
    const email = outbox ? await outbox.read(c.req.param('emailId')) : null
    if (!email) {
      return page(c, 'dev', 'No such email', html`<p class="empty">No such email.</p>`, 404)
    }
    return page(c, 'dev', email.subject, devEmailPage(email))
  })

  app.get('/merchant/dev/emails/:emailId/html', async (c) => {
    const email = outbox ? await outbox.read(c.req.param('emailId')) : null
    if (!email) return c.text('No such email', 404)
    c.header('Content-Security-Policy', EMAIL_CSP)
    return c.html(email.html)
  })
}
