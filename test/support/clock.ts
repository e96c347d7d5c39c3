/** Lets every pending promise callback run (a real macrotask turn). */
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A clock and timer queue the test moves by hand: deterministic, and much faster than
 * fake timers for thousands of property runs.
 */
export function createManualClock(start = Date.UTC(2026, 10, 23, 9)) {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback: () => void, ms: number): unknown {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), callback })
      return id
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number)
    },
    /** How many timers are waiting. */
    get pending() {
      return timers.size
    },
    /** When the next timer is due, or `null`. */
    nextAt(): number | null {
      let at: number | null = null
      for (const timer of timers.values()) if (at === null || timer.at < at) at = timer.at
      return at
    },
    /** Moves time forward by `ms`, running due timers in order and letting promises settle. */
    async advance(ms: number): Promise<void> {
      const end = now + ms
      for (;;) {
        await flush()
        let dueId: number | null = null
        let dueAt = Number.POSITIVE_INFINITY
        for (const [id, timer] of timers) {
          if (timer.at <= end && timer.at < dueAt) {
            dueAt = timer.at
            dueId = id
          }
        }
        if (dueId === null) break
        const timer = timers.get(dueId)!
        timers.delete(dueId)
        now = Math.max(now, timer.at)
        timer.callback()
      }
      now = end
      await flush()
    },
  }
}

export type ManualClock = ReturnType<typeof createManualClock>
