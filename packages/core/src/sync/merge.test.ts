import { describe, expect, it } from 'vitest'
import { createIntent } from './intents.ts'
import { mergeState, seqsOf, toPersisted } from './merge.ts'
import { INITIAL_STATE, type SyncState } from './state.ts'
import { line, snapshot } from './test-fixtures.ts'

const tab = (patch: Partial<SyncState>): SyncState => ({ ...INITIAL_STATE, ...patch })

describe('mergeState', () => {
  it('takes the newest intent per slot and drops what the other tab acknowledged', () => {
    const mine = tab({
      intents: new Map([
        ['line:a', createIntent(line('a', 1), 's1')],
        ['line:b', createIntent(line('b', 1), 's2')],
      ]),
    })
    const other = toPersisted(
      tab({
        intents: new Map([['line:a', createIntent(line('a', 4), 's3')]]),
        acked: new Map([['line:b', 's2']]),
      }),
      false,
    )
    const { state, changed } = mergeState(mine, other)
    expect(changed).toBe(true)
    expect([...state.intents.values()].map((i) => [i.slot, i.seq])).toEqual([['line:a', 's3']])
  })

  it('converges whichever tab merges first', () => {
    const a = tab({ intents: new Map([['line:a', createIntent(line('a', 1), 's1')]]) })
    const b = tab({ intents: new Map([['line:a', createIntent(line('a', 2), 's2')]]) })
    const ab = mergeState(a, toPersisted(b, false)).state
    const ba = mergeState(b, toPersisted(a, false)).state
    expect(toPersisted(ab, false)).toEqual(toPersisted(ba, false))
  })

  it('follows a newer cart (a newer epoch) and drops its own stale view of the old one', () => {
    const mine = tab({ cartId: 'cart-1', confirmed: snapshot([]), epoch: 's1', stale: true })
    const other = toPersisted(
      tab({ cartId: 'cart-2', confirmed: { ...snapshot([]), id: 'cart-2' }, epoch: 's5' }),
      false,
    )
    const { state } = mergeState(mine, other)
    expect(state).toMatchObject({ cartId: 'cart-2', epoch: 's5', stale: false })
  })

  it("adopts another tab's unclear creation instead of making a second cart", () => {
    const creating = { key: 'k1', sent: [createIntent(line('a', 1), 's1')] }
    const { state, changed } = mergeState(tab({}), toPersisted(tab({ creating }), false))
    expect(changed).toBe(true)
    expect(state.creating).toEqual(creating)
  })

  it('forgets an unclear creation once another tab has the cart', () => {
    const creating = { key: 'k1', sent: [createIntent(line('a', 1), 's1')] }
    const other = toPersisted(
      tab({ cartId: 'cart-1', confirmed: snapshot([]), epoch: 's4' }),
      false,
    )
    expect(mergeState(tab({ creating }), other).state.creating).toBeNull()
  })

  it('reports no change when there is none', () => {
    const state = tab({ intents: new Map([['line:a', createIntent(line('a', 1), 's1')]]) })
    expect(mergeState(state, toPersisted(state, false)).changed).toBe(false)
  })
})

describe('toPersisted', () => {
  it('keeps the email out of storage unless asked', () => {
    const state = tab({
      confirmed: { ...snapshot([]), email: 'ada@example.com' },
      cartId: 'cart-1',
      savedEmail: 'ada@example.com',
    })
    expect(JSON.stringify(toPersisted(state, false))).not.toContain('ada@example.com')
    expect(toPersisted(state, true).email).toBe('ada@example.com')
  })

  it('lists every sequence number for the clock to move past', () => {
    const state = tab({
      epoch: 's3',
      intents: new Map([['line:a', createIntent(line('a', 1), 's7')]]),
      acked: new Map([['line:b', 's5']]),
    })
    expect(seqsOf(toPersisted(state, false)).sort()).toEqual(['s3', 's5', 's7'])
  })
})
