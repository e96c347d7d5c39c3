import { describe, expect, it } from 'vitest'
import { diffTags, MAX_TAG_LENGTH, tagKey, tagProblem, uniqueTags } from './index.ts'

describe('tags', () => {
  it('compares tags case-insensitively (docs/domain.md R14, R18)', () => {
    expect(tagKey('VIP')).toBe(tagKey('vip'))
    expect(tagKey(' Vip ')).toBe('vip')
    expect(tagKey('STRASSE')).toBe(tagKey('straße'))
    expect(tagKey('Café')).toBe(tagKey('CAFE\u0301'))
    expect(tagKey('vip')).not.toBe(tagKey('vip2'))
  })

  it('keeps the first spelling of a repeated tag', () => {
    expect(uniqueTags(['VIP', ' wholesale', 'vip', 'Wholesale '])).toEqual(['VIP', 'wholesale'])
  })

  it('accepts 40 characters and refuses 41, counting characters rather than UTF-16 units', () => {
    expect(tagProblem('a'.repeat(MAX_TAG_LENGTH))).toBeNull()
    expect(tagProblem('a'.repeat(MAX_TAG_LENGTH + 1))).toBe(
      'a tag has at most 40 characters, got 41',
    )
    expect(tagProblem('🛍'.repeat(MAX_TAG_LENGTH))).toBeNull()
  })

  it('refuses an empty tag, a comma, control characters and a lone surrogate', () => {
    expect(tagProblem('')).toBe('a tag cannot be empty')
    expect(tagProblem('a,b')).toBe('a tag cannot hold a comma or control characters')
    expect(tagProblem('a\u0000b')).not.toBeNull()
    expect(tagProblem('a\u200bb')).not.toBeNull()
    expect(tagProblem('a\ud800')).toBe('a tag must be well-formed Unicode text')
  })

  it('tells which tags were added and removed, whatever their case', () => {
    expect(diffTags(['VIP', 'wholesale'], ['vip', 'gift'])).toEqual({
      added: ['gift'],
      removed: ['wholesale'],
    })
  })
})
