import { z } from '../zod/index.ts'

/** The longest tag, in characters (docs/domain.md R18; customers' tags follow the same limit). */
export const MAX_TAG_LENGTH = 40
/** The most tags one customer or order may carry. */
export const MAX_TAGS = 250

// Tags are shown comma-separated in lists and exports: a comma would split one tag in two.
const FORBIDDEN = /[,\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u
// In a `u` pattern, \p{Cs} only matches a surrogate without its pair: text that is not Unicode.
const LONE_SURROGATE = /\p{Cs}/u

/**
 * Why `tag` (already trimmed) cannot be a tag, or `null` when it can: 1–40 characters
 * (code points), well-formed Unicode, no comma, no control or invisible formatting characters.
 */
export function tagProblem(tag: string): string | null {
  if (LONE_SURROGATE.test(tag)) return 'a tag must be well-formed Unicode text'
  const length = [...tag.normalize('NFC')].length
  if (length === 0) return 'a tag cannot be empty'
  if (length > MAX_TAG_LENGTH)
    return `a tag has at most ${MAX_TAG_LENGTH} characters, got ${length}`
  if (FORBIDDEN.test(tag)) return 'a tag cannot hold a comma or control characters'
  return null
}

/** A tag as written to storage: trimmed, in Unicode NFC. */
export function cleanTag(tag: string): string {
  return tag.trim().normalize('NFC')
}

/**
 * What tags are compared by: `VIP` and `vip` are one tag (docs/domain.md R14, R18). Upper then
 * lower case folds the pairs lower case alone misses (`ß` and `SS`).
 *
 * @example
 * tagKey('VIP') === tagKey('vip') // true
 */
export function tagKey(tag: string): string {
  return cleanTag(tag).toUpperCase().toLowerCase()
}

/**
 * A list of tags without repeats: the first spelling of each tag is kept, in order.
 *
 * @example
 * uniqueTags(['VIP', 'wholesale', 'vip']) // ['VIP', 'wholesale']
 */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>()
  for (const tag of tags.map(cleanTag)) if (!seen.has(tagKey(tag))) seen.set(tagKey(tag), tag)
  return [...seen.values()]
}

/** The tags of `after` not in `before`, and of `before` not in `after`, compared by {@link tagKey}. */
export function diffTags(
  before: readonly string[],
  after: readonly string[],
): { added: string[]; removed: string[] } {
  const had = new Set(before.map(tagKey))
  const has = new Set(after.map(tagKey))
  return {
    added: after.filter((tag) => !had.has(tagKey(tag))),
    removed: before.filter((tag) => !has.has(tagKey(tag))),
  }
}

/** One tag as the API takes it: 1–40 characters once trimmed, no comma or control characters. */
export const TagInput = z.string().check(
  z.maxLength(200),
  z.refine((tag) => tagProblem(cleanTag(tag)) === null, {
    error: (issue) => tagProblem(cleanTag(String(issue.input))) ?? 'invalid tag',
  }),
)
