// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { join } from 'node:path'
import type { Cart } from '@tote/core'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeTheme,
  startFakeTheme,
} from '../../packages/adapter-shopify-ajax/src/test/fake-theme.ts'
import { backend, catalogue } from '../../packages/adapter-shopify-ajax/src/test/fixtures.ts'
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
// cookie) behind a small front server that also serves the page and the script.

const WAIT = { timeout: 10_000 }
type CartRoot = HTMLElement & { cart: Cart | null }

let theme: FakeTheme
let front: Server
let origin: string
let bundle: string
let browser: Awaited<ReturnType<typeof launchChromium>>
let shop: Page
/** Plain form posts to the theme (`/cart/add` without `.js`): what happens without script. */
const plainPosts: string[] = []
const pageErrors: string[] = []

async function body(request: IncomingMessage): Promise<string | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Serves the page and the script, and passes every other request to the theme's cart. */
function createFront(): Server {
  return createServer(async (request, response) => {
    const url = request.url ?? '/'
    const path = new URL(url, 'http://localhost').pathname
    if (path === '/') {
      const html = await readFile(join(THEME_PAGES, 'shopify.html'), 'utf8')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
      return
    }
    if (path === '/tote.global.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle)
      return
    }
    if (request.method !== 'GET' && !path.endsWith('.js'))
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

async function openShop(): Promise<Page> {
  const page = await browser.context.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
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

describe.skipIf(!HAS_CHROMIUM)(
  'a Shopify theme with the one-script build in Chromium (needs /usr/bin/chromium)',
  () => {
    beforeAll(async () => {
      bundle = await buildOneScript()
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
      // Every test also fails on a script error, or on a form that posted without script.
      expect(pageErrors).toEqual([])
      expect(plainPosts).toEqual([])
    })

    it('adds at once on rapid clicks, and the theme cart gets one line per product', async () => {
      const counts = await shop.evaluate(() => {
        const button = (product: string) =>
          document.querySelector<HTMLButtonElement>(`[data-product="${product}"] button`)!
        const count = document.querySelector('tote-cart-count')!
        const seen: string[] = []
        for (let round = 0; round < 3; round++) {
          button('linen-tote').click()
          seen.push(count.textContent!)
        }
        return seen
      })
      expect(counts).toEqual(['1', '2', '3'])
      await settle(shop)
      expect(await themeCart()).toEqual([['101', 3]])
      // Three clicks in one task are one write to the theme, not three.
      expect(theme.requests.filter((request) => request.startsWith('POST')).length).toBe(1)
      await shop.waitForSelector('tote-cart-lines [data-line-key][pending]', {
        state: 'detached',
        ...WAIT,
      })
      expect(await rowsOf(shop)).toEqual([['Linen tote', '3']])
    })

    it('lowers a quantity to the stock the theme reports, with a notice', async () => {
      // The mug has 2 in stock: the third unit is refused by the theme with a 422.
      for (let click = 0; click < 3; click++) {
        await shop.locator('[data-product="speckled-mug"] button').click()
      }
      await settle(shop)
      expect(await themeCart()).toEqual([
        ['101', 3],
        ['102', 2],
      ])
      expect(await countOf(shop)).toBe('5')
      const notice = shop.locator('tote-notices [data-code="insufficient_stock"]')
      await notice.waitFor(WAIT)
      expect(await notice.textContent()).toMatch(/Speckled mug/)
    })

    it('does not keep a sold-out product, and says so', async () => {
      await shop.locator('[data-product="rare-print"] button').click()
      await settle(shop)
      expect((await themeCart()).map(([id]) => id)).toEqual(['101', '102'])
      await shop.locator('tote-notices [data-code="out_of_stock"]').waitFor(WAIT)
      expect(await rowsOf(shop)).toEqual([
        ['Linen tote', '3'],
        ['Speckled mug', '2'],
      ])
    })

    it('steps and removes lines through the theme cart', async () => {
      await shop.locator('[data-line-key] [data-tote-step="-1"]').first().click()
      await shop
        .locator('[data-line-key]', { hasText: 'Speckled mug' })
        .locator('[data-tote-action="remove"]')
        .click()
      expect(await countOf(shop)).toBe('2')
      await settle(shop)
      expect(await themeCart()).toEqual([['101', 2]])
    })

    it('leaves the page with lines, steppers and notices free of accessibility violations', async () => {
      const violations = await accessibilityViolations(shop, 'tote-cart')
      // The check must have seen the rendered cart: a line, its stepper and a notice.
      expect(await shop.locator('tote-cart-lines [data-line-key] tote-quantity').count()).toBe(1)
      expect(await shop.locator('tote-notices [data-notice-id]').count()).toBeGreaterThan(0)
      expect(violations).toEqual([])
    })

    it('shows the same cart after a reload, from the theme cookie', async () => {
      await shop.reload()
      await shop.waitForFunction(
        () => document.querySelector('tote-cart-count')?.textContent === '2',
        null,
        WAIT,
      )
      expect(await rowsOf(shop)).toEqual([['Linen tote', '2']])
    })
  },
)
