import { ToteArgumentError } from '@tote/core/adapter'

/**
 * Checks a page the server links to (in emails and carts): an absolute `http(s)` URL, or a
 * path on the server's public URL (`/recover`). Placeholders such as `{token}` may stand in
 * it. Anything else (`javascript:`, `data:`, `//host`) throws a `ToteArgumentError` naming
 * the option.
 *
 * @example
 * assertPageUrl('https://shop.example/recover?token={token}', 'options.shop.recoveryUrl')
 */
export function assertPageUrl(value: unknown, argument: string): void {
  const expected = 'expected an absolute http(s) URL or a path starting with /'
  if (typeof value !== 'string' || value.trim() !== value || value === '') {
    throw new ToteArgumentError(argument, `${expected}, got ${JSON.stringify(value)}`)
  }
  // Placeholders are not URL characters; a sample value stands in for each.
  const sample = value.replace(/\{[A-Za-z]+\}/g, 'x')
  if (sample.startsWith('/') && !sample.startsWith('//') && !sample.includes('\\')) {
    return
  }
  let url: URL
  try {
    url = new URL(sample)
  } catch {
    throw new ToteArgumentError(argument, `${expected}, got ${JSON.stringify(value)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToteArgumentError(argument, `${expected}, got a ${url.protocol} URL`)
  }
  if (url.username || url.password) {
    throw new ToteArgumentError(argument, 'expected a URL without credentials')
  }
}
