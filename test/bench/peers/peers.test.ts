// Keeps `pnpm bench:peers` honest: each contender runs the ten clicks once on a short round
// trip, and what must hold whatever the timing is checked (no timing is asserted).
import { describe, expect, it } from 'vitest'
import { CLICKS, type Timing } from '../scenarios.ts'
import { contenders, runClicks } from './contenders.ts'
import { bundleSize, sizedImports } from './sizes.ts'

/** 5 ms between clicks, 20 ms round trip. */
const short: Timing = {
  name: 'short',
  gap: 5,
  delay: () => ({ request: 10, response: 10 }),
}

const named = (name: string) => {
  const contender = contenders.find((item) => item.name === name)
  if (!contender) throw new Error(`no contender named ${name}`)
  return contender
}

describe('the peer benchmark', () => {
  it.each(['Tote + @tote/adapter-shopify', 'Tote + @tote/adapter-medusa'])(
    '%s: the server and the page end with every click',
    async (name) => {
      const outcome = await runClicks(named(name), short)
      expect(outcome.server).toBe(CLICKS)
      expect(outcome.shown).toBe(CLICKS)
      expect(outcome.requests).toBeGreaterThan(0)
      expect(outcome.requests).toBeLessThan(CLICKS)
      expect(outcome.errors).toBe(0)
    },
  )

  it.each(['@medusajs/js-sdk', '@medusajs/js-sdk, in turn', 'swell-js cart'])(
    '%s: one request per click reaches the fake, which adds them all up',
    async (name) => {
      const outcome = await runClicks(named(name), short)
      expect(outcome.requests).toBe(CLICKS)
      expect(outcome.errors).toBe(0)
      expect(outcome.server).toBe(CLICKS)
    },
  )

  it('hydrogen-react: its requests reach the fake, and the page shows what the fake holds', async () => {
    const outcome = await runClicks(named('@shopify/hydrogen-react CartProvider'), short)
    expect(outcome.requests).toBeGreaterThan(0)
    expect(outcome.errors).toBe(0)
    expect(outcome.server).toBeGreaterThan(0)
    expect(outcome.shown).toBe(outcome.server)
  })

  it('bundles every cart import, gzip smaller than minified', () => {
    for (const entry of sizedImports) {
      const size = bundleSize(entry)
      expect(size.minified, entry.name).toBeGreaterThan(1000)
      expect(size.gzip, entry.name).toBeGreaterThan(0)
      expect(size.gzip, entry.name).toBeLessThan(size.minified)
    }
  })
})
