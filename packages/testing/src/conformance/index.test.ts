import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { startVitest } from 'vitest/node'

const fixture = fileURLToPath(new URL('./fixtures/defects.conformance.ts', import.meta.url))
const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** Runs the suite against the defective adapters and lists the failed cases per adapter. */
async function failuresPerAdapter(): Promise<Record<string, string[]>> {
  const vitest = await startVitest(
    'test',
    [],
    {
      root,
      config: false,
      include: [fixture],
      watch: false,
      reporters: [{}],
      typecheck: { enabled: false },
    },
    {
      resolve: { conditions: ['@tote/source'] },
      ssr: { resolve: { conditions: ['@tote/source'], externalConditions: ['@tote/source'] } },
    },
  )
  const failures: Record<string, string[]> = {}
  for (const file of vitest.state.getFiles()) {
    for (const suite of file.tasks) {
      if (suite.type !== 'suite') continue
      const name = suite.name.replace(/: adapter conformance$/, '')
      failures[name] = suite.tasks
        .filter((task) => task.result?.state === 'fail')
        .map((task) => /\[([a-z-]+)\]$/.exec(task.name)?.[1] ?? task.name)
    }
  }
  await vitest.close()
  return failures
}

describe('describeAdapterConformance', () => {
  it('catches each defect in the case that names it', async () => {
    const failures = await failuresPerAdapter()
    expect(failures['adds quantities']).toEqual(
      expect.arrayContaining(['merge', 'idempotent-retry']),
    )
    expect(failures['throws on stock']).toEqual(
      expect.arrayContaining(['out-of-stock', 'insufficient-stock']),
    )
    expect(failures['returns an invalid snapshot']).toEqual(
      expect.arrayContaining(['get', 'email', 'idempotent-retry']),
    )
    // Rules core checks in plain code after the shape, as the engine would.
    expect(failures['mixes currencies in a cart']).toEqual(
      expect.arrayContaining(['batch', 'merge', 'out-of-stock']),
    )
    expect(failures['reports stock in notices Tote cannot read']).toEqual(['out-of-stock'])
    // An expired cart reads as null there too, so it comes back as an active empty cart.
    expect(failures['reads a missing cart as empty']).toEqual(['get-missing', 'expired'])
    expect(failures['reports an expired cart as missing']).toEqual(['expired'])
    expect(failures['crashes on bad input']).toEqual(['malformed-input'])
    expect(failures['recovers current prices']).toEqual(['recover'])
  }, 60_000)
})
