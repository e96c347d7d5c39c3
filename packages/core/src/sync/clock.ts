/** Sortable, tab-unique sequence numbers shared by the tabs of one cart (a Lamport clock). */
export interface SeqClock {
  /** A sequence number that sorts after every one made or observed before. */
  next(): string
  /** Moves past a sequence number seen from another tab. */
  observe(seq: string): void
}

const pad = (value: number, width: number): string => value.toString(36).padStart(width, '0')

/**
 * Creates the clock of one tab. A sequence number is `time.counter.tab` in base 36, so an
 * action taken after seeing another tab's always sorts after it, whatever the clocks say.
 *
 * @example
 * const clock = createSeqClock(() => Date.now(), 'tab1')
 * clock.next() < clock.next() // true
 */
export function createSeqClock(now: () => number, tabId: string): SeqClock {
  let last = 0
  let counter = 0
  return {
    next() {
      last = Math.max(now(), last)
      counter += 1
      return `${pad(last, 10)}.${pad(counter, 6)}.${tabId}`
    },
    observe(seq) {
      const [time, count] = seq.split('.')
      const seenTime = Number.parseInt(time ?? '', 36)
      const seenCount = Number.parseInt(count ?? '', 36)
      if (!Number.isFinite(seenTime) || !Number.isFinite(seenCount) || seenTime < last) return
      if (seenTime > last) last = seenTime
      counter = Math.max(counter, seenCount)
    },
  }
}
