import type { ToteEnvironment } from '../env/index.ts'

/** One pending timeout at most, on the injected clock. */
export interface Timer {
  /** Runs `callback` after `ms`, unless one is already pending. */
  start(ms: number, callback: () => void): void
  /** Cancels the pending one. */
  stop(): void
  readonly pending: boolean
}

/**
 * Creates a timer on `env`'s clock.
 *
 * @example
 * const retry = createTimer(env)
 * retry.start(500, () => pump())
 * retry.pending // true until it runs or stops
 */
export function createTimer(env: Pick<ToteEnvironment, 'setTimeout' | 'clearTimeout'>): Timer {
  let handle: unknown = null
  return {
    start(ms, callback) {
      if (handle !== null) return
      handle = env.setTimeout(() => {
        handle = null
        callback()
      }, ms)
    },
    stop() {
      if (handle !== null) env.clearTimeout(handle)
      handle = null
    },
    get pending() {
      return handle !== null
    },
  }
}
