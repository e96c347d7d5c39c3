// @tote/core stays small enough to read: no source file over 450 lines and no function over
// 80, counted with the TypeScript parser over the shipped sources (tests and fixtures left out).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { sourceFiles } from '../bindings/logic-lines.ts'

const CORE = fileURLToPath(new URL('../../packages/core/src', import.meta.url))
const MAX_FILE_LINES = 450
const MAX_FUNCTION_LINES = 80

/** Every function in `text` with its name and its length in lines, longest first. */
export function functionLengths(text: string, fileName = 'module.ts'): [string, number][] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const found: [string, number][] = []
  const line = (position: number) => file.getLineAndCharacterOfPosition(position).line
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)'
      found.push([name, line(node.end) - line(node.getStart(file)) + 1])
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found.sort((a, b) => b[1] - a[1])
}

const shipped = sourceFiles(CORE).filter((path) => !/test-fixtures\.ts$/.test(path))
const relative = (path: string) => path.slice(CORE.length + 1)

describe('the function measure', () => {
  it('measures a function from its first line to its last, nested ones on their own', () => {
    const text = [
      'function outer() {',
      '  const inner = () => {',
      '    return 1',
      '  }',
      '  return inner',
      '}',
    ].join('\n')
    expect(functionLengths(text)).toEqual([
      ['outer', 6],
      ['(anonymous)', 3],
    ])
  })
})

describe('@tote/core', () => {
  it(`has no source file over ${MAX_FILE_LINES} lines`, () => {
    const long = shipped
      .map((path) => [relative(path), readFileSync(path, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > MAX_FILE_LINES)
    expect(long).toEqual([])
  })

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = shipped.flatMap((path) =>
      functionLengths(readFileSync(path, 'utf8'), path)
        .filter(([, lines]) => lines > MAX_FUNCTION_LINES)
        .map(([name, lines]) => `${relative(path)}: ${name} (${lines} lines)`),
    )
    expect(long).toEqual([])
  })
})
