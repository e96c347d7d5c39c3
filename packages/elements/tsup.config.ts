import { defineConfig } from 'tsup'

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
    // For `<script src>`: one file with core, the adapters and the elements inside.
    entry: { tote: 'src/global.ts' },
    format: ['iife'],
    globalName: 'Tote',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    noExternal: [/.*/],
    esbuildOptions(options) {
      options.conditions = ['@tote/source']
    },
  },
])
