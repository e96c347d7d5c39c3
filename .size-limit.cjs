// Size budgets, printed by `pnpm size` after `pnpm build`. Core's are here; every other
// package keeps its own in packages/<name>/size-limit.json, merged below.
const { existsSync, readdirSync, readFileSync } = require('node:fs')
const { join } = require('node:path')

const core = [
  {
    name: '@tote/core: createCart, everything a storefront needs (with nanostores and zod/mini)',
    path: 'packages/core/dist/index.js',
    import: '{ createCart }',
    gzip: true,
    limit: '25 KiB',
  },
  {
    name: '@tote/core: money helpers alone',
    path: 'packages/core/dist/index.js',
    import: '{ money, formatMoney, addMoney }',
    gzip: true,
    limit: '12.5 KiB',
  },
]

const packages = readdirSync(join(__dirname, 'packages'))
  .map((name) => join(__dirname, 'packages', name, 'size-limit.json'))
  .filter((file) => existsSync(file))
  .flatMap((file) => JSON.parse(readFileSync(file, 'utf8')))

module.exports = [...core, ...packages]
