import { describe, expect, it } from 'vitest'
import { createIntent } from './intents.ts'
import { batchDelay, nextWork } from './next.ts'
import { INITIAL_STATE, type SyncState } from './state.ts'
import { line, snapshot } from './test-fixtures.ts'

const confirmed = (lines: [string, number][]): SyncState => ({
  ...INITIAL_STATE,
  confirmed: snapshot(lines),
  confirmedSeq: 's5',
  cartId: 'cart-1',
})
const withIntents = (state: SyncState, ...intents: ReturnType<typeof createIntent>[]) => ({
  ...state,
  intents: new Map(intents.map((intent) => [intent.slot, intent])),
})

describe('nextWork', () => {
  it('is idle with nothing to do', () => {
    expect(nextWork(INITIAL_STATE)).toEqual({ kind: 'idle' })
    expect(nextWork(confirmed([]))).toEqual({ kind: 'idle' })
  })

  it('refetches a stale cart before anything else', () => {
    const state = withIntents({ ...confirmed([]), stale: true }, createIntent(line('a', 1), 's6'))
    expect(nextWork(state)).toEqual({ kind: 'refetch', cartId: 'cart-1' })
  })

  it('looks up the current cart before creating one', () => {
    const state = withIntents({ ...INITIAL_STATE, lookup: true }, createIntent(line('a', 1), 's1'))
    expect(nextWork(state).kind).toBe('current')
  })

  it('creates the cart with the pending intents and a fresh key', () => {
    const work = nextWork(withIntents(INITIAL_STATE, createIntent(line('a', 2), 's1')))
    expect(work).toMatchObject({ kind: 'create', key: null, ops: [{ lineKey: 'a', quantity: 2 }] })
  })

  it('creates a cart for an email alone', () => {
    const state = {
      ...INITIAL_STATE,
      email: { email: 'ada@example.com', consent: false, seq: 's1' },
    }
    expect(nextWork(state)).toMatchObject({ kind: 'create', ops: [] })
  })

  it('resends an unclear creation as it was, ahead of newer intents', () => {
    const first = createIntent(line('a', 1), 's1')
    const state = withIntents(
      { ...INITIAL_STATE, creating: { key: 'k1', sent: [first] } },
      createIntent(line('a', 3), 's2'),
      createIntent(line('b', 1), 's3'),
    )
    expect(nextWork(state)).toMatchObject({
      kind: 'create',
      key: 'k1',
      ops: [{ lineKey: 'a', quantity: 1 }],
      sent: [first],
    })
  })

  it('sends only intents the confirmed cart does not already satisfy', () => {
    const state = withIntents(
      confirmed([['a', 2]]),
      createIntent(line('a', 2), 's4'), // done: the snapshot (s5) is newer and agrees
      createIntent(line('b', 1), 's6'),
    )
    expect(nextWork(state)).toMatchObject({
      kind: 'apply',
      ops: [{ lineKey: 'b', quantity: 1, lineId: null }],
    })
  })

  it('names the line to change by the id the backend gave it', () => {
    const state = withIntents(confirmed([['a', 2]]), createIntent(line('a', 0), 's6'))
    expect(nextWork(state)).toMatchObject({
      ops: [{ lineKey: 'a', quantity: 0, lineId: 'line-a' }],
    })
  })

  it('reuses the failed key only for the same operations', () => {
    const intent = createIntent(line('a', 1), 's6')
    const base = withIntents(confirmed([]), intent)
    const opsJson = JSON.stringify((nextWork(base) as { ops: unknown }).ops)
    expect(nextWork({ ...base, retryKey: { opsJson, key: 'k9' } })).toMatchObject({ key: 'k9' })
    expect(nextWork({ ...base, retryKey: { opsJson: '[]', key: 'k9' } })).toMatchObject({
      key: null,
    })
  })

  it('sends the email once the lines are confirmed', () => {
    const email = { email: 'ada@example.com', consent: true, seq: 's6' }
    expect(nextWork({ ...confirmed([]), email })).toEqual({
      kind: 'email',
      cartId: 'cart-1',
      email,
    })
  })
})

describe('batchDelay', () => {
  it('sends at once after a quiet spell', () => {
    expect(
      batchDelay({ lastIntentAt: 0, lastWriteEndAt: 0, burstStartedAt: 0 }, 500, 100, 1000),
    ).toBe(0)
  })

  it('waits for a pause while the shopper keeps clicking right after a write', () => {
    const pacing = { lastIntentAt: 1030, lastWriteEndAt: 1000, burstStartedAt: 800 }
    expect(batchDelay(pacing, 1040, 100, 1000)).toBe(90)
  })

  it('never waits past the burst deadline', () => {
    const pacing = { lastIntentAt: 1790, lastWriteEndAt: 1750, burstStartedAt: 800 }
    expect(batchDelay(pacing, 1795, 100, 1000)).toBe(5)
    expect(batchDelay(pacing, 1800, 100, 1000)).toBe(0)
  })
})
