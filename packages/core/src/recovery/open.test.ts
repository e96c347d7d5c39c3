import { describe, expect, it } from 'vitest'
import { line, snapshot } from '../sync/test-fixtures.ts'
import { deriveView, EMPTY_VIEW } from '../sync/view.ts'
import { recoveredChanges } from './open.ts'

describe('recoveredChanges', () => {
  const recovered = {
    ...snapshot([
      ['a', 3],
      ['b', 1],
    ]),
    id: 'cart-2',
  }
  const ops = [
    {
      type: 'setLine' as const,
      merchandiseId: 'a',
      attributes: {},
      quantity: 2,
      lineKey: 'a',
      lineId: 'line-a',
    },
  ]
  const other = deriveView(
    snapshot([
      ['a', 1],
      ['b', 4],
    ]),
    new Map(),
    EMPTY_VIEW,
    null,
  )
  const quantities = (changes: ReturnType<typeof recoveredChanges>) =>
    changes.map((change) => [
      change.kind === 'line' && change.key,
      change.kind === 'line' && change.quantity,
    ])

  it('merges the other cart, keeping the larger of carried quantities', () => {
    expect(quantities(recoveredChanges({ snapshot: recovered, ops }, other, 'merge'))).toEqual([
      ['a', 2],
      ['b', 4],
    ])
  })

  it('carries nothing when replacing, or when the other cart is the recovered one', () => {
    const expected = [line('a', 2)]
    expect(recoveredChanges({ snapshot: recovered, ops }, other, 'replace')).toEqual(expected)
    const same = { ...other, id: 'cart-2' }
    expect(recoveredChanges({ snapshot: recovered, ops }, same, 'merge')).toEqual(expected)
  })
})
