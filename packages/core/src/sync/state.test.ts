import { describe, expect, it } from 'vitest'
import { createIntent } from './intents.ts'
import { type Action, INITIAL_STATE, isDone, reduce, type SyncState } from './state.ts'
import { line, snapshot } from './test-fixtures.ts'

function run(state: SyncState, ...actions: Action[]) {
  const notices = []
  for (const action of actions) {
    const next = reduce(state, action)
    state = next.state
    notices.push(...next.notices)
  }
  return { state, notices }
}

const withCart = (lines: [string, number][], seq = 's5') =>
  run(INITIAL_STATE, { type: 'fetched', snapshot: snapshot(lines), seq }).state

describe('reduce', () => {
  it("keeps one intent per slot, the newest, in the slot's first position", () => {
    const { state } = run(
      INITIAL_STATE,
      { type: 'intent', change: line('a', 1), seq: 's1' },
      { type: 'intent', change: line('b', 1), seq: 's2' },
      { type: 'intent', change: line('a', 3), seq: 's3' },
    )
    expect([...state.intents.values()].map((i) => [i.slot, i.seq])).toEqual([
      ['line:a', 's3'],
      ['line:b', 's2'],
    ])
  })

  it('acknowledges what a write sent and tells the shopper when the backend gave less', () => {
    const sent = [createIntent(line('a', 5), 's1')]
    const { state, notices } = run(
      { ...INITIAL_STATE, intents: new Map([['line:a', sent[0]!]]) },
      { type: 'written', result: { cart: snapshot([['a', 2]]), notices: [] }, sent, seq: 's2' },
    )
    expect(state.intents.size).toBe(0)
    expect(state.acked.get('line:a')).toBe('s1')
    expect(state.cartId).toBe('cart-1')
    expect(state.epoch).toBe('s2') // a new cart starts a new epoch
    expect(notices).toEqual([
      expect.objectContaining({ code: 'insufficient_stock', lineKey: 'a', from: 5, to: 2 }),
    ])
  })

  it('keeps an intent made while its write was in flight', () => {
    const sent = [createIntent(line('a', 1), 's1')]
    const newer = createIntent(line('a', 2), 's2')
    const { state } = run(
      { ...withCart([]), intents: new Map([['line:a', newer]]) },
      { type: 'written', result: { cart: snapshot([['a', 1]]), notices: [] }, sent, seq: 's3' },
    )
    expect(state.intents.get('line:a')).toBe(newer)
  })

  it('discards an answer older than the confirmed cart', () => {
    const state = run(INITIAL_STATE, {
      type: 'fetched',
      snapshot: snapshot([['a', 2]], { version: 4 }),
      seq: 's1',
    }).state
    const after = reduce(state, {
      type: 'fetched',
      snapshot: snapshot([['a', 1]], { version: 3 }),
      seq: 's2',
    })
    expect(after.state.confirmed?.version).toBe(4)
  })

  it('starts a new cart when the backend completed the old one, keeping only additions (docs/domain.md R17)', () => {
    const state: SyncState = {
      ...withCart([['a', 1]]),
      intents: new Map([
        ['line:a', createIntent(line('a', 0), 's6')],
        ['line:b', createIntent(line('b', 2), 's7')],
      ]),
    }
    const { state: next, notices } = run(state, {
      type: 'fetched',
      snapshot: snapshot([['a', 1]], { status: 'completed' }),
      seq: 's8',
    })
    expect(next.cartId).toBeNull()
    expect(next.epoch).toBe('s8')
    expect([...next.intents.keys()]).toEqual(['line:b'])
    expect(notices).toEqual([{ code: 'cart_completed' }])
  })

  it('rolls a refused batch back with a notice per line the backend did not explain', () => {
    const sent = [createIntent(line('a', 9), 's6'), createIntent(line('b', 1), 's7')]
    const state: SyncState = {
      ...withCart([]),
      intents: new Map(sent.map((intent) => [intent.slot, intent])),
    }
    const { state: next, notices } = run(state, {
      type: 'failed',
      failure: { kind: 'rejected', notices: [{ code: 'out_of_stock', lineKey: 'a' }] },
      sent,
      seq: 's8',
    })
    expect(next.intents.size).toBe(0)
    expect(next.stale).toBe(true)
    expect(notices.map((n) => [n.code, n.lineKey])).toEqual([
      ['out_of_stock', 'a'],
      ['rejected', 'b'],
    ])
  })

  it('keeps an unclear creation to resend as it was, and forgets it once a cart is confirmed', () => {
    const sent = [createIntent(line('a', 1), 's1')]
    const creating = { key: 'k1', sent }
    const failed = run(
      { ...INITIAL_STATE, intents: new Map([['line:a', sent[0]!]]) },
      { type: 'creating', create: creating },
      {
        type: 'failed',
        failure: { kind: 'retry', refetch: true, error: new Error('x') as never },
        sent,
        seq: 's2',
      },
    ).state
    expect(failed.creating).toBe(creating)
    expect(failed.attempt).toBe(1)
    const answered = reduce(failed, {
      type: 'written',
      result: { cart: snapshot([['a', 1]]), notices: [] },
      sent,
      seq: 's3',
    }).state
    expect(answered.creating).toBeNull()
    expect(answered.attempt).toBe(0)
  })

  it('does not drop a removal without a cart while a creation may have made one', () => {
    const removal = createIntent(line('a', 0), 's2')
    const base = { ...INITIAL_STATE, intents: new Map([['line:a', removal]]) }
    expect(reduce(base, { type: 'idle' }).state.intents.size).toBe(0)
    const creating = { ...base, creating: { key: 'k1', sent: [createIntent(line('a', 1), 's1')] } }
    expect(reduce(creating, { type: 'idle' }).state.intents.size).toBe(1)
  })

  it('treats an intent as done only when a snapshot taken after it satisfies it', () => {
    const state = withCart([['a', 2]], 's5')
    expect(isDone(state, createIntent(line('a', 2), 's4'))).toBe(true)
    expect(isDone(state, createIntent(line('a', 2), 's6'))).toBe(false)
    expect(isDone(state, createIntent(line('a', 3), 's4'))).toBe(false)
  })

  it('marks storage unusable as state, with one notice, leaving the environment alone', () => {
    const { state, notices } = run(INITIAL_STATE, { type: 'storageFailed' })
    expect(state.storable).toBe(false)
    expect(notices).toEqual([{ code: 'storage_unavailable' }])
  })

  it('commits a recovered cart and its changes as the outbox', () => {
    const { state } = run(withCart([['x', 1]]), {
      type: 'recovered',
      snapshot: {
        ...snapshot([
          ['a', 3],
          ['b', 1],
        ]),
        id: 'cart-2',
      },
      changes: [line('a', 2), line('b', 4)],
      seq: 's9',
    })
    expect(state.cartId).toBe('cart-2')
    expect(
      [...state.intents.values()].map((i) => [i.slot, i.kind === 'line' && i.quantity]),
    ).toEqual([
      ['line:a', 2],
      ['line:b', 4],
    ])
  })
})
