// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Cart } from '@tote/core'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeTheme,
  startFakeTheme,
} from '../../packages/adapter-shopify-ajax/src/test/fake-theme.ts'
import { backend, catalogue } from '../../packages/adapter-shopify-ajax/src/test/fixtures.ts'
import { THEME_BUILD, THEME_ENTRIES } from '../../packages/elements/theme-build.ts'
import {
  accessibilityViolations,
  buildOneScript,
  close,
  HAS_CHROMIUM,
  launchChromium,
  listen,
  THEME_PAGES,
} from '../support/chromium.ts'

// The example Shopify page (examples/theme/shopify.html) in a real Chromium with the
// one-script build on `adapter="shopify-ajax"`: the theme's own cart API, on the page's own
// origin, played by the AJAX adapter's fake theme (documented 422s for stock, the `cart`
// cookie, bundled section rendering) behind a small front server that also serves the page,
// its assets and the script. As on a Liquid storefront, the front server adds Shopify's
// standard actions script to the page (a stand-in following the documented contract,
// test/browser/shopify-standard/actions.js) and an app that listens to the standard events
// and calls the actions (app.js). The page is served under a strict Content-Security-Policy.

const WAIT = { timeout: 10_000 }
/**
 * Scripts and styles only from the page's origin (nothing inline), pictures from it and the
 * shop's CDN, Trusted Types required.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https://cdn.example; require-trusted-types-for 'script'"
const STANDARD = fileURLToPath(new URL('./shopify-standard/', import.meta.url))
type CartRoot = HTMLElement & { cart: Cart | null }
interface SeenEvent {
  type: string
  action?: string
  context?: string
  lines?: { merchandiseId?: string; id?: string; quantity: number }[]
  note?: string
  discountCodes?: { code: string }[]
  target: string
  error?: string
  code?: string
  outcome: {
    resolved: boolean
    totalQuantity?: number
    userErrors?: { code: string }[]
    warnings?: { code: string; message: string }[]
  } | null
}

let theme: FakeTheme
let front: Server
let origin: string
let bundle: string
/** The theme build (ES modules loaded on demand): file name → code. */
const themeFiles = new Map<string, string>()
/** While set, the theme build's engine is answered only once it resolves. */
let engineHeld: Promise<void> | null = null
/** Whether the page asked for the theme build's engine. */
let engineRequested = false
let browser: Awaited<ReturnType<typeof launchChromium>>
let shop: Page
/** Plain form posts to the theme (`/cart/add` without `.js`): what happens without script. */
const plainPosts: string[] = []
const pageErrors: string[] = []
/** What the browser reported breaking the Content-Security-Policy or Trusted Types. */
const violations: string[] = []

async function body(request: IncomingMessage): Promise<string | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
}
const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'text/plain'

/** Serves the page, its assets and the scripts, and passes every other request to the theme's cart. */
function createFront(): Server {
  const files: Record<string, string> = {
    '/_shopify/actions.js': join(STANDARD, 'actions.js'),
    '/_shopify/app.js': join(STANDARD, 'app.js'),
  }
  return createServer(async (request, response) => {
    const url = request.url ?? '/'
    const path = new URL(url, 'http://localhost').pathname
    if (path === '/' || path === '/theme-build') {
      // Shopify adds its actions script to every Liquid page; apps add theirs. /theme-build
      // is the same page on the theme build instead of the one-script build.
      let html = await readFile(join(THEME_PAGES, 'shopify.html'), 'utf8')
      if (path === '/theme-build')
        html = html.replace(
          '<script src="/tote.global.js" defer></script>',
          '<script type="module" src="/assets/tote.js"></script>',
        )
      html = html.replace(
        '</head>',
        '<script type="module" src="/_shopify/actions.js"></script><script type="module" src="/_shopify/app.js"></script></head>',
      )
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': CSP,
        })
        .end(html)
      return
    }
    const built = themeFiles.get(basename(path))
    // (A chunk can be empty.)
    if (path.startsWith('/assets/tote') && built !== undefined) {
      if (basename(path) === 'tote-engine.js') {
        engineRequested = true
        await engineHeld
      }
      response.writeHead(200, { 'content-type': typeOf(path) }).end(built)
      return
    }
    if (path === '/tote.global.js') {
      response.writeHead(200, { 'content-type': typeOf(path) }).end(bundle)
      return
    }
    const file = files[path] ?? (/^\/assets\/[\w.-]+$/.test(path) ? join(THEME_PAGES, path) : null)
    if (file) {
      response.writeHead(200, { 'content-type': typeOf(path) }).end(await readFile(file))
      return
    }
    if (request.method === 'POST' && !path.endsWith('.js'))
      plainPosts.push(`${request.method} ${path}`)
    const headers: Record<string, string> = {}
    for (const name of ['cookie', 'content-type', 'accept', 'x-requested-with']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const upstream = await fetch(new URL(url.slice(1), theme.root), {
      method: request.method,
      headers,
      body: await body(request),
      redirect: 'manual',
    })
    const answer: Record<string, string | string[]> = {}
    for (const name of ['content-type', 'location']) {
      const value = upstream.headers.get(name)
      if (value) answer[name] = value
    }
    const cookies = upstream.headers.getSetCookie()
    if (cookies.length > 0) answer['set-cookie'] = cookies
    response.writeHead(upstream.status, answer).end(Buffer.from(await upstream.arrayBuffer()))
  })
}

/** A new tab that reports script errors and what the policy refused. */
async function newTab(): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  page.on('console', (message) => {
    const text = message.text()
    // zod checks once whether the page allows eval (it does not) and works without it.
    if (/Content Security Policy|Trusted Type/i.test(text) && !/unsafe-eval/.test(text))
      violations.push(text)
  })
  return page
}

async function openShop(): Promise<Page> {
  const page = await newTab()
  await page.goto(`${origin}/`)
  await page.waitForFunction(
    () => document.querySelector<CartRoot>('tote-cart')?.cart != null,
    null,
    WAIT,
  )
  return page
}

/** Waits until the page's cart has sent everything. */
const settle = (page: Page) =>
  page.evaluate(() => document.querySelector<CartRoot>('tote-cart')!.cart!.settled())

/** The theme's cart as the shop's backend holds it: `[variant id, quantity]` per line. */
async function themeCart(): Promise<[string, number][]> {
  const cookie = (await browser.context.cookies(origin)).find((entry) => entry.name === 'cart')
  expect(cookie, 'the theme set its cart cookie').toBeDefined()
  const snapshot = theme.backend.getCart(theme.backendId(decodeURIComponent(cookie!.value)))
  return (snapshot?.lines ?? []).map((line) => [line.merchandise.id, line.quantity])
}

const countOf = (page: Page) => page.locator('tote-cart-count').first().textContent()
const rowsOf = (page: Page) =>
  page
    .locator('tote-cart-lines [data-line-key]')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.querySelector('[data-tote-field="title"]')?.textContent,
        row.querySelector('input')?.value,
      ]),
    )
/** The standard events the app has seen (once their promises settled), and forgets them. */
const seenEvents = (page: Page) =>
  page.evaluate(() => {
    const app = (window as unknown as { standardApp: { seen: SeenEvent[] } }).standardApp
    return app.seen.splice(0)
  })
/** Submits a product's form as a click on its button would, within the page's task. */
const addFrom = (page: Page, product: string) =>
  page.evaluate((name) => {
    document.querySelector<HTMLFormElement>(`[data-product="${name}"] form`)!.requestSubmit()
  }, product)
const closeDrawer = async (page: Page) => {
  if (await page.locator('tote-cart-drawer[open]').count()) await page.keyboard.press('Escape')
  await page.waitForSelector('tote-cart-drawer:not([open])', { state: 'attached', ...WAIT })
}

describe.skipIf(!HAS_CHROMIUM)(
  'a Shopify theme with the one-script build in Chromium (needs /usr/bin/chromium)',
  () => {
    beforeAll(async () => {
      bundle = await buildOneScript()
      const built = await build({
        ...THEME_BUILD,
        entryPoints: THEME_ENTRIES,
        outdir: '/assets',
        write: false,
        logLevel: 'silent',
      })
      for (const file of built.outputFiles) themeFiles.set(basename(file.path), file.text)
      theme = await startFakeTheme({ backend: backend(), catalogue: catalogue() })
      front = createFront()
      origin = await listen(front)
      browser = await launchChromium()
      shop = await openShop()
    })

    afterAll(async () => {
      await browser?.close()
      await close(front)
      await theme?.close()
    })

    afterEach(() => {
      // Every test also fails on a script error, a form that posted without script, or
      // anything the Content-Security-Policy refused.
      expect(pageErrors.splice(0)).toEqual([])
      expect(plainPosts.splice(0)).toEqual([])
      expect(violations.splice(0)).toEqual([])
    })

    it('configures Shopify.actions.updateCart and openCart once the actions script has run', async () => {
      expect(
        await shop.evaluate(() =>
          (
            window as unknown as { standardApp: { configured(): unknown } }
          ).standardApp.configured(),
        ),
      ).toEqual({ updateCart: true, openCart: true })
    })

    it('adds at once on rapid clicks, opens the drawer, and the theme cart gets one line', async () => {
      const counts = await shop.evaluate(() => {
        const form = document.querySelector<HTMLFormElement>('[data-product="linen-tote"] form')!
        const count = document.querySelector('tote-cart-count')!
        const seen: string[] = []
        for (let round = 0; round < 3; round++) {
          form.requestSubmit()
          seen.push(count.textContent!)
        }
        return seen
      })
      expect(counts).toEqual(['1', '2', '3'])
      expect(await shop.locator('tote-cart-drawer[open] dialog[open]').count()).toBe(1)
      await settle(shop)
      expect(await themeCart()).toEqual([['101', 3]])
      // Three clicks in one task are one write to the theme, not three.
      expect(theme.requests.filter((request) => request.startsWith('POST')).length).toBe(1)
      await shop.waitForSelector('tote-cart-lines [data-line-key][pending]', {
        state: 'detached',
        ...WAIT,
      })
      expect(await rowsOf(shop)).toEqual([['Linen tote', '3']])
      await closeDrawer(shop)
    })

    it('dispatched a standard lines-update event for each add, from the product form, resolved with the cart', async () => {
      await shop.waitForFunction(
        () =>
          (window as unknown as { standardApp: { seen: unknown[] } }).standardApp.seen.length >= 3,
        null,
        WAIT,
      )
      const seen = await seenEvents(shop)
      expect(seen).toHaveLength(3)
      for (const event of seen) {
        expect(event).toMatchObject({
          type: 'shopify:cart:lines-update',
          action: 'add',
          context: 'product',
          lines: [{ merchandiseId: 'gid://shopify/ProductVariant/101', quantity: 1 }],
          target: 'tote-add-to-cart',
          outcome: { resolved: true, totalQuantity: 3, userErrors: [], warnings: [] },
        })
      }
    })

    it('replaces the cart bubble section with the HTML Shopify rendered, with events around it', async () => {
      await shop.evaluate(() => {
        const log: string[] = []
        ;(window as unknown as { sectionLog: string[] }).sectionLog = log
        document.addEventListener('tote:section-render', (event) =>
          log.push(`render ${(event as CustomEvent).detail.id}`),
        )
        document.addEventListener('tote:section-rendered', (event) =>
          log.push(`rendered ${(event as CustomEvent).detail.id}`),
        )
      })
      expect(await shop.locator('#shopify-section-cart-icon-bubble').textContent()).toBe('3')
      await addFrom(shop, 'linen-tote')
      await settle(shop)
      await shop.waitForFunction(
        () => document.getElementById('shopify-section-cart-icon-bubble')?.textContent === '4',
        null,
        WAIT,
      )
      expect(
        await shop.evaluate(() => (window as unknown as { sectionLog: string[] }).sectionLog),
      ).toEqual(['render cart-icon-bubble', 'rendered cart-icon-bubble'])
      expect(await shop.locator('.shopify-section').count()).toBe(1)
      // Section HTML is parsed apart and moved in: a script in it does not run.
      const ran = await shop.evaluate(() => {
        const tote = (
          window as unknown as { Tote: { renderSections(d: Document, s: unknown): void } }
        ).Tote
        tote.renderSections(document, {
          'cart-icon-bubble':
            '<div id="shopify-section-cart-icon-bubble" class="shopify-section">4<script>window.__ran = 1</script></div>',
        })
        return new Promise((resolve) =>
          requestAnimationFrame(() => resolve((window as { __ran?: number }).__ran ?? null)),
        )
      })
      expect(ran).toBeNull()
      await closeDrawer(shop)
      await seenEvents(shop)
    })

    it('lowers a quantity to the stock the theme reports, with one notice and a warning on the event', async () => {
      // The mug has 2 in stock: the third unit is refused by the theme with a 422.
      for (let click = 0; click < 3; click++) {
        await addFrom(shop, 'speckled-mug')
        await settle(shop)
      }
      expect(await themeCart()).toEqual([
        ['101', 4],
        ['102', 2],
      ])
      expect(await countOf(shop)).toBe('6')
      const notice = shop.locator('tote-notices [data-code="insufficient_stock"]')
      await notice.waitFor(WAIT)
      expect(await notice.textContent()).toMatch(/Speckled mug/)
      // The line shows it too, and its "+" stops at the stock the cart knows.
      const row = shop.locator('tote-cart-lines [data-line-key]', { hasText: 'Speckled mug' })
      expect(await row.getAttribute('notice')).toBe('')
      expect(await row.locator('[data-tote-field="notice"]').textContent()).toMatch(/Speckled mug/)
      await shop.waitForFunction(
        () =>
          (window as unknown as { standardApp: { seen: unknown[] } }).standardApp.seen.length >= 3,
        null,
        WAIT,
      )
      const last = (await seenEvents(shop)).at(-1)
      expect(last?.outcome?.warnings?.map((warning) => warning.code)).toEqual([
        'MERCHANDISE_NOT_ENOUGH_STOCK',
      ])
      await closeDrawer(shop)
    })

    it('merges a notice raised again instead of stacking it', async () => {
      await addFrom(shop, 'speckled-mug')
      await settle(shop)
      const raised = await shop.evaluate(
        () =>
          document
            .querySelector<CartRoot>('tote-cart')!
            .cart!.$notices.get()
            .filter((notice) => notice.code === 'insufficient_stock').length,
      )
      expect(raised).toBeGreaterThan(1)
      expect(await shop.locator('tote-notices [data-code="insufficient_stock"]').count()).toBe(1)
      await closeDrawer(shop)
      await seenEvents(shop)
    })

    it('does not keep a sold-out product, and says so', async () => {
      await addFrom(shop, 'rare-print')
      await settle(shop)
      expect((await themeCart()).map(([id]) => id)).toEqual(['101', '102'])
      await shop.locator('tote-notices [data-code="out_of_stock"]').waitFor(WAIT)
      expect(await rowsOf(shop)).toEqual([
        ['Linen tote', '4'],
        ['Speckled mug', '2'],
      ])
      await shop.waitForFunction(
        () =>
          (window as unknown as { standardApp: { seen: unknown[] } }).standardApp.seen.length >= 1,
        null,
        WAIT,
      )
      expect((await seenEvents(shop))[0]?.outcome?.warnings?.map((w) => w.code)).toEqual([
        'MERCHANDISE_OUT_OF_STOCK',
      ])
      await closeDrawer(shop)
    })

    it('opens the drawer from the header, keeps focus inside, closes on Escape and gives focus back', async () => {
      const link = shop.locator('a.cart-link')
      await link.focus()
      await link.click()
      await shop.waitForSelector('tote-cart-drawer[open] dialog[open]', WAIT)
      for (let press = 0; press < 25; press++) await shop.keyboard.press('Tab')
      expect(
        await shop.evaluate(() =>
          document.querySelector('dialog')!.contains(document.activeElement),
        ),
      ).toBe(true)
      await shop.keyboard.press('Escape')
      await shop.waitForSelector('tote-cart-drawer:not([open])', { state: 'attached', ...WAIT })
      expect(await shop.evaluate(() => document.activeElement?.className)).toBe('cart-link')
      // A click on the backdrop (left of the drawer) closes it too.
      await link.click()
      await shop.waitForSelector('tote-cart-drawer[open] dialog[open]', WAIT)
      await shop.mouse.click(10, 300)
      await shop.waitForSelector('tote-cart-drawer:not([open])', { state: 'attached', ...WAIT })
      // open-on-add="false": adding leaves it closed.
      await shop.evaluate(() =>
        document.querySelector('tote-cart-drawer')!.setAttribute('open-on-add', 'false'),
      )
      await addFrom(shop, 'linen-tote')
      expect(await shop.locator('tote-cart-drawer[open]').count()).toBe(0)
      await shop.evaluate(() => {
        document.querySelector('tote-cart-drawer')!.removeAttribute('open-on-add')
        // Back to the cart the next tests expect.
        const cart = document.querySelector<CartRoot>('tote-cart')!.cart!
        const tote = cart.$lines.get().find((line) => line.merchandiseId === '101')!
        cart.setQuantity(tote.key, tote.quantity - 1)
      })
      await settle(shop)
      await seenEvents(shop)
    })

    it('steps and removes lines in the drawer, capped at the stock, as cart lines-update events', async () => {
      await shop.locator('a.cart-link').click()
      const mug = shop.locator('tote-cart-lines [data-line-key]', { hasText: 'Speckled mug' })
      expect(await mug.locator('[data-tote-step="1"]').isDisabled()).toBe(true)
      expect(await mug.locator('input').getAttribute('max')).toBe('2')
      const tote = shop.locator('tote-cart-lines [data-line-key]', { hasText: 'Linen tote' })
      await tote.locator('[data-tote-step="-1"]').click()
      await mug.locator('[data-tote-action="remove"]').click()
      expect(await countOf(shop)).toBe('3')
      await settle(shop)
      expect(await themeCart()).toEqual([['101', 3]])
      await shop.waitForFunction(
        () =>
          (window as unknown as { standardApp: { seen: unknown[] } }).standardApp.seen.length >= 2,
        null,
        WAIT,
      )
      const seen = await seenEvents(shop)
      expect(seen.map(({ action, context, target }) => [action, context, target])).toEqual([
        ['update', 'cart', 'tote-quantity'],
        ['remove', 'cart', 'tote-cart-drawer'],
      ])
      expect(seen[0]?.lines).toEqual([{ id: expect.any(String), quantity: 3 }])
      expect(seen[1]?.lines).toEqual([{ id: expect.any(String), quantity: 0 }])
      await closeDrawer(shop)
    })

    it('shows totals in the cart locale, marked estimated while a change is pending', async () => {
      const totals = shop.locator('tote-cart-totals')
      expect(await totals.locator('[data-tote-field="subtotal"]').textContent()).toBe('€87.00')
      const during = await shop.evaluate(() => {
        document.querySelector<HTMLFormElement>('[data-product="linen-tote"] form')!.requestSubmit()
        const element = document.querySelector('tote-cart-totals')!
        return [
          element.hasAttribute('estimated'),
          element.querySelector<HTMLElement>('[data-tote-estimated]')!.hidden,
        ]
      })
      expect(during).toEqual([true, false])
      await settle(shop)
      expect(await totals.getAttribute('estimated')).toBeNull()
      expect(await totals.locator('[data-tote-estimated]').isHidden()).toBe(true)
      expect(await totals.locator('[data-tote-field="total"]').textContent()).toBe('€116.00')
      // Tote.formatMoney speaks the cart's locale too: French amounts on a French cart.
      const formatted = await shop.evaluate(() => {
        const tote = (window as unknown as { Tote: { formatMoney(m: unknown): string } }).Tote
        const root = document.querySelector('tote-cart')!
        const amount = { amount: 2900, currency: 'EUR' }
        const english = tote.formatMoney(amount)
        root.setAttribute('locale', 'fr')
        const french = tote.formatMoney(amount)
        root.setAttribute('locale', 'en')
        return [english, french]
      })
      expect(formatted[0]).toBe('€29.00')
      expect(formatted[1]).toMatch(/^29,00\s€$/u)
      await closeDrawer(shop)
      await seenEvents(shop)
    })

    it('posts every field of a product form: selling plan and line item properties', async () => {
      const before = theme.bodies.length
      await shop.locator('#subscribe input[name="selling_plan"][value="7001"]').check()
      await shop.locator('#subscribe input[name="properties[Gift message]"]').fill('For Ada')
      await shop.locator('#subscribe button[type="submit"]').click()
      await settle(shop)
      const added = theme.bodies
        .slice(before)
        .flatMap((posted) => (posted.items as Record<string, unknown>[] | undefined) ?? [])
      expect(added).toContainEqual(
        expect.objectContaining({
          id: 105,
          quantity: 1,
          selling_plan: 7001,
          properties: { 'Gift message': 'For Ada' },
        }),
      )
      await closeDrawer(shop)
      await seenEvents(shop)
    })

    it('lets an app add through Shopify.actions.updateCart, through the engine, with the events once', async () => {
      const count = Number(await countOf(shop))
      const result = await shop.evaluate(() =>
        (
          window as unknown as {
            standardApp: {
              add(id: string, quantity: number): Promise<{ cart: { totalQuantity: number } }>
            }
          }
        ).standardApp.add('gid://shopify/ProductVariant/103', 2),
      )
      expect(result.cart.totalQuantity).toBe(count + 2)
      expect(await countOf(shop)).toBe(String(count + 2))
      expect((await themeCart()).find(([id]) => id === '103')).toEqual(['103', 2])
      const seen = await seenEvents(shop)
      // The actions script dispatched the event, from the drawer; Tote did not add its own.
      expect(seen.filter((event) => event.type === 'shopify:cart:lines-update')).toEqual([
        expect.objectContaining({
          action: 'add',
          context: 'standard-action',
          target: 'tote-cart-drawer',
          outcome: expect.objectContaining({ resolved: true, totalQuantity: count + 2 }),
        }),
      ])
    })

    it('sends an app call and a shopper click made together in the same writes, nothing lost', async () => {
      const count = Number(await countOf(shop))
      await shop.evaluate(() => {
        document.querySelector<HTMLFormElement>('[data-product="linen-tote"] form')!.requestSubmit()
        void (
          window as unknown as {
            standardApp: { add(id: string, quantity: number): Promise<unknown> }
          }
        ).standardApp.add('103', 1)
      })
      await shop.waitForFunction(
        (expected) => document.querySelector('tote-cart-count')?.textContent === expected,
        String(count + 2),
        WAIT,
      )
      await settle(shop)
      const cart = await themeCart()
      expect(cart.find(([id]) => id === '103')).toEqual(['103', 3])
      expect(cart.reduce((sum, [, quantity]) => sum + quantity, 0)).toBe(count + 2)
      await closeDrawer(shop)
      await seenEvents(shop)
    })

    it("opens Tote's drawer for Shopify.actions.openCart, and getCart reads the same cart", async () => {
      await shop.evaluate(() =>
        (
          window as unknown as { standardApp: { openCart(): Promise<void> } }
        ).standardApp.openCart(),
      )
      await shop.waitForSelector('tote-cart-drawer[open] dialog[open]', WAIT)
      const { cart } = await shop.evaluate(() =>
        (
          window as unknown as {
            standardApp: { getCart(): Promise<{ cart: { totalQuantity: number } }> }
          }
        ).standardApp.getCart(),
      )
      expect(String(cart.totalQuantity)).toBe(await countOf(shop))
      await closeDrawer(shop)
    })

    it('picks up a change another app made through the AJAX API and announced, and one seen on focus', async () => {
      const count = Number(await countOf(shop))
      await shop.evaluate(() =>
        (
          window as unknown as {
            standardApp: { addDirectly(id: number, q: number): Promise<void> }
          }
        ).standardApp.addDirectly(103, 1),
      )
      await shop.waitForFunction(
        (expected) => document.querySelector('tote-cart-count')?.textContent === expected,
        String(count + 1),
        WAIT,
      )
      // An app that says nothing: Tote sees it when the shopper comes back to the window.
      await shop.evaluate(async () => {
        await fetch('/cart/add.js', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ items: [{ id: 103, quantity: 1 }] }),
        })
        window.dispatchEvent(new Event('focus'))
      })
      await shop.waitForFunction(
        (expected) => document.querySelector('tote-cart-count')?.textContent === expected,
        String(count + 2),
        WAIT,
      )
      await seenEvents(shop)
    })

    it('rejects the promise of a change whose request fails, with a shopify:cart:error, and still sends it', async () => {
      // The next request, the write of this add, fails; the retry after it goes through.
      theme.fail({ status: 503 })
      const count = Number(await countOf(shop))
      await addFrom(shop, 'linen-tote')
      await shop.waitForFunction(
        () =>
          (
            window as unknown as { standardApp: { seen: { type: string }[] } }
          ).standardApp.seen.some((event) => event.type === 'shopify:cart:error'),
        null,
        WAIT,
      )
      const seen = await seenEvents(shop)
      expect(seen.find((event) => event.type === 'shopify:cart:error')).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        target: 'tote-add-to-cart',
      })
      expect(
        seen.find((event) => event.type === 'shopify:cart:lines-update')?.outcome,
      ).toMatchObject({
        resolved: false,
      })
      await settle(shop)
      expect(await countOf(shop)).toBe(String(count + 1))
      await closeDrawer(shop)
    })

    it('announces a note and a discount code changed in the drawer, with the code the cart refused', async () => {
      await shop.locator('a.cart-link').click()
      await shop.locator('tote-cart-note textarea').fill('Gift wrap, please')
      await shop.locator('tote-cart-note textarea').blur()
      await shop.locator('tote-discount-form input[name="discount"]').fill('NOPE')
      await shop.locator('tote-discount-form button[type="submit"]').click()
      await settle(shop)
      await shop.waitForFunction(
        () =>
          (window as unknown as { standardApp: { seen: unknown[] } }).standardApp.seen.length >= 2,
        null,
        WAIT,
      )
      const seen = await seenEvents(shop)
      expect(seen.find((event) => event.type === 'shopify:cart:note-update')).toMatchObject({
        note: 'Gift wrap, please',
        context: 'cart',
        target: 'tote-cart-note',
        outcome: { resolved: true },
      })
      const discount = seen.find((event) => event.type === 'shopify:cart:discount-update')
      expect(discount).toMatchObject({
        discountCodes: [{ code: 'NOPE' }],
        target: 'tote-discount-form',
        outcome: { resolved: true },
      })
      expect(discount?.outcome?.warnings?.map((warning) => warning.code)).toEqual([
        'DISCOUNT_NOT_FOUND',
      ])
      await shop.locator('tote-notices [data-code="discount_rejected"]').waitFor(WAIT)
      await closeDrawer(shop)
    })

    it('leaves the page with the drawer open free of accessibility violations', async () => {
      await shop.locator('a.cart-link').click()
      await shop.waitForSelector('tote-cart-drawer[open] dialog[open]', WAIT)
      const found = await accessibilityViolations(shop, 'body')
      // The check must have seen the rendered cart: lines, steppers, totals and a notice.
      expect(
        await shop.locator('tote-cart-lines [data-line-key] tote-quantity').count(),
      ).toBeGreaterThan(1)
      expect(await shop.locator('tote-notices [data-notice-id]').count()).toBeGreaterThan(0)
      expect(found).toEqual([])
      await closeDrawer(shop)
    })

    it('on the theme build, configures the actions before the engine loads; an early updateCart waits for it', async () => {
      let release = () => {}
      engineHeld = new Promise((resolve) => {
        release = resolve
      })
      engineRequested = false
      const before = (await themeCart()).reduce((sum, [, quantity]) => sum + quantity, 0)
      const page = await newTab()
      try {
        await page.goto(`${origin}/theme-build`, { waitUntil: 'domcontentloaded' })
        await page.waitForFunction(
          () =>
            (
              window as unknown as { standardApp?: { configured(): { updateCart: boolean } } }
            ).standardApp?.configured().updateCart === true,
          null,
          WAIT,
        )
        // Configured by the eager part: the engine has not arrived.
        expect(
          await page.evaluate(
            () => typeof (window as unknown as { Tote: { createCart?: unknown } }).Tote.createCart,
          ),
        ).toBe('undefined')
        const call = page.evaluate(() =>
          (
            window as unknown as {
              standardApp: {
                add(id: string, q: number): Promise<{ cart: { totalQuantity: number } }>
              }
            }
          ).standardApp
            .add('gid://shopify/ProductVariant/103', 1)
            .then((result) => result.cart.totalQuantity),
        )
        // The call asked for the engine at once; it answers once the engine is here.
        await expect.poll(() => engineRequested, WAIT).toBe(true)
        release()
        expect(await call).toBe(before + 1)
        expect(await page.locator('tote-cart-count').textContent()).toBe(String(before + 1))
        expect((await themeCart()).reduce((sum, [, quantity]) => sum + quantity, 0)).toBe(
          before + 1,
        )
      } finally {
        release()
        engineHeld = null
        await page.close()
      }
    })

    it('shows the same cart after a reload, from the theme cookie', async () => {
      const count = await countOf(shop)
      const rows = await rowsOf(shop)
      await shop.reload()
      await shop.waitForFunction(
        (expected) => document.querySelector('tote-cart-count')?.textContent === expected,
        count,
        WAIT,
      )
      expect(await rowsOf(shop)).toEqual(rows)
    })
  },
)
