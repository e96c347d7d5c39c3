// The published build, as a React Server Components framework reads it: every hook needs the
// browser, so the module must start with the 'use client' directive (a comment or a later
// statement would not count). Builds with the package's own tsup config into a temp folder.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import config from '../tsup.config.ts'

const outDir = mkdtempSync(join(tmpdir(), 'tote-react-build-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('@tote/react build', () => {
  it("starts with the 'use client' directive", async () => {
    const options = Array.isArray(config) ? config[0] : config
    await build({
      ...options,
      entry: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      outDir,
      dts: false,
      sourcemap: false,
      silent: true,
      config: false,
    })
    const text = readFileSync(join(outDir, 'index.js'), 'utf8')
    const file = ts.createSourceFile('index.js', text, ts.ScriptTarget.Latest)
    const [first] = file.statements
    expect(first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)).toBe(
      true,
    )
    expect(first?.getText(file)).toBe("'use client'")
    expect(text).toContain('function useCartStatus')
  })
})
