import * as z from 'zod/mini'

/** The most characters a tag may have (DOMAIN R18). */
export const MAX_TAG_LENGTH = 40

/** A tag: trimmed, 1 to 40 characters (DOMAIN R18). */
export const TagSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'a tag cannot be empty'),
    z.maxLength(MAX_TAG_LENGTH, `a tag has at most ${MAX_TAG_LENGTH} characters`),
  )

/** A list of tags, compared case-insensitively: `VIP` and `vip` are one tag (DOMAIN R14). */
export const TagsSchema = z.pipe(
  z.array(TagSchema),
  z.transform((tags: string[]) => uniqueTags(tags)),
)

/** Whether two tags are the same tag; tags are case-insensitive (DOMAIN R14). */
export function tagsEqual(a: string, b: string): boolean {
  return normalizeTag(a) === normalizeTag(b)
}

/** The form a tag is compared in: trimmed and case-folded. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLocaleLowerCase('und')
}

/** Removes case-insensitive duplicates, keeping the first spelling of each tag. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const tag of tags) {
    const key = normalizeTag(tag)
    if (!seen.has(key)) {
      seen.add(key)
      result.push(tag.trim())
    }
  }
  return result
}

/** Whether `tags` holds `tag`, case-insensitively (DOMAIN R14). */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const key = normalizeTag(tag)
  return tags.some((candidate) => normalizeTag(candidate) === key)
}
