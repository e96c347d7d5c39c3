/**
 * The click scenarios the benchmarks share: ten clicks on one line under four timings (the
 * gap between clicks, and how long each request and its answer take on the way).
 */

/** Clicks in every scenario. */
export const CLICKS = 10

/** One timing of the ten clicks. */
export interface Timing {
  name: string
  /** Gap between clicks, in ms; 0 = all in one tick; -1 = random, 20–400 ms. */
  gap: number
  /** Request and response delay of call `n` (0-based), in ms. */
  delay(n: number, random: () => number): { request: number; response: number }
}

/** A small deterministic generator (an LCG), so every run sees the same "random" figures. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** The gap to wait after a click, in ms. */
export function gapAfterClick(timing: Timing, random: () => number): number {
  return timing.gap === -1 ? 20 + random() * 380 : timing.gap
}

/**
 * The four timings: the ten-click scenario (30 ms apart, 200 ms round trip), a burst (all in
 * one tick), jitter (random gaps and delays) and reordered answers (requests arrive in order,
 * answers come back shuffled).
 */
export const timings: Timing[] = [
  {
    name: '30 ms apart, 200 ms round trip',
    gap: 30,
    delay: () => ({ request: 100, response: 100 }),
  },
  {
    name: 'all in one tick, 200 ms round trip',
    gap: 0,
    delay: () => ({ request: 100, response: 100 }),
  },
  {
    name: 'random gaps and delays (20–400 ms)',
    gap: -1,
    delay: (_n, random) => ({ request: 10 + random() * 190, response: 10 + random() * 190 }),
  },
  {
    name: 'in-order apply, shuffled answer delays',
    gap: 30,
    delay: (n, random) => ({ request: 5, response: n % 2 === 0 ? 300 * random() : 20 }),
  },
]
