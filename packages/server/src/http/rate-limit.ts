/** Outcome of one {@link RateLimiter.hit}. */
export interface RateLimitDecision {
  allowed: boolean
  /** When refused: how long until the window reopens, in milliseconds. */
  retryAfterMs: number
}

/** A fixed-window request counter per key (such as a client address). */
export interface RateLimiter {
  hit(key: string): RateLimitDecision
}

/**
 * Counts hits per key in fixed windows of `windowMs`, on an injectable clock.
 *
 * @example
 * const limiter = createRateLimiter({ limit: 10, windowMs: 60_000, clock })
 */
export function createRateLimiter(options: {
  limit: number
  windowMs: number
  clock: { now(): number }
}): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(key) {
      const now = options.clock.now()
      if (windows.size > 10_000) {
        for (const [name, window] of windows) {
          if (now - window.start >= options.windowMs) windows.delete(name)
        }
      }
      let window = windows.get(key)
      if (!window || now - window.start >= options.windowMs) {
        window = { start: now, count: 0 }
        windows.set(key, window)
      }
      window.count++
      if (window.count <= options.limit) return { allowed: true, retryAfterMs: 0 }
      return { allowed: false, retryAfterMs: window.start + options.windowMs - now }
    },
  }
}
