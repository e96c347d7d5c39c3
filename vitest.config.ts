import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

/** The real directory of package `name` as the package in directory `from` resolves it. */
function packageDir(from: string, name: string): string {
  const require = createRequire(join(from, 'package.json'))
  return dirname(realpathSync(require.resolve(`${name}/package.json`)))
}
const versionOf = (dir: string): string =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version

// The oldest React and Vue the bindings claim as peers. test/peers/* install each apart from the
// current version, so react-dom and Vue's server renderer pair with the old copy too.
const reactPeers = packageDir(join(root, 'packages/react'), '@tote/peers-react-18.2')
const react18 = packageDir(reactPeers, 'react')
const reactDom18 = packageDir(reactPeers, 'react-dom')
const vue34 = packageDir(packageDir(join(root, 'packages/vue'), '@tote/peers-vue-3.4'), 'vue')
// Vue 3.4.0's own dependencies (others would resolve to whatever is hoisted).
const vueParts = ['server-renderer', 'compiler-dom', 'runtime-dom']

// The testing libraries' ES module builds, inlined so their `react` / `vue` imports go through
// the aliases below: a second copy of React or Vue would break every hook and inject.
const testingLibraryReact = `${packageDir(join(root, 'packages/react'), '@testing-library/react')}/dist/@testing-library/react.esm.js`
const vueTestUtils = `${packageDir(join(root, 'packages/vue'), '@vue/test-utils')}/dist/vue-test-utils.esm-bundler.mjs`

export default defineConfig({
  resolve: {
    // Workspace packages resolve to their TypeScript sources: nothing needs a build to test.
    conditions: ['@tote/source'],
  },
  ssr: { resolve: { conditions: ['@tote/source'], externalConditions: ['@tote/source'] } },
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'tote',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/src/**/*.test.tsx',
            'test/**/*.test.ts',
            'examples/*/src/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'test/peers/**'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
        },
      },
      // The same binding tests, unchanged, on the oldest React and Vue in the peer ranges.
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^react$/, replacement: react18 },
            { find: /^react\/(.*)$/, replacement: `${react18}/$1` },
            { find: /^react-dom$/, replacement: reactDom18 },
            { find: /^react-dom\/(.*)$/, replacement: `${reactDom18}/$1` },
            { find: /^@testing-library\/react$/, replacement: testingLibraryReact },
          ],
        },
        test: {
          name: `react ${versionOf(react18)}`,
          include: ['packages/react/src/hooks/index.test.ts', 'test/peers/react.test.js'],
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^vue$/, replacement: vue34 },
            { find: /^vue\/(.*)$/, replacement: `${vue34}/$1` },
            ...vueParts.map((part) => ({
              find: new RegExp(`^@vue/${part}$`),
              replacement: packageDir(vue34, `@vue/${part}`),
            })),
            { find: /^@vue\/test-utils$/, replacement: vueTestUtils },
          ],
        },
        test: {
          name: `vue ${versionOf(vue34)}`,
          include: ['packages/vue/src/composables/index.test.ts', 'test/peers/vue.test.js'],
          server: { deps: { inline: ['@vue/test-utils'] } },
        },
      },
    ],
  },
})
