import { formatMoney } from '@tote/core'
import type { CartSnapshot } from '@tote/core/adapter'

/** The shop as the recovery email presents it. */
export interface ShopIdentity {
  name: string
  contact: { email: string; phone?: string; address?: string }
  /** The shop's locale, for prices. @default 'en' */
  locale?: string
}

/** A rendered email. */
export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/** What {@link renderRecoveryEmail} needs. */
export interface RecoveryEmailInput {
  shop: ShopIdentity
  cart: CartSnapshot
  /** Product descriptions by merchandise id. */
  descriptions: ReadonlyMap<string, string>
  /** The merchant's own text (plain text; paragraphs split on blank lines). */
  message: string
  /** The "complete your order" link: the storefront's recovery page with a signed token. */
  recoveryUrl: string
  /** The one-click unsubscribe link, with a signed token; shown in the footer when given. */
  unsubscribeUrl?: string | undefined
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

/**
 * The abandoned-cart email (docs/domain.md R9), as HTML and plain text: the shop's name, the
 * merchant's text, each item with its image, quantity and description, a "Complete your
 * order" button, and the shop's contact details in the footer.
 */
export function renderRecoveryEmail(input: RecoveryEmailInput): RenderedEmail {
  const { shop, cart } = input
  const locale = shop.locale ?? 'en'
  const price = (value: { amount: number; currency: string }) => formatMoney(value, { locale })
  const subject = `${shop.name}: your cart is waiting for you`
  const paragraphs = input.message
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
  const contact = [shop.contact.email, shop.contact.phone, shop.contact.address].filter(
    (value): value is string => Boolean(value),
  )

  const items = cart.lines.map((line) => {
    const title =
      line.merchandise.title && line.merchandise.title !== 'Default Title'
        ? `${line.merchandise.productTitle} — ${line.merchandise.title}`
        : line.merchandise.productTitle
    return { line, title, description: input.descriptions.get(line.merchandise.id) ?? '' }
  })

  const rows = items
    .map(({ line, title, description }) => {
      const image = line.merchandise.image
        ? `<img src="${escapeHtml(line.merchandise.image.url)}" alt="${escapeHtml(line.merchandise.image.alt ?? title)}" width="80" height="80" style="display:block;border-radius:6px">`
        : ''
      return `<tr>
  <td style="padding:12px 12px 12px 0;vertical-align:top;width:80px">${image}</td>
  <td style="padding:12px 0;vertical-align:top">
    <strong>${escapeHtml(title)}</strong><br>
    <span style="color:#555">${escapeHtml(description)}</span><br>
    <span>Quantity: ${line.quantity}</span>
  </td>
  <td style="padding:12px 0;vertical-align:top;text-align:right;white-space:nowrap">${escapeHtml(price(line.cost.subtotal))}</td>
</tr>`
    })
    .join('\n')

  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#f6f6f4;font-family:Helvetica,Arial,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#fff;border-radius:8px;padding:24px">
<tr><td>
  <h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(shop.name)}</h1>
  <p style="margin:0 0 12px">You left these items in your cart.</p>
  ${paragraphs.map((paragraph) => `<p style="margin:0 0 12px">${escapeHtml(paragraph)}</p>`).join('\n  ')}
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-top:1px solid #eee;margin-top:8px">
${rows}
  </table>
  <p style="text-align:right;margin:12px 0 24px"><strong>Total: ${escapeHtml(price(cart.cost.total))}</strong></p>
  <p style="text-align:center;margin:0 0 24px">
    <a href="${escapeHtml(input.recoveryUrl)}" style="display:inline-block;background:#1f6f50;color:#fff;text-decoration:none;padding:14px 28px;border-radius:6px;font-weight:bold">Complete your order</a>
  </p>
</td></tr>
<tr><td style="border-top:1px solid #eee;padding-top:16px;font-size:12px;color:#666">
  ${escapeHtml(shop.name)}<br>
  ${contact.map(escapeHtml).join('<br>\n  ')}${
    input.unsubscribeUrl
      ? `<br>\n  <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#666">Unsubscribe from cart reminders</a>`
      : ''
  }
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`

  const text = [
    shop.name,
    '',
    'You left these items in your cart.',
    ...paragraphs.flatMap((paragraph) => ['', paragraph]),
    '',
    ...items.flatMap(({ line, title, description }) => [
      `- ${title} × ${line.quantity} — ${price(line.cost.subtotal)}`,
      ...(description ? [`  ${description}`] : []),
    ]),
    '',
    `Total: ${price(cart.cost.total)}`,
    '',
    `Complete your order: ${input.recoveryUrl}`,
    '',
    '--',
    shop.name,
    ...contact,
    ...(input.unsubscribeUrl
      ? ['', `Unsubscribe from cart reminders: ${input.unsubscribeUrl}`]
      : []),
    '',
  ].join('\n')

  return { subject, html, text }
}
