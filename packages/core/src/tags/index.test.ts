import { describe, expect, it } from 'vitest'
import {
  hasTag,
  MAX_TAG_LENGTH,
  normalizeTag,
  TagSchema,
  TagsSchema,
  tagsEqual,
  uniqueTags,
} from './index.ts'

describe('TagSchema', () => {
  // DOMAIN R18: tags have at most 40 characters.
  it('accepts a tag of 40 characters and refuses one of 41', () => {
    expect(MAX_TAG_LENGTH).toBe(40)
    const forty = 'x'.repeat(40)
    expect(TagSchema.parse(forty)).toBe(forty)
    const result = TagSchema.safeParse('x'.repeat(41))
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toBe('a tag has at most 40 characters')
  })

  // DOMAIN R18
  it('counts the characters after trimming', () => {
    const forty = 'abcdefghij'.repeat(4)
    expect(TagSchema.parse(`  ${forty}  `)).toBe(forty)
  })

  // DOMAIN R18
  it('counts letters such as æ, ø and å as one character each', () => {
    expect(TagSchema.safeParse('æøå'.repeat(13) + 'x').success).toBe(true)
    expect(TagSchema.safeParse('æøå'.repeat(14)).success).toBe(false)
  })

  it('refuses an empty or blank tag and a non-string', () => {
    expect(TagSchema.safeParse('').success).toBe(false)
    expect(TagSchema.safeParse('   ').error?.issues[0]?.message).toBe('a tag cannot be empty')
    expect(TagSchema.safeParse(42).success).toBe(false)
  })
})

describe('TagsSchema', () => {
  // DOMAIN R14: VIP and vip are one tag.
  it('drops case-insensitive duplicates, keeping the first spelling, trimmed', () => {
    expect(TagsSchema.parse(['VIP', 'vip', ' Vip ', 'wholesale', 'Wholesale'])).toEqual([
      'VIP',
      'wholesale',
    ])
  })

  // DOMAIN R18
  it('refuses a list holding a tag longer than 40 characters', () => {
    const result = TagsSchema.safeParse(['vip', 'y'.repeat(41)])
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual([1])
  })
})

describe('tagsEqual and normalizeTag', () => {
  // DOMAIN R14: tags are case-insensitive.
  it('treats tags that differ only in case or surrounding spaces as equal', () => {
    expect(tagsEqual('VIP', 'vip')).toBe(true)
    expect(tagsEqual('Gros client', 'GROS CLIENT')).toBe(true)
    expect(tagsEqual('ÆRLIG KUNDE', 'ærlig kunde')).toBe(true)
    expect(tagsEqual('Élève', 'élève')).toBe(true)
    expect(tagsEqual(' vip', 'VIP ')).toBe(true)
  })

  it('keeps tags that differ in letters apart', () => {
    expect(tagsEqual('vip', 'vips')).toBe(false)
    expect(tagsEqual('eleve', 'élève')).toBe(false)
    expect(tagsEqual('gros client', 'grosclient')).toBe(false)
  })

  it('normalizes a tag to its trimmed lower-case form', () => {
    expect(normalizeTag(' INDIGO Blue ')).toBe('indigo blue')
  })
})

describe('uniqueTags and hasTag', () => {
  // DOMAIN R14
  it('keeps the first spelling of each tag and the order they came in', () => {
    expect(uniqueTags(['b2b', 'VIP', 'B2B', 'vip', ' newsletter '])).toEqual([
      'b2b',
      'VIP',
      'newsletter',
    ])
    expect(uniqueTags([])).toEqual([])
  })

  // DOMAIN R14
  it('finds a tag whatever its case', () => {
    const tags = ['VIP', 'Wholesale']
    expect(hasTag(tags, 'vip')).toBe(true)
    expect(hasTag(tags, ' WHOLESALE ')).toBe(true)
    expect(hasTag(tags, 'retail')).toBe(false)
    expect(hasTag([], 'vip')).toBe(false)
  })
})
