import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources: nothing needs a build to test.
    conditions: ['@tote/source'],
  },
  ssr: { resolve: { conditions: ['@tote/source'], externalConditions: ['@tote/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.tsx',
      'test/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
    ],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
