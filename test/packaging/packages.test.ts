// @vitest-environment node
import { execFile } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Each published package as its users get it: packed with `pnpm pack` (from dist/, as `pnpm
// build` made it; a package without dist/ is built first), installed with npm into a blank
// project in a temporary folder — only the tarballs and their real dependencies from the
// registry — and its README example run there, by plain Node, far from the workspace's
// node_modules and its `@tote/source` condition. The examples are in test/packaging/app/; each
// says where it differs from its README and why.

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const APP_SCRIPTS = fileURLToPath(new URL('./app/', import.meta.url))

interface Manifest {
  name: string
  version: string
  private?: boolean
  exports?: Record<string, unknown>
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

const PACKAGES = readdirSync(join(ROOT, 'packages'))
  .sort()
  .map((dir) => ({
    dir: join(ROOT, 'packages', dir),
    ...readJson<Manifest>(join(ROOT, 'packages', dir, 'package.json')),
  }))
  .filter((manifest) => !manifest.private)

/** The version of `name` the workspace installs for package `from`, so npm finds it cached. */
const workspaceVersion = (from: string, name: string): string =>
  readJson<Manifest>(join(ROOT, 'packages', from, 'node_modules', name, 'package.json')).version

/** The environment without what pnpm and vitest set for their own children. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    // Where packages come from (registry, proxy, cache) is the user's; the rest is pnpm's.
    const source = /^npm_config_(.*registry|.*proxy|cache|userconfig|cafile|ca|strict_ssl)$/i
    if (/^(npm_|pnpm_|VITEST|NODE_OPTIONS$|NODE_PATH$|TSX_)/i.test(key) && !source.test(key))
      continue
    env[key] = value
  }
  return env
}

async function run(command: string, args: string[], cwd: string, timeout = 120_000) {
  const { stdout, stderr } = await promisify(execFile)(command, args, {
    cwd,
    env: cleanEnv(),
    timeout,
    maxBuffer: 16 * 1024 * 1024,
  })
  return { stdout, stderr }
}

/** Runs one of test/packaging/app/*.mjs in the blank project; resolves to what it printed. */
async function example<T>(script: string, ...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [script, ...args], app, 60_000)
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T
}

let work: string
let app: string
const tarballs = new Map<string, string>()
const timings: Record<string, number> = {}

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    timings[step] = Math.round(performance.now() - started)
  }
}

// Node processes that start PGlite, React or Vue: slow on a busy machine, whatever the code does.
describe('each package, packed and installed in a blank project', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'tote-packaging-'))
    app = join(work, 'app')
    await mkdir(app)
    await mkdir(join(work, 'tarballs'))

    const unbuilt = PACKAGES.filter((pkg) => !existsSync(join(pkg.dir, 'dist')))
    if (unbuilt.length > 0) {
      await timed('build', () =>
        run(
          'pnpm',
          [...unbuilt.flatMap((pkg) => ['--filter', pkg.name]), 'run', 'build'],
          ROOT,
          240_000,
        ),
      )
    }

    await timed('pack', () =>
      Promise.all(
        PACKAGES.map(async (pkg) => {
          const { stdout } = await run(
            'pnpm',
            ['pack', '--pack-destination', join(work, 'tarballs')],
            pkg.dir,
          )
          const file = stdout.trim().split('\n').at(-1) ?? ''
          expect(file).toMatch(/\.tgz$/)
          tarballs.set(pkg.name, file)
        }),
      ),
    )

    // The tarballs, and React, react-dom and Vue for the bindings (their peers). `overrides`
    // makes a package's dependency on another Tote package take that package's tarball too:
    // nothing named @tote/* comes from the registry.
    const dependencies: Record<string, string> = {
      react: workspaceVersion('react', 'react'),
      'react-dom': workspaceVersion('react', 'react-dom'),
      vue: workspaceVersion('vue', 'vue'),
    }
    const overrides: Record<string, string> = {}
    for (const [name, file] of tarballs) {
      dependencies[name] = `file:${relative(app, file)}`
      overrides[name] = `$${name}`
    }
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify(
        { name: 'blank', private: true, type: 'module', dependencies, overrides },
        null,
        2,
      ),
    )
    await timed('npm install', () =>
      run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
        app,
        180_000,
      ),
    )
    for (const script of readdirSync(APP_SCRIPTS))
      copyFileSync(join(APP_SCRIPTS, script), join(app, script))
  }, 420_000)

  afterAll(async () => {
    console.log(`packaging steps (ms): ${JSON.stringify(timings)}`)
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('packs dist/, the README and package.json, with workspace ranges made real', async () => {
    for (const pkg of PACKAGES) {
      const { stdout } = await run('tar', ['-tzf', tarballs.get(pkg.name)!], work)
      const files = stdout
        .trim()
        .split('\n')
        .map((file) => file.replace(/^package\//, ''))
      expect(files, pkg.name).toContain('README.md')
      expect(files, pkg.name).toContain('package.json')
      expect(
        files.filter((file) => !/^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(file)),
        pkg.name,
      ).toEqual([])
      const packed = readJson<Manifest>(join(app, 'node_modules', pkg.name, 'package.json'))
      for (const [name, range] of Object.entries(packed.dependencies ?? {})) {
        expect(range, `${pkg.name} → ${name}`).not.toMatch(/^workspace:/)
      }
    }
  })

  it('installs every Tote package from its tarball and nothing named @tote/* from the registry', () => {
    const lock = readJson<{ packages: Record<string, { resolved?: string; version?: string }> }>(
      join(app, 'package-lock.json'),
    )
    const tote = Object.entries(lock.packages).filter(([path]) =>
      path.includes('node_modules/@tote/'),
    )
    expect(tote.map(([path]) => path).sort()).toEqual(
      PACKAGES.map((pkg) => `node_modules/${pkg.name}`).sort(),
    )
    for (const [path, entry] of tote) expect(entry.resolved, path).toMatch(/^file:.*\.tgz$/)
  })

  it('imports, in its built code, only its own dependencies, peers and Node built-ins', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])
    for (const pkg of PACKAGES) {
      const dir = join(app, 'node_modules', pkg.name)
      const packed = readJson<Manifest>(join(dir, 'package.json'))
      const declared = new Set([
        pkg.name,
        ...Object.keys(packed.dependencies ?? {}),
        ...Object.keys(packed.peerDependencies ?? {}),
      ])
      const undeclared = new Set<string>()
      const files = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' })
      for (const file of files.filter(
        (name) => name.endsWith('.js') && !name.endsWith('.global.js'),
      )) {
        // Static and dynamic imports, as TypeScript's scanner finds them.
        const code = readFileSync(join(dir, 'dist', file), 'utf8')
        for (const { fileName: specifier } of ts.preProcessFile(code, true, true).importedFiles) {
          if (specifier.startsWith('.') || builtins.has(specifier)) continue
          const parts = specifier.split('/')
          const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
          if (!declared.has(name)) undeclared.add(`${file}: ${specifier}`)
        }
      }
      expect([...undeclared], pkg.name).toEqual([])
    }
  })

  it('loads every entry point of its exports map in Node', async () => {
    // @tote/testing/conformance runs inside vitest (an optional peer a blank project lacks).
    const specifiers = PACKAGES.flatMap((pkg) =>
      Object.keys(pkg.exports ?? {})
        .filter((subpath) => subpath !== './package.json')
        .map((subpath) => `${pkg.name}${subpath.slice(1)}`),
    ).filter((specifier) => specifier !== '@tote/testing/conformance')
    writeFileSync(
      join(app, 'entry-points.mjs'),
      `const loaded = {}\nfor (const specifier of ${JSON.stringify(specifiers)}) loaded[specifier] = Object.keys(await import(specifier)).length\nconsole.log(JSON.stringify(loaded))\n`,
    )
    const loaded = await example<Record<string, number>>('entry-points.mjs')
    expect(Object.keys(loaded).sort()).toEqual([...specifiers].sort())
    for (const [specifier, exports] of Object.entries(loaded))
      expect(exports, specifier).toBeGreaterThan(0)
  })

  it("type-checks every README's imports against the installed types, as Node resolves them", () => {
    // Each TypeScript block of each README, reduced to its imports of Tote packages, as a module
    // of its own; the blocks themselves are type-checked against the sources elsewhere.
    const blocks = new Map<string, string>()
    for (const pkg of PACKAGES) {
      const readme = readFileSync(join(app, 'node_modules', pkg.name, 'README.md'), 'utf8')
      let index = 0
      for (const [, lang, code] of readme.matchAll(/```(ts|tsx)\n([\s\S]*?)```/g)) {
        const file = ts.createSourceFile(
          `x.${lang}`,
          code!,
          ts.ScriptTarget.Latest,
          true,
          ts.ScriptKind.TSX,
        )
        const imports = file.statements
          .filter(ts.isImportDeclaration)
          .filter((statement) =>
            (statement.moduleSpecifier as ts.StringLiteral).text.startsWith('@tote/'),
          )
          .map((statement) => statement.getText(file))
        if (imports.length === 0) continue
        const path = join(app, 'readme', `${pkg.name.replace('/', '+')}-${++index}.mts`)
        blocks.set(path, `${imports.join('\n')}\nexport {}\n`)
      }
    }
    expect(blocks.size).toBeGreaterThanOrEqual(PACKAGES.length)
    mkdirSync(join(app, 'readme'), { recursive: true })
    for (const [path, text] of blocks) writeFileSync(path, text)
    const program = ts.createProgram([...blocks.keys()], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    })
    const errors = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && blocks.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const { fileName, text } = diagnostic.file!
        const line = text.slice(0, diagnostic.start ?? 0).split('\n').length - 1
        const where = `${relative(app, fileName)}: ${text.split('\n')[line]}`
        return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`
      })
    expect(errors).toEqual([])
  })

  it('@tote/server, @tote/core and @tote/adapter-rest: a cart against a real server on 127.0.0.1', async () => {
    const result = await example<{
      url: string
      shown: string
      badge: string
      cartId: string
      lines: { id: string; quantity: number }[]
      subtotal: string
      stored: { cart: { id: string; lines: { merchandise: { id: string }; quantity: number }[] } }
    }>('server-core-rest.mjs', work)
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(result.shown).toBe('2') // the badge changed at once, before the server answered
    expect(result.badge).toBe('2')
    expect(result.lines).toEqual([{ id: 'canvas-tote-natural', quantity: 2 }])
    expect(result.subtotal).toBe('€48.00')
    expect(result.stored.cart.id).toBe(result.cartId)
    expect(result.stored.cart.lines.map((line) => [line.merchandise.id, line.quantity])).toEqual([
      ['canvas-tote-natural', 2],
    ])
  })

  it('@tote/react: the README example rendered to a string', async () => {
    const { html, count } = await example<{ html: string; count: number }>('react.mjs')
    expect(count).toBe(2)
    // On the server, the hooks show the empty cart: the shopper's own lives in their browser.
    expect(html).toBe('<p>Cart (0) provided: true</p>')
  })

  it('@tote/vue: the README example rendered to a string, with and without hydration', async () => {
    const { html, hydrated } = await example<{ html: string; hydrated: string }>('vue.mjs')
    expect(html).toBe('<p>Cart (2), 2 × pin-fox</p>')
    expect(hydrated).toBe('<p>Cart (0), no × pin-fox</p>')
  })

  it('@tote/testing: the README example, a cart without a server', async () => {
    const result = await example<{ before: number; faultyAdapter: string }>('testing.mjs')
    expect(result).toEqual({ before: 2, faultyAdapter: 'function' })
  })

  it('the Shopify, Shopify AJAX and Medusa adapters: the README carts are created', async () => {
    const { created } = await example<{ created: Record<string, boolean> }>('adapters.mjs')
    expect(created).toEqual({ shopify: true, 'shopify-ajax': true, medusa: true })
  })

  it('@tote/elements: the module and the one-script build define the elements the README uses', async () => {
    const result = await example<{
      exported: string[]
      module: string[]
      oneScriptError: string | null
      oneScript: string[]
      globalExports: string[]
      readmeTags: string[]
    }>('elements.mjs')
    expect(result.exported.length).toBeGreaterThan(0)
    expect(result.module).toEqual(result.exported)
    expect(result.oneScriptError).toBeNull()
    expect(result.oneScript).toEqual(result.exported)
    expect(result.globalExports).toContain('defineToteElements')
    expect(result.readmeTags.length).toBeGreaterThan(0)
    expect(result.exported).toEqual(expect.arrayContaining(result.readmeTags))
  })
})
