import { describe, expect, it } from 'vitest'
import { actingFrom, currentOrigin } from './index.ts'

describe('actingFrom', () => {
  it('tells the origin to code running during the change, and restores the one around it', () => {
    const outer = {} as EventTarget
    const seen: unknown[] = []
    expect(currentOrigin()).toBeNull()
    const result = actingFrom(outer, 'product', () => {
      seen.push(currentOrigin())
      actingFrom(null, 'standard-action', () => seen.push(currentOrigin()))
      seen.push(currentOrigin())
      return 'key'
    })
    expect(result).toBe('key')
    expect(seen).toEqual([
      { target: outer, context: 'product' },
      { target: null, context: 'standard-action' },
      { target: outer, context: 'product' },
    ])
    expect(currentOrigin()).toBeNull()
  })

  it('restores the origin when the change throws', () => {
    expect(() =>
      actingFrom(null, 'cart', () => {
        throw new Error('refused')
      }),
    ).toThrow('refused')
    expect(currentOrigin()).toBeNull()
  })
})
