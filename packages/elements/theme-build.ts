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

/**
 * esbuild options of the theme build (what tsup sets besides `entry`, `format` and `outDir`).
 * Flat, with `tote-` names: a Shopify theme's `assets` folder has no subfolders, and holds
 * the theme's own files too.
 */
export const THEME_BUILD = {
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
} satisfies BuildOptions
