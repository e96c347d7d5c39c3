// Extracts the TypeScript, TSX and Vue code blocks of the docs and type-checks them against
// the workspace packages' sources, so an example that no longer compiles fails the tests.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { proxyCreateProgram } from '@volar/typescript'
import { createVueLanguagePlugin, getDefaultCompilerOptions } from '@vue/language-core'
import ts from 'typescript'

/** A fenced code block the checker type-checks. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string
  /** The 1-based line of the block's first line of code in that file. */
  readonly line: number
  readonly lang: 'ts' | 'tsx' | 'vue'
  readonly code: string
}

/** A type error in a block, located in its Markdown file. */
export interface BlockProblem {
  readonly file: string
  readonly line: number
  readonly message: string
}

const LANGS: Record<string, CodeBlock['lang']> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  vue: 'vue',
}

/**
 * The marker that leaves a block unchecked: in its info string (```ts no-check), or in an HTML
 * comment on the line above the fence, with the reason (`<!-- no-check: why -->`).
 */
export const SKIP_MARKER = 'no-check'

/**
 * The code blocks of one Markdown text that are TypeScript, TSX or Vue and not marked
 * {@link SKIP_MARKER}.
 */
export function extractBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(lines[index]!)
    if (!open) continue
    const [, indent = '', fence = '', info = '', rest = ''] = open
    const start = index + 1
    let end = start
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++
    index = end
    const lang = LANGS[info.toLowerCase()]
    const above = lines
      .slice(0, start - 1)
      .reverse()
      .find((line) => line.trim() !== '')
    const skipped =
      rest.split(/\s+/).includes(SKIP_MARKER) ||
      new RegExp(`^<!--\\s*${SKIP_MARKER}\\b.*-->$`).test(above?.trim() ?? '')
    if (!lang || skipped) continue
    const code = lines
      .slice(start, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
    blocks.push({ file, line: start + 1, lang, code })
  }
  return blocks
}

/** The Markdown files whose blocks are checked: the README, docs/ and every package README. */
export function docFiles(root: string): string[] {
  // Committed and new files alike, without what .gitignore leaves out (the generated API pages).
  const listed = execFileSync(
    'git',
    [
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '--',
      'README.md',
      'docs',
      'packages',
    ],
    { cwd: root, encoding: 'utf8' },
  )
  return listed
    .split('\n')
    .filter((file) => /^(README\.md|docs\/.*\.md|packages\/[^/]+\/README\.md)$/.test(file))
    .filter((file) => existsSync(join(root, file)))
    .sort()
}

/** Every checked block of the docs under `root`. */
export function docBlocks(root: string): CodeBlock[] {
  return docFiles(root).flatMap((file) =>
    extractBlocks(readFileSync(join(root, file), 'utf8'), file),
  )
}

/** `paths` that send every `@tote/*` entry point to its TypeScript source. */
function workspacePaths(root: string): Record<string, string[]> {
  const paths: Record<string, string[]> = {}
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json')
    if (!existsSync(manifest)) continue
    const { name, exports = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as {
      name: string
      exports?: Record<string, string | Record<string, string>>
    }
    for (const [subpath, target] of Object.entries(exports)) {
      const source = typeof target === 'object' ? target['@tote/source'] : undefined
      if (source) paths[join(name, subpath)] = [join('packages', dir, source)]
    }
  }
  return paths
}

/** Where a block lives for the compiler: a file that never touches the disk. */
const blockFileName = (root: string, block: CodeBlock, index: number) =>
  join(
    root,
    'test/docs/.blocks',
    `${block.file.replace(/[/.]/g, '_')}_${block.line}_${index}.${block.lang}`,
  )

/**
 * Type-checks `blocks` as modules against the workspace sources, with the names in
 * `test/docs/givens.d.ts` declared; returns every problem, located in the Markdown.
 */
export function checkBlocks(root: string, blocks: readonly CodeBlock[]): BlockProblem[] {
  const files = new Map<string, CodeBlock>()
  const texts = new Map<string, string>()
  blocks.forEach((block, index) => {
    const name = blockFileName(root, block, index)
    files.set(name, block)
    // `export {}` makes every block a module, so its names do not clash with other blocks'.
    texts.set(name, block.lang === 'vue' ? block.code : `${block.code}\nexport {}\n`)
  })
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config
  const { options } = ts.convertCompilerOptionsFromJson(base.compilerOptions, root)
  Object.assign(options, {
    baseUrl: root,
    paths: workspacePaths(root),
    jsx: ts.JsxEmit.ReactJSX,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules/@types')],
  } satisfies ts.CompilerOptions)
  const host = ts.createCompilerHost(options, true)
  const { fileExists, readFile, getSourceFile, directoryExists } = host
  const blocksDir = join(root, 'test/docs/.blocks')
  host.directoryExists = (dir) => dir === blocksDir || directoryExists?.call(host, dir) !== false
  host.fileExists = (name) => texts.has(name) || fileExists.call(host, name)
  host.readFile = (name) => texts.get(name) ?? readFile.call(host, name)
  host.getSourceFile = (name, version, onError, create) => {
    const text = texts.get(name)
    if (text === undefined) return getSourceFile.call(host, name, version, onError, create)
    return ts.createSourceFile(name, text, version, true)
  }
  // Packages a block imports (react, vue, ...) resolve as the workspace package that uses them.
  const fallbacks = readdirSync(join(root, 'packages')).map((dir) =>
    join(root, 'packages', dir, 'src', 'index.ts'),
  )
  host.resolveModuleNameLiterals = (literals, containing, redirect, compilerOptions) =>
    literals.map(({ text }) => {
      const first = ts.resolveModuleName(
        text,
        containing,
        compilerOptions,
        host,
        undefined,
        redirect,
      )
      if (first.resolvedModule || !files.has(containing)) return first
      for (const from of fallbacks) {
        const found = ts.resolveModuleName(text, from, compilerOptions, host)
        if (found.resolvedModule) return found
      }
      return first
    })
  const givens = join(root, 'test/docs/givens.d.ts')
  // TypeScript's own program, taught Vue single-file components the way vue-tsc does it.
  const createProgram = proxyCreateProgram(ts, ts.createProgram, (tsModule, { options }) => [
    createVueLanguagePlugin<string>(tsModule, options, getDefaultCompilerOptions(), (id) => id),
  ])
  // Vue files are not root files TypeScript accepts: one module imports them all instead.
  const vueIndex = join(root, 'test/docs/.blocks/vue-blocks.ts')
  const vueFiles = [...files.keys()].filter((name) => name.endsWith('.vue'))
  texts.set(vueIndex, vueFiles.map((name) => `import ${JSON.stringify(name)}\n`).join(''))
  const rootNames = [
    givens,
    vueIndex,
    ...[...files.keys()].filter((name) => !name.endsWith('.vue')),
  ]
  const program = createProgram({ rootNames, options, host })
  const problems: BlockProblem[] = []
  const diagnostics: ts.Diagnostic[] = [
    ...program.getGlobalDiagnostics(),
    ...program.getOptionsDiagnostics(),
  ]
  for (const name of [...files.keys(), vueIndex]) {
    const file = program.getSourceFile(name)
    if (!file) {
      problems.push({ file: files.get(name)?.file ?? name, line: 0, message: 'not compiled' })
      continue
    }
    diagnostics.push(
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    )
  }
  for (const diagnostic of diagnostics) {
    const block = diagnostic.file && files.get(diagnostic.file.fileName)
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!block || diagnostic.start === undefined) {
      problems.push({ file: diagnostic.file?.fileName ?? '(program)', line: 0, message })
      continue
    }
    const { line } =
      block.lang === 'vue'
        ? vueLine(diagnostic, block)
        : diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start)
    problems.push({ file: block.file, line: block.line + line, message })
  }
  return problems
}

/** The line of a diagnostic in a Vue block: volar maps it back to the `.vue` source offset. */
function vueLine(diagnostic: ts.Diagnostic, block: CodeBlock): { line: number } {
  const before = block.code.slice(0, diagnostic.start ?? 0)
  return { line: before.split('\n').length - 1 }
}
