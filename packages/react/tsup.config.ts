import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  // Every hook runs in the browser: React Server Components frameworks (Next.js App Router)
  // must treat @tote/react as a client module, so the built file starts with the directive.
  banner: { js: "'use client'" },
})
