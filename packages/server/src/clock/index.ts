/** Where the server reads the time. Inject a manual clock in tests to jump ahead. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to; for tests and demos. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void
  /** Sets the clock to an absolute time (ms since epoch, or a `Date`). */
  set(time: number | Date): void
}

/**
 * Makes a {@link ManualClock}.
 *
 * @example
 * const clock = createManualClock()
 * clock.advance(25 * 60_000) // 25 minutes later
 */
export function createManualClock(start: number | Date = Date.UTC(2026, 0, 5, 9, 0)): ManualClock {
  let now = typeof start === 'number' ? start : start.getTime()
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ms: expected ≥ 0, got ${ms}`)
      now += ms
    },
    set(time) {
      now = typeof time === 'number' ? time : time.getTime()
    },
  }
}

/** An ISO string of a clock time, as written to storage. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString()
}
