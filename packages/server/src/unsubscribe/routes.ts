import type { Context, Hono } from 'hono'
import type { ShopIdentity } from '../email/render.ts'
import { escapeHtml } from '../email/render.ts'
import { ProtocolError } from '../http/errors.ts'
import type { RecoveryKey } from '../recovery-token/index.ts'
import type { Storage } from '../storage/index.ts'
import {
  findRecipient,
  type UnsubscribeTokenFailure,
  unsubscribeRecipient,
  verifyUnsubscribeToken,
} from './index.ts'

/** What the unsubscribe routes need. */
export interface UnsubscribeRouteDependencies {
  storage: Storage
  ctx: { shopId: string; clock: { now(): number }; shop: ShopIdentity }
  recoveryKeys: readonly RecoveryKey[]
}

/** Why a link was refused, in the protocol's words (as recovery links say it). */
const REASONS: Record<UnsubscribeTokenFailure, 'malformed' | 'tampered' | 'unknown'> = {
  malformed: 'malformed',
  bad_signature: 'tampered',
  unknown_key: 'unknown',
  foreign_shop: 'unknown',
}

// The pages show only fixed text and the shop's name, escaped; nothing runs, nothing loads.
const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

function page(c: Context, status: number, shop: ShopIdentity, title: string, body: string) {
  c.header('Content-Security-Policy', PAGE_POLICY)
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222">
<h1 style="font-size:1.4rem">${escapeHtml(shop.name)}</h1>
${body}
</body>
</html>
`,
    status as 200,
  )
}

/**
 * Serves the link every recovery email carries (RFC 8058): `POST /v1/unsubscribe?token=…`
 * unsubscribes at once (what a mail client's one-click button sends), `GET` shows a page that
 * asks first, so a link scanner that follows it unsubscribes nobody.
 */
export function registerUnsubscribeRoutes(app: Hono, deps: UnsubscribeRouteDependencies): void {
  const { storage, ctx } = deps

  /** The recipient id of the request's token, or why it has none. */
  const recipientOf = (c: Context) => {
    const token = c.req.query('token') ?? ''
    if (token.length === 0 || token.length > 2048)
      return { ok: false as const, reason: 'malformed' }
    const verified = verifyUnsubscribeToken(token, { keys: deps.recoveryKeys, shopId: ctx.shopId })
    if (!verified.ok) return { ok: false as const, reason: REASONS[verified.reason] }
    return { ok: true as const, token, recipientId: verified.claims.recipientId }
  }

  const invalidPage = (c: Context, status: number) =>
    page(
      c,
      status,
      ctx.shop,
      'Link not valid',
      `<p>This unsubscribe link is not valid. To stop these emails, reply to one of them or write to ${escapeHtml(ctx.shop.contact.email)}.</p>
<p style="color:#666;font-size:.8rem">Error code: invalid_unsubscribe_link</p>`,
    )

  const donePage = (c: Context) =>
    page(
      c,
      200,
      ctx.shop,
      'Unsubscribed',
      `<p>You are unsubscribed. ${escapeHtml(ctx.shop.name)} will not send you cart reminder emails any more.</p>`,
    )

  app.get('/v1/unsubscribe', async (c) => {
    const link = recipientOf(c)
    if (!link.ok) return invalidPage(c, 400)
    const recipient = await findRecipient(storage, ctx.shopId, link.recipientId)
    if (!recipient) return invalidPage(c, 404)
    if (recipient.unsubscribedAt) return donePage(c)
    const action = `/v1/unsubscribe?token=${encodeURIComponent(link.token)}`
    return page(
      c,
      200,
      ctx.shop,
      'Unsubscribe',
      `<p>Stop getting cart reminder emails from ${escapeHtml(ctx.shop.name)}?</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="font-size:1rem;padding:.6rem 1.2rem">Unsubscribe</button>
</form>`,
    )
  })

  app.post('/v1/unsubscribe', async (c) => {
    const link = recipientOf(c)
    if (!link.ok) {
      throw new ProtocolError(
        400,
        'invalid_unsubscribe_link',
        'This unsubscribe link is not valid',
        {
          reason: link.reason,
        },
      )
    }
    if (!(await unsubscribeRecipient(storage, ctx, link.recipientId))) {
      throw new ProtocolError(
        404,
        'invalid_unsubscribe_link',
        'This unsubscribe link is not valid',
        {
          reason: 'unknown',
        },
      )
    }
    return donePage(c)
  })
}
