import { defineConfig } from 'tsup'
import { THEME_BUILD, THEME_ENTRIES } from './theme-build.ts'

export default defineConfig([
  {
    // For bundlers: the elements only; adapters and core stay imports.
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    target: 'es2022',
    sourcemap: true,
  },
  {
    // For `<script src>`: one file with core, the adapters and the elements inside; it sets
    // `window.Tote` itself, before defining the elements.
    entry: { tote: 'src/global.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.conditions = ['@tote/source']
    },
  },
  {
    // For a theme's assets: ES modules with relative imports, every file under 10,000 bytes
    // gzip. `tote.js` is what a page runs at once; the engine and each adapter load on the
    // shopper's first interaction or when the page is idle (docs/size.md, ARCHITECTURE.md).
    entry: THEME_ENTRIES,
    outDir: 'dist/theme',
    // Chunk names change with their content: a stale chunk must not stay among the files.
    clean: true,
    format: ['esm'],
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    noExternal: [/.*/],
    esbuildPlugins: THEME_BUILD.plugins,
    esbuildOptions(options) {
      options.conditions = THEME_BUILD.conditions
      options.chunkNames = THEME_BUILD.chunkNames
      options.entryNames = THEME_BUILD.entryNames
    },
  },
])
