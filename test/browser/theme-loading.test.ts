// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Cart } from '@tote/core'
import {
  createEmbeddedStorage,
  createToteServer,
  DEMO_CATALOGUE,
  type Storage,
  type ToteServer,
} from '@tote/server'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { eagerFiles } from '../../packages/elements/theme-build.ts'
import {
  accessibilityViolations,
  buildThemeModules,
  close,
  HAS_CHROMIUM,
  launchChromium,
  listen,
  THEME_PAGES,
} from '../support/chromium.ts'

// The theme build (packages/elements/dist/theme) in a real Chromium, as a theme serves it:
// the ES modules bundled on the fly from source with the build's own options, served from
// /assets/ next to examples/theme/lazy.html, under a strict Content-Security-Policy, with
// @tote/server (in-memory PGlite) on another port. What the page runs before the shopper
// does anything, what a click does before the engine has loaded, and window.Tote.

/** The endpoint the example page names; the static server swaps in the test server's URL. */
const EXAMPLE_ENDPOINT = 'http://127.0.0.1:8787'
/** Theme Check's limit for any JavaScript file, and Tote's for what a page runs at once. */
const LIMIT = 10_000
const WAIT = { timeout: 10_000 }

type CartRoot = HTMLElement & { cart: Cart | null }
type PageWindow = Window & {
  Tote?: { load(): Promise<unknown>; createCart?: unknown }
  __toteLog: string[]
}

let storage: Storage
let server: ToteServer
let api: string
let site: Server
let origin: string
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext
/** The theme build: file name → code. */
const files = new Map<string, string>()
/** What tote.js imports statically: what every page runs at once. */
let eager: Set<string>
/** Requests the theme's own backend received: a form that posted without script. */
const plainPosts: string[] = []
const pageErrors: string[] = []

const gzip = (name: string): number => gzipSync(files.get(name) ?? '', { level: 9 }).length
const sum = (names: Iterable<string>): number =>
  [...names].reduce((all, name) => all + gzip(name), 0)

/** The policy every page is served with: no inline script or style, Trusted Types required. */
function policy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${api}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ')
}

/**
 * Serves lazy.html (pointed at the test server; `?key=` gives each test its own stored cart,
 * `?count=` the count the shop's server rendered) and the theme build under /assets/.
 */
function createThemeServer(): Server {
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method !== 'GET') {
      plainPosts.push(`${request.method} ${url.pathname}`)
      response.writeHead(405).end()
      return
    }
    const asset = url.pathname.startsWith('/assets/') ? basename(url.pathname) : null
    if (asset && files.has(asset)) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
      response.end(files.get(asset))
      return
    }
    if (asset === 'lazy.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' })
      response.end(await readFile(join(THEME_PAGES, 'lazy.css')))
      return
    }
    if (url.pathname !== '/lazy.html') {
      response.writeHead(404).end()
      return
    }
    const key = url.searchParams.get('key') ?? 'default'
    const count = url.searchParams.get('count') ?? '0'
    const html = (await readFile(join(THEME_PAGES, 'lazy.html'), 'utf8'))
      .replaceAll(EXAMPLE_ENDPOINT, api)
      .replace('storage-key="tote:lazy"', `storage-key="tote:lazy-${key}"`)
      .replace(
        '<tote-cart-count>0</tote-cart-count>',
        `<tote-cart-count>${count}</tote-cart-count>`,
      )
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy(),
    })
    response.end(html)
  })
}

/**
 * A new tab that records, from before any script of the page runs: CSP violations, and for
 * each element definition and each Tote event, whether `window.Tote` was there
 * (`window.__toteLog`). `idle: false` makes the page never idle, so only an interaction
 * loads the engine.
 */
async function newTab({ idle = true } = {}): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.addInitScript((idle) => {
    const log: string[] = []
    const scope = window as unknown as PageWindow
    scope.__toteLog = log
    const tote = () => (scope.Tote ? 'Tote' : 'no Tote')
    document.addEventListener('securitypolicyviolation', (event) => {
      log.push(`violation ${event.violatedDirective} ${event.blockedURI}`)
    })
    const define = customElements.define.bind(customElements)
    customElements.define = (name, element, options) => {
      log.push(`define ${name}: ${tote()}`)
      define(name, element, options)
    }
    for (const type of ['tote:ready', 'tote:cart-updated', 'tote:status']) {
      document.addEventListener(type, () => log.push(`${type}: ${tote()}`), true)
    }
    if (!idle) window.requestIdleCallback = () => 0
  }, idle)
  return page
}

const log = (page: Page) => page.evaluate(() => (window as unknown as PageWindow).__toteLog)
const violations = async (page: Page) =>
  (await log(page)).filter((entry) => entry.startsWith('violation'))
const waitForCart = (page: Page) =>
  page.waitForFunction(
    () => document.querySelector<CartRoot>('tote-cart')?.cart != null,
    null,
    WAIT,
  )
const countOf = (page: Page) => page.locator('tote-cart-count').textContent()
const addButton = (page: Page, product: string) =>
  page.locator(`[data-product="${product}"] button[type="submit"]`)

/** The lines of the page's cart: merchandise, quantity and attributes, in cart order. */
function linesOf(page: Page) {
  return page.evaluate(() =>
    document
      .querySelector<CartRoot>('tote-cart')!
      .cart!.$lines.get()
      .map((line) => ({
        key: line.key,
        merchandiseId: line.merchandiseId,
        quantity: line.quantity,
        attributes: line.attributes,
      })),
  )
}

describe.skipIf(!HAS_CHROMIUM)('the theme build in Chromium (needs /usr/bin/chromium)', () => {
  beforeAll(async () => {
    for (const [name, code] of await buildThemeModules()) files.set(name, code)
    eager = new Set(eagerFiles(files))

    site = createThemeServer()
    origin = await listen(site)
    storage = await createEmbeddedStorage()
    server = await createToteServer({
      storage,
      sweepIntervalMs: 0,
      corsOrigins: [origin],
      shop: { id: 'theme-loading', recoveryUrl: `${origin}/lazy.html` },
      catalogue: DEMO_CATALOGUE,
    })
    ;({ url: api } = await server.listen(0, '127.0.0.1'))
    browser = await launchChromium()
    context = browser.context
  })

  afterAll(async () => {
    await browser?.close()
    await close(site)
    await server?.close()
    await storage?.close()
  })

  afterEach(() => {
    expect(pageErrors).toEqual([])
    pageErrors.length = 0
    plainPosts.length = 0
  })

  it('builds every file under 10,000 bytes gzip', () => {
    const sizes = [...files.keys()].sort().map((name) => [name, gzip(name)] as const)
    console.info(sizes.map(([name, size]) => `${name}: ${size} B gzip`).join('\n'))
    expect(files.has('tote-engine.js')).toBe(true)
    expect(sizes.filter(([, size]) => size > LIMIT)).toEqual([])
  })

  it('runs only the eager files until the shopper touches a Tote element, with window.Tote first', async () => {
    const page = await newTab({ idle: false })
    const requested: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/assets/') && pathname.endsWith('.js'))
        requested.push(basename(pathname))
    })
    await page.goto(`${origin}/lazy.html?key=eager&count=3`, { waitUntil: 'load' })
    await page.waitForFunction(() => customElements.get('tote-add-to-cart') !== undefined)

    // Before any interaction: the eager files, nothing else; the count the server rendered.
    expect(new Set(requested)).toEqual(eager)
    const eagerBytes = sum(requested)
    console.info(`a product page runs ${eagerBytes} B gzip at once: ${requested.join(', ')}`)
    expect(eagerBytes).toBeLessThanOrEqual(LIMIT)
    expect(await countOf(page)).toBe('3')
    expect(
      await page.evaluate(() => {
        const { Tote } = window as unknown as PageWindow
        return [typeof Tote?.load, typeof Tote?.createCart]
      }),
    ).toEqual(['function', 'undefined'])

    // Focus on a Tote element's field: the engine and the page's adapter load, nothing more.
    await page.locator('[data-product="enamel-mug"] input[name="quantity"]').focus()
    await waitForCart(page)
    const loaded = requested.filter((name) => !eager.has(name))
    expect(loaded).toEqual(
      expect.arrayContaining([
        'tote-engine.js',
        'tote-elements.js',
        'tote-sync.js',
        'tote-schemas.js',
        'tote-rest.js',
      ]),
    )
    expect(loaded).not.toContain('tote-shopify-ajax.js')
    expect(loaded).not.toContain('tote-recovery.js')
    console.info(`after the first interaction: ${sum(new Set(requested))} B gzip in all`)
    expect(
      await page.evaluate(() => typeof (window as unknown as PageWindow).Tote?.createCart),
    ).toBe('function')

    // window.Tote was there before the first element was defined and the first event fired.
    const entries = (await log(page)).filter((entry) => !entry.startsWith('violation'))
    expect(entries[0]).toBe('define tote-cart: Tote')
    expect(entries).toContain('tote:ready: Tote')
    expect(entries).toContain('tote:cart-updated: Tote')
    expect(entries.filter((entry) => entry.endsWith('no Tote'))).toEqual([])
    expect(await violations(page)).toEqual([])
    await page.close()
  })

  it('loads the engine when the page is idle, or at once when code asks for the cart', async () => {
    const idle = await newTab()
    await idle.goto(`${origin}/lazy.html?key=idle`)
    await waitForCart(idle)
    await idle.close()

    const asked = await newTab({ idle: false })
    await asked.goto(`${origin}/lazy.html?key=asked`, { waitUntil: 'load' })
    const count = await asked.evaluate(async () => {
      const { Tote } = window as unknown as {
        Tote: { whenCart(element: Element): Promise<Cart> }
      }
      const cart = await Tote.whenCart(document.querySelector('tote-cart-count')!)
      cart.add({ merchandiseId: 'enamel-mug-white', quantity: 2 })
      return cart.$count.get()
    })
    expect(count).toBe(2)
    expect(await violations(asked)).toEqual([])
    await asked.close()
  })

  it('keeps every click made before the engine has loaded, in order, and shows them at once', async () => {
    const page = await newTab()
    // The engine's files (everything but the eager ones) wait until the clicks are made.
    let release = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const held: string[] = []
    await page.route(`${origin}/assets/*.js`, async (route) => {
      const name = basename(new URL(route.request().url()).pathname)
      if (!eager.has(name)) {
        held.push(name)
        await gate
      }
      await route.continue()
    })
    await page.goto(`${origin}/lazy.html?key=clicks`)
    await page.waitForFunction(() => customElements.get('tote-add-to-cart') !== undefined)

    await addButton(page, 'canvas-tote').click()
    await page.locator('[data-product="canvas-tote"] select').selectOption('canvas-tote-black')
    await addButton(page, 'canvas-tote').click()
    await page.locator('[data-product="enamel-mug"] input[name="quantity"]').fill('2')
    await addButton(page, 'enamel-mug').click()
    // The shopper changes the quantity after clicking: the click keeps what it was sent with.
    await page.locator('[data-product="enamel-mug"] input[name="quantity"]').fill('5')
    await page
      .locator('[data-product="dot-notebook"] input[name="properties[Engraving]"]')
      .fill('AT')
    await addButton(page, 'dot-notebook').click()
    await addButton(page, 'canvas-tote').click()

    // Still waiting for the engine: nothing posted, the page did not move, no cart yet.
    await vi.waitFor(() => expect(held).toContain('tote-engine.js'), WAIT)
    expect(page.url()).toBe(`${origin}/lazy.html?key=clicks`)
    expect(plainPosts).toEqual([])
    expect(
      await page.evaluate(() => document.querySelector<CartRoot>('tote-cart')!.cart),
    ).toBeNull()
    expect(await countOf(page)).toBe('0')

    // What the page shows in the first frame after the cart arrives.
    await page.evaluate(() => {
      document.addEventListener(
        'tote:ready',
        () =>
          requestAnimationFrame(() => {
            const count = document.querySelector('tote-cart-count')!.textContent
            const rows = document.querySelectorAll('tote-cart-lines [data-line-key]').length
            ;(window as unknown as PageWindow).__toteLog.push(`first frame: ${count} ${rows}`)
          }),
        { once: true },
      )
    })
    release()
    await waitForCart(page)
    await vi.waitFor(async () => expect(await log(page)).toContain('first frame: 6 4'), WAIT)

    const lines = await linesOf(page)
    expect(
      lines.map(({ merchandiseId, quantity, attributes }) => [merchandiseId, quantity, attributes]),
    ).toEqual([
      ['canvas-tote-natural', 1, {}],
      ['canvas-tote-black', 2, {}],
      ['enamel-mug-white', 2, {}],
      ['dot-notebook-a5', 1, { Engraving: 'AT' }],
    ])
    const cartId = await page.evaluate(async () => {
      const cart = document.querySelector<CartRoot>('tote-cart')!.cart!
      await cart.settled()
      return cart.$cart.get().id!
    })
    const response = await fetch(`${api}/v1/carts/${cartId}`)
    const { cart } = (await response.json()) as {
      cart: { lines: { key: string; quantity: number }[] }
    }
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual(
      lines.map((line) => [line.key, line.quantity]),
    )
    expect(plainPosts).toEqual([])
    expect(await violations(page)).toEqual([])
    expect(await accessibilityViolations(page, 'body')).toEqual([])
    await page.close()
  })

  it('posts the first held form as without script when the engine cannot load', async () => {
    const page = await newTab({ idle: false })
    await page.route(`${origin}/assets/*.js`, (route) => {
      const name = basename(new URL(route.request().url()).pathname)
      return eager.has(name) ? route.continue() : route.abort('connectionrefused')
    })
    // Chromium reports the failed import on the page: expected here.
    page.removeAllListeners('pageerror')
    await page.goto(`${origin}/lazy.html?key=offline`)
    await page.waitForFunction(() => customElements.get('tote-add-to-cart') !== undefined)
    await page.locator('[data-product="enamel-mug"] input[name="quantity"]').fill('3')
    // Code waiting for the cart hears why it will not come.
    const waiting = page.evaluate(() =>
      (
        window as unknown as { Tote: { whenCart(element: Element): Promise<unknown> } }
      ).Tote.whenCart(document.querySelector('tote-cart')!).then(
        () => 'a cart',
        (error: Error) => `rejected: ${error.message}`,
      ),
    )
    await addButton(page, 'enamel-mug').click()
    await vi.waitFor(() => expect(plainPosts).toEqual(['POST /cart/add']), WAIT)
    expect(await waiting).toMatch(/^rejected: .*(import|fetch)/i)
    await page.close()
  })
})
