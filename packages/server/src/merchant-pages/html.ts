import { escapeHtml } from '../email/render.ts'

/** Markup the merchant pages built themselves: inserted as is into other markup. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup
  }
}

/** What `html` accepts between its markup: text (escaped), markup, or lists of them. */
export type Interpolation = Html | string | number | boolean | null | undefined | Interpolation[]

function render(value: Interpolation): string {
  if (value instanceof Html) return value.markup
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}

/**
 * Builds markup from a template: every interpolated value is escaped as text unless it is
 * itself `Html`, so shop data (titles, emails, the merchant's text) can never become markup.
 * Attributes must be quoted in the template.
 *
 * @example
 * html`<td title="${cart.email}">${cart.email}</td>` // `<` and `"` in the address are escaped
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let markup = strings[0]!
  for (let i = 0; i < values.length; i++) markup += render(values[i]) + strings[i + 1]!
  return new Html(markup)
}

/**
 * A link target for `href`: a path on this server, or an `http(s)` URL; anything else (such as
 * `javascript:`) becomes `#`.
 */
export function safeHref(url: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return url
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#'
  } catch {
    return '#'
  }
}
