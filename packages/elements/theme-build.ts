// How the theme build (`dist/theme`) is made, shared by tsup.config.ts, the Chromium tests
// that serve it, and `pnpm size`: ES modules, split, minified, flat, with `tote-` names.
import { fileURLToPath } from 'node:url'
import type { Options } from 'tsup'

/** esbuild's types, as tsup (which brings esbuild) exposes them. */
type Plugin = NonNullable<Options['esbuildPlugins']>[number]
type BuildOptions = Parameters<NonNullable<Options['esbuildOptions']>>[0]

const source = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url))

/**
 * The theme build's entry points: `tote.js`, what a page runs at once, and the modules it
 * imports on demand — the engine and one module per adapter — under stable names.
 */
export const THEME_ENTRIES: Record<string, string> = {
  tote: source('theme/tote.ts'),
  'tote-engine': source('theme/engine.ts'),
  'tote-sync': source('theme/sync.ts'),
  'tote-schemas': source('theme/schemas.ts'),
  'tote-elements': source('theme/elements.ts'),
  'tote-recovery': source('theme/recovery.ts'),
  'tote-rest': source('theme/rest.ts'),
  'tote-shopify-ajax': source('theme/shopify-ajax.ts'),
}

/** The files of the elements that build carts, and so may import @tote/core itself. */
const ENGINE_FILES = [source('theme/engine.ts'), source('define/build.ts')]
const ELEMENTS = source('')

/**
 * Resolves the elements' `@tote/core` imports to `src/theme/core.ts` (errors and money), except
 * in the engine's files. esbuild puts a file in a page's eager chunks when any file those
 * chunks hold imports it, even for a name nobody uses: one import of core's index from an
 * element would make the engine eager.
 */
export const eagerCore: Plugin = {
  name: 'tote-eager-core',
  setup(build) {
    build.onResolve({ filter: /^@tote\/core(\/adapter)?$/ }, ({ importer }) =>
      importer.startsWith(ELEMENTS) && !ENGINE_FILES.includes(importer)
        ? { path: source('theme/core.ts') }
        : undefined,
    )
  },
}

/** The options of {@link THEME_BUILD}, each set (tsup.config.ts reads them one by one). */
type ThemeBuildOptions = BuildOptions &
  Required<
    Pick<
      BuildOptions,
      'conditions' | 'chunkNames' | 'entryNames' | 'plugins' | 'format' | 'splitting'
    >
  >

/**
 * esbuild options of the theme build (what tsup sets besides `entry`, `format` and `outDir`).
 * Flat, with `tote-` names: a Shopify theme's `assets` folder has no subfolders, and holds
 * the theme's own files too.
 */
export const THEME_BUILD: ThemeBuildOptions = {
  bundle: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  conditions: ['@tote/source'],
  chunkNames: 'tote-[hash]',
  entryNames: '[name]',
  plugins: [eagerCore],
}

/** `import … from "./x.js"` and `import "./x.js"` in esbuild's output; not `import("./x.js")`. */
const STATIC_IMPORT = /import\s*(?:[\w$*{][^"';]*?from\s*)?"\.\/([^"]+)"/g

/**
 * The files a page loads when it runs `entry` before anything is imported on demand: `entry`
 * and every chunk it imports statically, transitively, read from the built files' code (a
 * map of file name to code), as the browser reads them.
 *
 * @example
 * eagerFiles(files) // ['tote.js', 'tote-ABC123.js', ...]
 */
export function eagerFiles(files: ReadonlyMap<string, string>, entry = 'tote.js'): string[] {
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    const code = files.get(name)
    if (code === undefined) throw new Error(`${name} is imported but was not built`)
    seen.add(name)
    for (const [, imported] of code.matchAll(STATIC_IMPORT)) visit(imported as string)
  }
  visit(entry)
  return [...seen]
}
