/**
 * Checks every request input meets before any schema reads it: a JSON media type in UTF-8,
 * and text PostgreSQL can store and `encodeURIComponent` can encode.
 */

/** Whether a `Content-Type` is JSON in UTF-8: `application/json`, optionally `; charset=utf-8`. */
export function isJsonInUtf8(contentType: string | undefined): boolean {
  if (contentType === undefined) return false
  const [type, ...parameters] = contentType
    .split(';')
    .map((part) => part.trim())
    .filter((part, index) => index === 0 || part !== '')
  if (type?.toLowerCase() !== 'application/json') return false
  return parameters.every((parameter) => {
    const at = parameter.indexOf('=')
    const name = parameter.slice(0, at).trim().toLowerCase()
    const value = parameter
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase()
    return at > 0 && name === 'charset' && value === 'utf-8'
  })
}

/**
 * Whether a string is text Tote stores: no NUL (PostgreSQL's `text` cannot hold it) and no
 * unpaired surrogate (not Unicode; `encodeURIComponent` throws on it, and line keys use it).
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !UNPAIRED_SURROGATE.test(value)
}

// In unicode mode a pair is one code point, so only a surrogate left alone falls in the range.
const UNPAIRED_SURROGATE = /[\ud800-\udfff]/u

/** Where a JSON value holds text that is not storable: the path, and whether in a name. */
export interface MalformedText {
  /** Dotted path of the value, or of the object whose property name is at fault. */
  path: string
  /** `true` when a property name is at fault, not a value. */
  inName: boolean
}

/** The first place in a parsed JSON value with text that is not storable, or `null`. */
export function findMalformedText(value: unknown, path: string[] = []): MalformedText | null {
  if (typeof value === 'string') {
    return isStorableText(value) ? null : { path: path.join('.'), inName: false }
  }
  if (typeof value !== 'object' || value === null) return null
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findMalformedText(item, [...path, String(index)])
      if (found) return found
    }
    return null
  }
  for (const [name, item] of Object.entries(value)) {
    // The name itself is left out of the path: it cannot be printed as it is.
    if (!isStorableText(name)) return { path: path.join('.'), inName: true }
    const found = findMalformedText(item, [...path, name])
    if (found) return found
  }
  return null
}

/** Whether a URL's path or query holds a NUL (`%00`), which no id or query value may. */
export function hasNulInUrl(url: string): boolean {
  return /%00/.test(url) || url.includes('\u0000')
}
