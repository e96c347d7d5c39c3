import type { SweepResult } from '../abandonment/index.ts'
import type { Clock } from '../clock/index.ts'

/** A clock that development tools can move ahead. */
export interface AdvanceableClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void
}

/** What a fast-forward did. */
export interface FastForwardResult {
  /** The server's time afterwards (ISO). */
  now: string
  /** What the abandonment sweep that followed did. */
  sweep: SweepResult
}

/** The longest single jump: 30 days, the default cart lifetime. */
export const MAX_FAST_FORWARD_MS = 30 * 24 * 60 * 60_000

/**
 * The system time, which a development server can move ahead (never back), so an
 * abandoned-cart email arrives in seconds instead of after the shop's delay.
 *
 * @example
 * const clock = createSkippableClock()
 * clock.advance(25 * 60_000) // the server now lives 25 minutes in the future
 */
export function createSkippableClock(real: Clock = { now: () => Date.now() }): AdvanceableClock {
  let offset = 0
  return {
    now: () => real.now() + offset,
    advance(ms) {
      assertJump(ms)
      offset += ms
    },
  }
}

/** Whether a clock can be moved ahead (a skippable or manual clock). */
export function canAdvance(clock: Clock): clock is AdvanceableClock {
  return typeof (clock as Partial<AdvanceableClock>).advance === 'function'
}

function assertJump(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > MAX_FAST_FORWARD_MS) {
    throw new RangeError(
      `ms: expected a whole number of milliseconds from 1 to ${MAX_FAST_FORWARD_MS} (30 days), got ${ms}`,
    )
  }
}

/**
 * Moves `clock` ahead by `ms` and runs the abandonment sweep: every recovery email that is due
 * at the new time goes out (docs/domain.md R4). For development servers only.
 *
 * @example
 * const { sweep } = await fastForward(clock, 25 * 60_000, () => server.sweep())
 */
export async function fastForward(
  clock: AdvanceableClock,
  ms: number,
  sweep: () => Promise<SweepResult>,
): Promise<FastForwardResult> {
  assertJump(ms)
  clock.advance(ms)
  const result = await sweep()
  return { now: new Date(clock.now()).toISOString(), sweep: result }
}
