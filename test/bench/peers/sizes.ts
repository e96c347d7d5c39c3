/**
 * What each contender's cart import weighs in a storefront bundle: bundled with esbuild
 * (`--bundle --minify --format=esm`, tree-shaking included, every dependency inside but the
 * framework), then `gzip -9`. Tote is bundled from its TypeScript sources (the `@tote/source`
 * condition), so nothing needs a build first.
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
/** The test package: the peers resolve from its node_modules. */
const testDir = join(here, '..', '..')
const root = join(testDir, '..')
const esbuild = join(root, 'node_modules/.pnpm/esbuild@0.27.7/node_modules/esbuild/bin/esbuild')

const tote = (name: string) => `../packages/${name}/src/index.ts`

/** One import whose weight the table shows. */
export interface SizedImport {
  name: string
  /** The module an app would write, as ES module source. */
  source: string
}

/** The cart import of each contender. React is left out: every React shop already has it. */
export const sizedImports: SizedImport[] = [
  {
    name: 'Tote: createCart + createShopifyAdapter',
    source: `export { createCart } from '${tote('core')}'\nexport { createShopifyAdapter } from '${tote('adapter-shopify')}'`,
  },
  {
    name: 'Tote: createCart + createShopifyAdapter + @tote/react (every hook; without React)',
    source: `export { createCart } from '${tote('core')}'\nexport { createShopifyAdapter } from '${tote('adapter-shopify')}'\nexport * from '${tote('react')}'`,
  },
  {
    name: '@shopify/hydrogen-react: the providers, useCart, AddToCartButton, CartLineQuantityAdjustButton (without React)',
    source: `export { ShopifyProvider, CartProvider, useCart, ProductProvider, AddToCartButton, CartLineProvider, CartLineQuantityAdjustButton } from '@shopify/hydrogen-react'`,
  },
  {
    name: 'Tote: createCart + createMedusaAdapter',
    source: `export { createCart } from '${tote('core')}'\nexport { createMedusaAdapter } from '${tote('adapter-medusa')}'`,
  },
  {
    name: '@medusajs/js-sdk: Medusa (the client; store, auth and admin are one class)',
    source: `export { default } from '@medusajs/js-sdk'`,
  },
  {
    name: 'swell-js: swell (one default object)',
    source: `export { default } from 'swell-js'`,
  },
]

/** Bytes of the bundle, minified and gzipped. */
export function bundleSize(entry: SizedImport): { minified: number; gzip: number } {
  const bundle = execFileSync(
    esbuild,
    [
      '--bundle',
      '--minify',
      '--format=esm',
      '--conditions=@tote/source',
      '--define:process.env.NODE_ENV="production"',
      '--external:react',
      '--external:react-dom',
      '--external:react/jsx-runtime',
      '--log-level=error',
      '--loader=ts',
    ],
    { cwd: testDir, input: entry.source, maxBuffer: 64 * 1024 * 1024 },
  )
  const gzipped = execFileSync('gzip', ['-9', '-c'], { input: bundle, maxBuffer: 64 * 1024 * 1024 })
  return { minified: bundle.length, gzip: gzipped.length }
}
