import { describe, expect, it } from 'vitest'
import { changesOf } from '../recovery/open.ts'
import { createIntent, isSatisfied, slotOf, toOps } from './intents.ts'
import { line, snapshot } from './test-fixtures.ts'

describe('intents', () => {
  it('gives each line key, the note, the attributes and the discount codes a slot', () => {
    expect(slotOf(line('a', 1))).toBe('line:a')
    expect(slotOf({ kind: 'note', note: '' })).toBe('note')
    expect(createIntent({ kind: 'discounts', codes: [] }, 's1')).toEqual({
      kind: 'discounts',
      codes: [],
      slot: 'discounts',
      seq: 's1',
    })
  })

  it('is satisfied by a cart that already is the target', () => {
    const cart = snapshot([['a', 2]], {
      discountCodes: [{ code: 'TOTE10', applicable: true }],
    })
    expect(isSatisfied(createIntent(line('a', 2), 's'), cart)).toBe(true)
    expect(isSatisfied(createIntent(line('b', 0), 's'), cart)).toBe(true)
    expect(isSatisfied(createIntent(line('a', 3), 's'), cart)).toBe(false)
    expect(isSatisfied(createIntent({ kind: 'discounts', codes: ['tote10'] }, 's'), cart)).toBe(
      true,
    )
    expect(isSatisfied(createIntent({ kind: 'note', note: 'gift' }, 's'), cart)).toBe(false)
  })

  it('turns intents into target-state operations and back', () => {
    const ops = toOps(
      [createIntent(line('a', 0), 's'), createIntent({ kind: 'note', note: 'hi' }, 's')],
      snapshot([['a', 1]]),
    )
    expect(ops).toEqual([
      {
        type: 'setLine',
        merchandiseId: 'a',
        attributes: {},
        quantity: 0,
        lineKey: 'a',
        lineId: 'line-a',
      },
      { type: 'setNote', note: 'hi' },
    ])
    expect(changesOf(ops)).toEqual([line('a', 0)])
  })
})
