#!/usr/bin/env node
// The docs site: `node scripts/docs-site.mjs build|dev|api` (pnpm docs:build, pnpm docs:dev).
//
// `build --out DIR` writes the site to DIR instead.
//
// 1. The API reference: TypeDoc reads the TSDoc comments of every public entry point of every
//    published package (the `@tote/source` condition of each `exports` entry: the same files
//    the package builds from) and writes one Markdown page per entry point into docs/api/
//    (git-ignored), named as users import it (`@tote/core/recovery`). Options: typedoc.json.
// 2. VitePress builds docs/ (config: docs/.vitepress/config.ts) into docs/.vitepress/dist/, or
//    serves it with `dev`. A link to a page that does not exist fails the build.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Application, Converter, ReflectionKind, TSConfigReader, TypeDocReader } from 'typedoc'

const root = resolve(import.meta.dirname, '..')
const docs = join(root, 'docs')

/** Entry file → the specifier users import it by, for every published package. */
export function publicEntryPoints() {
  const entries = new Map()
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
    if (manifest.private) continue
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const source = typeof target === 'object' ? target['@tote/source'] : undefined
      if (!source) continue
      entries.set(join(root, 'packages', dir, source), `${manifest.name}${subpath.slice(1)}`)
    }
  }
  return entries
}

/** Writes docs/api/ from the TSDoc comments; resolves to the number of warnings. */
export async function buildApiReference() {
  const entries = publicEntryPoints()
  const app = await Application.bootstrapWithPlugins(
    { entryPoints: [...entries.keys()], options: join(root, 'typedoc.json') },
    [new TypeDocReader(), new TSConfigReader()],
  )
  // Each module is named as it is imported, not by its path in the repository.
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Module)) return
    const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0]
    const name = declaration && entries.get(declaration.getSourceFile().fileName)
    if (name) reflection.name = name
  })
  // Members a class inherits from the platform (HTMLElement's hundreds, Error's) are the
  // platform's to document: only Tote's own and those inherited from Tote's classes are kept.
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project
    for (const member of project.getReflectionsByKind(
      ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor,
    )) {
      const from = member.inheritedFrom
      if (from && !from.reflection && project.getReflectionById(member.id)) {
        project.removeReflection(member)
      }
    }
  })
  const project = await app.convert()
  if (!project) throw new Error('TypeDoc could not convert the entry points (see above)')
  await app.generateOutputs(project)
  const index = join(docs, 'api', 'index.md')
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace(
      '## Modules',
      "Generated from the TSDoc comments in the packages' sources, one page per entry point, named as\nyou import it. The guides beside it explain when to use what.\n\n## Entry points",
    ),
  )
  return { modules: project.children?.length ?? 0, warnings: app.logger.warningCount }
}

async function main([command, ...options]) {
  const outDir = options[0] === '--out' && options[1] ? resolve(options[1]) : undefined
  if (!['build', 'dev', 'api'].includes(command)) {
    console.error('usage: node scripts/docs-site.mjs build [--out DIR] | dev | api')
    process.exit(2)
  }
  const started = performance.now()
  const api = await buildApiReference()
  console.log(
    `API reference: ${api.modules} entry points in docs/api/, ${api.warnings} TypeDoc warnings (${Math.round(performance.now() - started)} ms)`,
  )
  if (command === 'api') return
  const vitepress = await import('vitepress')
  if (command === 'build') {
    await vitepress.build(docs, outDir ? { outDir } : {})
    console.log(
      `docs site: ${outDir ?? 'docs/.vitepress/dist'} (${Math.round(performance.now() - started)} ms)`,
    )
  } else {
    const server = await vitepress.createServer(docs)
    await server.listen()
    server.printUrls()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await main(process.argv.slice(2))
}
