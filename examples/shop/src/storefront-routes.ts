// The storefront on the reference server's origin: page shells (no data in them), the bundle
// (built at start with esbuild), the stylesheet, the catalogue and the product pictures.
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { SeedProduct } from '@tote/server'
import { build } from 'esbuild'
import type { Context, Hono } from 'hono'
import { productPicture } from './pictures.ts'
import type { CatalogueFile } from './storefront/catalogue.ts'

/** The storefront's pages: `<body data-page>` tells the bundle which one to render. */
export type StorefrontPage = 'home' | 'product' | 'checkout' | 'recover'

/** Scripts, styles and pictures of this origin only; data goes to this origin only. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

const escapeText = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** A page shell: no shop data in it, the bundle renders everything as text. */
function shell(page: StorefrontPage, shopName: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(shopName)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/shop/app.css">
<script type="module" src="/shop/app.js"></script>
</head>
<body data-page="${page}">
<noscript>This shop needs JavaScript.</noscript>
</body>
</html>
`
}

/**
 * Bundles the storefront (src/storefront/main.ts) from the workspace sources: one entry, and
 * chunks for what only some pages load (recovery, French and Norwegian messages).
 * Resolves to the files by URL path under `/shop/`.
 */
export async function bundleStorefront(): Promise<Map<string, string>> {
  const entry = fileURLToPath(new URL('./storefront/main.ts', import.meta.url))
  const outdir = fileURLToPath(new URL('./storefront/.bundle/', import.meta.url))
  const result = await build({
    entryPoints: { app: entry },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tote/source'],
    minify: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    logLevel: 'silent',
  })
  const files = new Map<string, string>()
  for (const file of result.outputFiles) {
    const relative = file.path.slice(outdir.length).replaceAll('\\', '/').replace(/^\//, '')
    files.set(`/shop/${relative}`, file.text)
  }
  return files
}

/** The example theme's pages (examples/theme), served at `/theme/`. */
const THEME_PAGES = { '/theme/': 'index.html', '/theme/recover.html': 'recover.html' } as const
/** The example theme's stylesheet, pictures and scripts (examples/theme/assets), by type. */
const THEME_ASSET = /^[a-z0-9-]+\.(css|svg|js)$/
const ASSET_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  js: 'text/javascript; charset=utf-8',
}
/** The address the example theme's pages name for the Tote server. */
const THEME_ENDPOINT = 'http://127.0.0.1:8787'

/**
 * The example theme (examples/theme) on the shop's origin: its pages, and the one-script build
 * of @tote/elements bundled from source, so opening it takes no build step and no other server.
 */
export async function bundleTheme(): Promise<{
  pages: Map<string, string>
  assets: Map<string, string>
  script: string
}> {
  const global = fileURLToPath(new URL('../../../packages/elements/src/global.ts', import.meta.url))
  const [built, ...pages] = await Promise.all([
    build({
      entryPoints: [global],
      bundle: true,
      format: 'iife',
      globalName: 'Tote',
      platform: 'browser',
      target: 'es2022',
      conditions: ['@tote/source'],
      minify: true,
      write: false,
      logLevel: 'silent',
    }),
    ...Object.values(THEME_PAGES).map((file) =>
      readFile(new URL(`../../theme/${file}`, import.meta.url), 'utf8'),
    ),
  ])
  const folder = new URL('../../theme/assets/', import.meta.url)
  const names = (await readdir(folder)).filter((name) => THEME_ASSET.test(name))
  const assets = new Map(
    await Promise.all(
      names.map(async (name) => [name, await readFile(new URL(name, folder), 'utf8')] as const),
    ),
  )
  return {
    pages: new Map(Object.keys(THEME_PAGES).map((path, i) => [path, pages[i]!])),
    assets,
    script: built.outputFiles[0]!.text,
  }
}

/** Options of {@link registerStorefront}. */
export interface StorefrontOptions {
  shopName: string
  contact: { email: string; address?: string }
  catalogue: readonly SeedProduct[]
  discountCode: string | null
  /** The bundle, from {@link bundleStorefront}. */
  bundle: Map<string, string>
  /** Whether the development page exists (linked from the footer). */
  dev: boolean
  /** The example theme, from {@link bundleTheme}; left out, `/theme/` is not served. */
  theme?: Awaited<ReturnType<typeof bundleTheme>>
}

/** Serves the storefront's pages and assets on the server's app. */
export async function registerStorefront(app: Hono, options: StorefrontOptions): Promise<void> {
  const css = await readFile(new URL('./storefront/styles.css', import.meta.url), 'utf8')
  const products = new Set(options.catalogue.map((product) => product.id))
  const catalogue: CatalogueFile = {
    shop: {
      name: options.shopName,
      contact: options.contact,
      discountCode: options.discountCode,
    },
    products: options.catalogue.map((product) => ({
      id: product.id,
      title: product.title,
      description: product.description ?? '',
      imageAlt: product.imageAlt ?? product.title,
      variants: product.variants.map(({ id, title, options }) => ({ id, title, options })),
    })),
    links: { merchant: '/merchant', dev: options.dev ? '/merchant/dev' : null },
  }
  const page = (c: Context, which: StorefrontPage, status: 200 | 404 = 200) => {
    c.header('Content-Security-Policy', CSP)
    c.header('Cache-Control', 'no-store')
    return c.html(shell(which, options.shopName), status)
  }

  app.get('/', (c) => page(c, 'home'))
  app.get('/products/:productId', (c) =>
    page(c, 'product', products.has(c.req.param('productId')) ? 200 : 404),
  )
  app.get('/checkout/:cartId', (c) => page(c, 'checkout'))
  app.get('/recover', (c) => page(c, 'recover'))

  // No icon: browsers asking for one get an empty answer rather than an error.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/shop/catalogue.json', (c) => c.json(catalogue))
  app.get('/shop/app.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  app.get('/shop/pictures/:file', (c) => {
    const id = /^([a-z0-9-]+)\.svg$/.exec(c.req.param('file'))?.[1]
    const svg = id ? productPicture(id) : null
    if (!svg) return c.text('No such picture', 404)
    c.header('Cache-Control', 'public, max-age=3600')
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' })
  })
  const { theme } = options
  if (theme) {
    for (const [path, html] of theme.pages) {
      app.get(path, (c) => {
        // The theme's inline styles are its own markup, not data; scripts stay this origin's.
        c.header(
          'Content-Security-Policy',
          CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
        )
        c.header('Cache-Control', 'no-store')
        return c.html(
          html
            .replaceAll(THEME_ENDPOINT, new URL(c.req.url).origin)
            .replaceAll('src="/tote.global.js"', 'src="/theme/tote.global.js"'),
        )
      })
    }
    app.get('/theme/assets/:file', (c) => {
      const file = c.req.param('file')
      const body = theme.assets.get(file)
      if (body === undefined) return c.text('Not found', 404)
      const type = ASSET_TYPES[file.slice(file.lastIndexOf('.') + 1)]!
      return c.body(body, 200, { 'Content-Type': type })
    })
    app.get('/theme/tote.global.js', (c) =>
      c.body(theme.script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
  }

  app.get('/shop/*', (c) => {
    const script = options.bundle.get(c.req.path)
    if (script === undefined) return c.text('Not found', 404)
    return c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
  })
}
