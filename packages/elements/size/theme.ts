// `pnpm size`, the theme build's part: every file of dist/theme with Theme Check's limit
// (10,000 bytes gzip, level 9 as size-limit measures), what a product page runs before the
// shopper interacts (tote.js and the chunks it imports statically; limit 10,000 bytes), and
// what the page has loaded in all once the first add to cart has loaded the engine and its
// adapter. Exits 1 when a limit is broken. Measures the built files: run `pnpm build` first.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { eagerFiles } from '../theme-build.ts'

const LIMIT = 10_000
const directory = new URL('../dist/theme/', import.meta.url)
if (!existsSync(directory)) {
  console.error('packages/elements/dist/theme is missing: run `pnpm build` first')
  process.exit(1)
}
const files = new Map(
  readdirSync(directory)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => [name, readFileSync(new URL(name, directory), 'utf8')] as const),
)
const gzip = (name: string): number => gzipSync(files.get(name) ?? '', { level: 9 }).length
const total = (names: Iterable<string>): number =>
  [...new Set(names)].reduce((sum, name) => sum + gzip(name), 0)
const bytes = (value: number): string => `${value.toLocaleString('en')} B`

let failed = false
const line = (name: string, size: number, limit?: number): void => {
  const over = limit !== undefined && size > limit
  failed ||= over
  const budget = limit === undefined ? '' : ` / ${bytes(limit)}${over ? '  OVER' : ''}`
  console.log(`  ${name.padEnd(58)} ${bytes(size).padStart(9)}${budget}`)
}

console.log('\n@tote/elements theme build (dist/theme), gzip:')
for (const name of files.keys()) line(name, gzip(name), LIMIT)

const eager = eagerFiles(files)
console.log(`\nA product page before interaction (${eager.join(', ')}):`)
line('eager bytes', total(eager), LIMIT)
console.log('After the first add to cart (the engine and the page’s adapter loaded):')
for (const adapter of ['rest', 'shopify-ajax']) {
  const loaded = [
    ...eager,
    ...eagerFiles(files, 'tote-engine.js'),
    ...eagerFiles(files, 'tote-elements.js'),
    ...eagerFiles(files, 'tote-sync.js'),
    ...eagerFiles(files, `tote-${adapter}.js`),
  ]
  line(`<tote-cart adapter="${adapter}">, in all`, total(loaded))
}
console.log('')
if (failed) {
  console.error('A theme build file, or what a page runs at once, is over 10,000 bytes gzip.')
  process.exit(1)
}
