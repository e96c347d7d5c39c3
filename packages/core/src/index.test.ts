import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import tsup from '../tsup.config.ts'

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const src = join(packageDir, 'src')

const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { '@tote/source': string; types: string; default: string }>
}
const entries = Object.values(manifest.exports).flatMap((target) =>
  typeof target === 'object' ? [join(packageDir, target['@tote/source'])] : [],
)

// One program over every entry, as an editor sees the package.
const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  customConditions: ['@tote/source'],
  allowImportingTsExtensions: true,
  noEmit: true,
  strict: true,
  skipLibCheck: true,
})

/** Every name an entry exports, values and types alike, as its users' editors list them. */
function exportedNames(entry: string): string[] {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(entry)
  const symbol = source && checker.getSymbolAtLocation(source)
  if (!symbol) throw new Error(`${entry} is not a module`)
  return checker
    .getExportsOfModule(symbol)
    .map((exported) => exported.name)
    .sort()
}

/** The files `file` imports at run time (type-only imports are erased), transitively. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022)
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue
    const specifier = statement.moduleSpecifier
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause
      const named = clause?.namedBindings
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && named && ts.isNamedImports(named)
          ? named.elements.every((element) => element.isTypeOnly)
          : false)
      if (onlyTypes) continue
    } else if (statement.isTypeOnly) continue
    const target = resolve(dirname(file), specifier.text)
    if (seen.has(target)) continue
    seen.add(target)
    runtimeImports(target, seen)
  }
  return seen
}

describe('the root entry', () => {
  const names = exportedNames(join(src, 'index.ts'))

  it('exports at most 40 names, types included', () => {
    expect(names.length, names.join(', ')).toBeLessThanOrEqual(40)
  })

  it('leaves adapter tools, opt-in features and languages to their own entries', () => {
    for (const name of [
      'reconcileRecovery',
      'recovery',
      'toGa4',
      'bindEmailInput',
      'httpError',
      'parseCartSnapshot',
      'CartSnapshotSchema',
      'fr',
      'nb',
      'checkMilitaryAddress',
    ]) {
      expect(names).not.toContain(name)
    }
  })

  it('gives createCart neither recovery, analytics, the email binding nor other languages', () => {
    const reached = [...runtimeImports(join(src, 'cart/index.ts'))].map((file) =>
      relative(src, file),
    )
    expect(reached).toContain('sync/engine.ts')
    const optIn = /^(?:recovery|analytics|email-input|address)\/|^messages\/(?!en\.ts$)/
    expect(reached.filter((file) => optIn.test(file))).toEqual([])
  })
})

describe('the entry points', () => {
  const built = (tsup as { entry: Record<string, string> }).entry
  const subpaths = Object.entries(manifest.exports).filter(([path]) => path !== './package.json')

  it('build each subpath of package.json from its source, with types first', () => {
    expect(subpaths.map(([path]) => path).sort()).toEqual(
      Object.keys(built)
        .map((name) => (name === 'index' ? '.' : `./${name}`))
        .sort(),
    )
    for (const [path, target] of subpaths) {
      if (typeof target === 'string') throw new Error(`${path} has no conditions`)
      const name = path === '.' ? 'index' : path.slice(2)
      expect(Object.keys(target), path).toEqual(['@tote/source', 'types', 'default'])
      expect(target['@tote/source'], path).toBe(`./${built[name]}`)
      expect(existsSync(join(packageDir, target['@tote/source'])), path).toBe(true)
      expect(target.types, path).toBe(`./dist/${name}.d.ts`)
      expect(target.default, path).toBe(`./dist/${name}.js`)
    }
  })

  it('each export what their audience needs', () => {
    const names = (path: string) => {
      const target = manifest.exports[path]
      if (typeof target !== 'object') throw new Error(`no entry ${path}`)
      return exportedNames(join(packageDir, target['@tote/source']))
    }
    expect(names('./messages/fr')).toEqual(['fr'])
    expect(names('./messages/nb')).toEqual(['nb'])
    expect(names('./recovery')).toEqual(
      expect.arrayContaining(['recovery', 'reconcileRecovery', 'titleOf', 'Reconciliation']),
    )
    expect(names('./analytics')).toEqual(
      expect.arrayContaining(['toGa4', 'toEventItem', 'CART_EVENT_TYPES', 'Ga4Event']),
    )
    expect(names('./email-input')).toEqual(
      expect.arrayContaining(['bindEmailInput', 'BindEmailInputOptions']),
    )
    expect(names('./address')).toEqual(
      expect.arrayContaining(['checkMilitaryAddress', 'militaryAddressRules', 'AddressProblem']),
    )
    expect(names('./adapter')).toEqual(
      expect.arrayContaining(['CartAdapter', 'parseCartSnapshot', 'httpError', 'assertOps']),
    )
  })
})
