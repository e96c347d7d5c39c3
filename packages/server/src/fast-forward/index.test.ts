import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { canAdvance, createSkippableClock, fastForward, MAX_FAST_FORWARD_MS } from './index.ts'

describe('the skippable clock', () => {
  it('runs on the real time, moved ahead by every jump', () => {
    let real = 1_000
    const clock = createSkippableClock({ now: () => real })
    clock.advance(25 * 60_000)
    real += 5
    expect(clock.now()).toBe(1_005 + 25 * 60_000)
  })

  it('refuses to move back, not to move, or to jump more than 30 days', () => {
    const clock = createSkippableClock()
    for (const ms of [-1, 0, 1.5, Number.NaN, MAX_FAST_FORWARD_MS + 1]) {
      expect(() => clock.advance(ms)).toThrow(RangeError)
    }
  })
})

describe('fastForward', () => {
  it('moves the clock, then sweeps at the new time', async () => {
    const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0))
    let sweptAt = 0
    const result = await fastForward(clock, 20 * 60_000, async () => {
      sweptAt = clock.now()
      return { sent: ['cart_1'], failed: [] }
    })
    expect(sweptAt).toBe(Date.UTC(2026, 0, 5, 9, 20))
    expect(result).toEqual({
      now: '2026-01-05T09:20:00.000Z',
      sweep: { sent: ['cart_1'], failed: [] },
    })
  })

  it('tells clocks that can advance from those that cannot', () => {
    expect(canAdvance(createSkippableClock())).toBe(true)
    expect(canAdvance(createManualClock())).toBe(true)
    expect(canAdvance({ now: () => 0 })).toBe(false)
  })
})
