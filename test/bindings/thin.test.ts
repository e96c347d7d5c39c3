// The proof that the bindings stay thin: every decision about the cart lives in
// @tote/core, and React, Vue and the custom elements only connect its stores to a UI.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { logicLines, logicLinesOf, sourceFiles } from './logic-lines.ts'

const source = (binding: string) =>
  fileURLToPath(new URL(`../../packages/${binding}/src`, import.meta.url))
const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0)

/** The most lines of logic one element (or the elements' shared module) may hold. */
const LIMIT = 150
/**
 * The most lines of logic a framework binding may hold: twelve hooks (the cart, its view, a
 * line, the count, notices, email, status, discount codes, note, attributes, recovery and the
 * provider or plugin), a few lines each, over one subscription helper.
 */
const BINDING_LIMIT = 175

describe('the line counter', () => {
  it('counts code lines and leaves out comments, blank lines, imports and types', () => {
    const text = [
      "import { atom } from 'nanostores'",
      "export type { Cart } from '@tote/core'",
      '/** Documentation. */',
      'export interface Options {',
      '  size: number',
      '}',
      'type Size = number',
      '',
      '// A comment.',
      'export function double(value: Size): Size {',
      '  const twice = value * 2 // a trailing comment',
      '  return twice',
      '}',
      'export const store = atom(0)',
    ].join('\n')
    expect(logicLines(text)).toBe(5)
  })
})

describe.each(['react', 'vue'])('@tote/%s', (binding) => {
  it(`holds at most ${BINDING_LIMIT} lines of logic`, () => {
    const lines = total(logicLinesOf(source(binding)))
    console.info(`@tote/${binding}: ${lines} lines of logic`)
    expect(lines).toBeGreaterThan(0)
    expect(lines).toBeLessThanOrEqual(BINDING_LIMIT)
  })
})

describe('@tote/elements', () => {
  it(`holds at most ${LIMIT} lines of logic per element or shared module`, () => {
    const counts = logicLinesOf(source('elements'))
    console.info(`@tote/elements: ${total(counts)} lines of logic`, Object.fromEntries(counts))
    expect(counts.size).toBeGreaterThan(10)
    const over = [...counts].filter(([, lines]) => lines > LIMIT)
    expect(over).toEqual([])
  })
})

/**
 * What only core may do. A binding that parses answers, stores the cart, talks to a backend,
 * coordinates tabs or formats money has copied core's work instead of calling it.
 */
const CORE_ONLY: readonly [RegExp, string][] = [
  [/from '(zod|zod\/mini|ky|nanostores)'/, 'imports a library core wraps'],
  [/\b(localStorage|sessionStorage|indexedDB)\b/, 'stores the cart itself'],
  [/\bfetch\(|\bXMLHttpRequest\b/, 'talks to a backend itself'],
  [/\bBroadcastChannel\b|\bnavigator\.locks\b/, 'coordinates tabs itself'],
  [/\bIntl\.NumberFormat\b|\.toFixed\(/, 'formats money itself'],
  [/(?<!get\s)\blineKey\(/, 'derives line keys itself'],
  [/\bsetTimeout\(|\bsetInterval\(/, 'keeps its own timers (batching, retries, email pauses)'],
]

describe.each(['react', 'vue', 'elements'])('@tote/%s leaves cart logic to core', (binding) => {
  const files = sourceFiles(source(binding))
  it.each(CORE_ONLY.map(([pattern, what]) => [what, pattern] as const))(
    'never %s',
    (_, pattern) => {
      const found = files.flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && pattern.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      )
      expect(found).toEqual([])
    },
  )
})
