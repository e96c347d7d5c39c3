#!/usr/bin/env node
// Checks every built package the way its users' tools will read it: publint (strict) for the
// package.json and files, and "Are the types wrong?" for the types as bundlers and Node see them.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const bin = (name) => join(root, 'node_modules', '.bin', name)
let failed = 0
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const path = join(root, 'packages', dir)
  const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'))
  if (manifest.private) continue
  if (!existsSync(join(path, 'dist'))) {
    console.error(`✗ ${manifest.name}: no dist/ (run pnpm build first)`)
    failed++
    continue
  }
  // React Server Components frameworks see the directive only as the module's first statement.
  if (manifest.name === '@tote/react') {
    const built = readFileSync(join(path, 'dist/index.js'), 'utf8')
    if (built.startsWith("'use client'")) console.log(`✓ ${manifest.name}: 'use client' first`)
    else {
      failed++
      console.error(`✗ ${manifest.name}: dist/index.js does not start with 'use client'`)
    }
  }
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { cwd: path, stdio: 'pipe', encoding: 'utf8' })
      console.log(`✓ ${manifest.name}: ${tool}`)
    } catch (error) {
      failed++
      console.error(`✗ ${manifest.name}: ${tool}\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    }
  }
}
if (failed > 0) {
  console.error(`${failed} package check(s) failed`)
  process.exit(1)
}
