import { type CartOp, lineKey } from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import { metadataUpdate, planOps } from './index.ts'

const setLine = (id: string, quantity: number, lineId: string | null = null): CartOp => ({
  type: 'setLine',
  merchandiseId: id,
  attributes: {},
  quantity,
  lineKey: lineKey(id),
  lineId,
})

describe('planOps', () => {
  it('keeps the last target per line and the item id it knew', () => {
    const { plans, meta } = planOps([
      setLine('v1', 2, 'cali_1'),
      setLine('v1', 4),
      { type: 'setDiscountCodes', codes: ['A', 'A', 'B'] },
    ])
    expect(plans).toEqual([
      { key: 'v1', merchandiseId: 'v1', attributes: {}, quantity: 4, lineId: 'cali_1' },
    ])
    expect(meta).toEqual({ discountCodes: ['A', 'B'] })
  })

  it('refuses a malformed op before anything is sent', () => {
    expect(() => planOps([setLine('v1', 1.5)])).toThrow(/quantity/)
  })
})

describe('metadataUpdate', () => {
  it('sends what changed and blanks the string keys no longer wanted', () => {
    expect(metadataUpdate({ gift: 'yes', old: 'x', app: { n: 1 } }, { gift: 'no' })).toEqual({
      gift: 'no',
      old: '',
    })
  })

  it('leaves values of other types alone and says when nothing changes', () => {
    expect(metadataUpdate({ gift: 'yes', app: 3 }, { gift: 'yes' })).toBeNull()
    expect(metadataUpdate(null, {})).toBeNull()
    expect(metadataUpdate(null, { gift: 'yes' })).toEqual({ gift: 'yes' })
  })
})
