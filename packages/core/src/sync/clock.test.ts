import { describe, expect, it } from 'vitest'
import { createSeqClock } from './clock.ts'

describe('createSeqClock', () => {
  it('makes increasing numbers even when the time stands still or goes back', () => {
    let now = 1_000
    const clock = createSeqClock(() => now, 'tab1')
    const first = clock.next()
    now = 500
    const second = clock.next()
    expect(second > first).toBe(true)
  })

  it('sorts after a number seen from another tab whose clock is ahead', () => {
    const behind = createSeqClock(() => 1_000, 'a')
    const ahead = createSeqClock(() => 9_000, 'b')
    const seen = ahead.next()
    behind.observe(seen)
    expect(behind.next() > seen).toBe(true)
  })

  it('ignores what it cannot read', () => {
    const clock = createSeqClock(() => 1_000, 'a')
    const before = clock.next()
    clock.observe('not a sequence')
    expect(clock.next() > before).toBe(true)
  })
})
