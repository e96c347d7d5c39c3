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

/** A place in a JSON value: its name and the place that holds it. */
interface Place {
  name: string
  parent: Place | null
}

const pathOf = (place: Place | null): string => {
  const names: string[] = []
  for (let at = place; at; at = at.parent) names.push(at.name)
  return names.reverse().join('.')
}

/**
 * The first place in a parsed JSON value with text that is not storable, or `null`. Walks
 * without recursion, and builds a path only for what it finds: a body of nested arrays is
 * as deep as it is long.
 */
export function findMalformedText(value: unknown): MalformedText | null {
  const pending: { value: unknown; place: Place | null }[] = [{ value, place: null }]
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, place } = next
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { path: pathOf(place), inName: false }
      continue
    }
    if (typeof current !== 'object' || current === null) continue
    const entries = Array.isArray(current)
      ? current.map((item, index) => [String(index), item] as const)
      : Object.entries(current)
    // The name itself is left out of the path: it cannot be printed as it is.
    if (!Array.isArray(current) && entries.some(([name]) => !isStorableText(name))) {
      return { path: pathOf(place), inName: true }
    }
    // Pushed last to first, so places are visited in document order.
    for (let index = entries.length - 1; index >= 0; index--) {
      const [name, item] = entries[index]!
      pending.push({ value: item, place: { name, parent: place } })
    }
  }
  return null
}

/** Whether a URL's path or query holds a NUL (`%00`), which no id or query value may. */
export function hasNulInUrl(url: string): boolean {
  return /%00/.test(url) || url.includes('\u0000')
}
