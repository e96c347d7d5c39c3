// Keeps `pnpm bench:peers` honest: each contender runs each scenario once on a short round
// trip, and what must hold whatever the timing is checked (no timing is asserted).
import { describe, expect, it } from 'vitest'
import { CLICKS, type Timing } from '../scenarios.ts'
import { type Contender, contenders, runClicks, type Scenario, scenarios } from './contenders.ts'
import { bundleSize, sizedImports } from './sizes.ts'

/** 5 ms between clicks, 20 ms round trip. */
const short: Timing = {
  name: 'short',
  gap: 5,
  delay: () => ({ request: 10, response: 10 }),
}

const tote = contenders.filter((item) => item.name.startsWith('Tote'))
const peers = contenders.filter((item) => !item.name.startsWith('Tote'))
const runs = (list: Contender[]) =>
  list.flatMap((contender) =>
    (Object.keys(scenarios) as Scenario[])
      .filter((scenario) => contender.patterns[scenario] !== null)
      .map((scenario) => ({ contender, scenario, label: `${contender.name}, ${scenario}` })),
  )

describe('the peer benchmark', () => {
  it('compares Tote with each peer on both scenarios', () => {
    expect(peers.map((item) => item.name).join()).toMatch(/hydrogen-react.*js-sdk.*swell-js/)
    expect(runs(contenders).length).toBeGreaterThanOrEqual(2 * contenders.length - 1)
  })

  it.each(runs(tote))('$label: the server and the page end with every click', async (run) => {
    const outcome = await runClicks(run.contender, short, run.scenario)
    const { wanted } = scenarios[run.scenario]
    expect(outcome?.server).toBe(wanted)
    expect(outcome?.shown).toBe(wanted)
    expect(outcome?.requests).toBeGreaterThan(0)
    expect(outcome?.requests).toBeLessThan(CLICKS)
    expect(outcome?.errors).toBe(0)
  })

  it.each(runs(peers))('$label: its requests reach the fake, which holds the line', async (run) => {
    const outcome = await runClicks(run.contender, short, run.scenario)
    expect(outcome?.requests).toBeGreaterThan(0)
    expect(outcome?.requests).toBeLessThanOrEqual(CLICKS)
    expect(outcome?.errors).toBe(0)
    expect(outcome?.server).toBeGreaterThan(0)
    expect(outcome?.server).toBeLessThanOrEqual(scenarios[run.scenario].wanted)
  })

  it.each(['@medusajs/js-sdk', '@medusajs/js-sdk, in turn', 'swell-js cart'])(
    '%s adds to cart with one request per click, all counted',
    async (name) => {
      const contender = contenders.find((item) => item.name === name) as Contender
      const outcome = await runClicks(contender, short, 'add')
      expect(outcome?.requests).toBe(CLICKS)
      expect(outcome?.server).toBe(CLICKS)
    },
  )

  it('bundles every cart import, gzip smaller than minified', () => {
    for (const entry of sizedImports) {
      const size = bundleSize(entry)
      expect(size.minified, entry.name).toBeGreaterThan(1000)
      expect(size.gzip, entry.name).toBeGreaterThan(0)
      expect(size.gzip, entry.name).toBeLessThan(size.minified)
    }
  })
})
