import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as testing from './index.ts'

describe('@tote/testing entry', () => {
  it('exports the factories', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'createFaultyAdapter',
      'createHeldResponses',
      'createMemoryAdapter',
      'createMemoryBackend',
      'createTestCart',
      'demoCatalogue',
      'setLineOp',
    ])
  })

  it('never loads the test runner: the conformance suite is only re-exported as types', () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8')
    const statements = source.split(/\n(?=export|import)/)
    const conformance = statements.filter((statement) => statement.includes('./conformance/'))
    expect(conformance.length).toBeGreaterThan(0)
    for (const statement of conformance) expect(statement).toMatch(/^export type \{/)
    expect(source).not.toMatch(/from 'vitest'/)
  })
})
