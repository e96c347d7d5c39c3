// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Cart } from '@tote/core'
import {
  createEmbeddedStorage,
  createManualClock,
  createToteServer,
  DEMO_CATALOGUE,
  type SeedProduct,
  type Storage,
  type ToteServer,
} from '@tote/server'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  accessibilityViolations,
  buildOneScript,
  close,
  HAS_CHROMIUM,
  launchChromium,
  listen,
  THEME_PAGES,
} from '../support/chromium.ts'

// The example theme (examples/theme) in a real Chromium: the one-script build bundled on the
// fly from source, the page on one 127.0.0.1 port, @tote/server (in-memory PGlite) on
// another, so every cart request is a CORS request as on a real storefront.

/** The endpoint the example pages name; the static server swaps in the test server's URL. */
const EXAMPLE_ENDPOINT = 'http://127.0.0.1:8787'
const WAIT = { timeout: 10_000 }
const DAY = 24 * 60 * 60_000

type CartRoot = HTMLElement & { cart: Cart | null }

/** Markup in a product's title: a theme must show it as text, never run it. */
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Mug'
const HOSTILE_VARIANT = '<script>window.__pwned=2</script>White'
/** What a misbehaving backend could send as the picture; @tote/server refuses to seed it. */
const HOSTILE_IMAGE = 'javascript:window.__pwned=3'
/** A product of the shop's catalogue whose texts are markup, seeded next to the demo ones. */
const HOSTILE_PRODUCT: SeedProduct = {
  id: 'hostile-mug',
  title: HOSTILE_TITLE,
  description: 'A mug whose title is markup.',
  variants: [
    { id: 'hostile-mug-white', title: HOSTILE_VARIANT, options: [], price: 1200, stock: 10 },
  ],
}

let storage: Storage
/** The server's clock: today, until a test moves it on. */
const clock = createManualClock(Date.now())
let server: ToteServer
let api: string
let site: Server
let origin: string
let bundle: string
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext
let shop: Page
/** Requests the theme's own backend received: a form that posted without script. */
const plainPosts: string[] = []
const pageErrors: string[] = []
/** What the browser reported breaking the Content-Security-Policy or Trusted Types. */
const violations: string[] = []

/**
 * The pages' Content-Security-Policy: scripts and styles only from the page's origin (nothing
 * inline), requests and pictures from it and the Tote server, Trusted Types required.
 */
const csp = () =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' ${api}; connect-src 'self' ${api}; require-trusted-types-for 'script'`

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
}

/** Serves the example pages (pointed at the test server), their assets and the bundle. */
function createThemeServer(): Server {
  const pages: Record<string, string> = { '/': 'index.html', '/recover.html': 'recover.html' }
  return createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method !== 'GET') {
      plainPosts.push(`${request.method} ${path}`)
      response.writeHead(405).end()
      return
    }
    if (path === '/tote.global.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle)
      return
    }
    if (/^\/assets\/[\w-]+\.(css|svg|js)$/.test(path)) {
      const type = TYPES[path.slice(path.lastIndexOf('.'))] as string
      response.writeHead(200, { 'content-type': type }).end(await readFile(join(THEME_PAGES, path)))
      return
    }
    const file = pages[path]
    if (!file) {
      response.writeHead(404).end()
      return
    }
    const html = (await readFile(join(THEME_PAGES, file), 'utf8')).replaceAll(EXAMPLE_ENDPOINT, api)
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp(),
      })
      .end(html)
  })
}

/** Opens `url` in a new tab and waits until its `<tote-cart>` has a cart. */
async function openTab(url: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`))
  page.on('console', (message) => {
    const text = message.text()
    // zod checks once whether the page allows eval (it does not) and works without it.
    if (/Content Security Policy|Trusted Type/i.test(text) && !/unsafe-eval/.test(text))
      violations.push(`${url}: ${text}`)
  })
  await page.goto(url)
  await page.waitForFunction(
    () => document.querySelector<CartRoot>('tote-cart')?.cart != null,
    null,
    WAIT,
  )
  return page
}

/** Waits until the page's cart has sent everything and returns its id. */
async function settledCartId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const cart = document.querySelector<CartRoot>('tote-cart')!.cart!
    await cart.settled()
    return cart.$cart.get().id!
  })
}

async function serverCart(cartId: string) {
  const response = await fetch(`${api}/v1/carts/${cartId}`)
  expect(response.status).toBe(200)
  const { cart } = (await response.json()) as {
    cart: {
      email: string | null
      note: string
      discountCodes: { code: string }[]
      lines: { key: string; quantity: number }[]
    }
  }
  return {
    email: cart.email,
    note: cart.note,
    codes: cart.discountCodes.map((entry) => entry.code),
    lines: cart.lines.map((line) => [line.key, line.quantity]),
  }
}

/** Opens the cart drawer from the header's cart link, unless it is open. */
async function openDrawer(page: Page): Promise<void> {
  if ((await page.locator('tote-cart-drawer[open]').count()) === 0)
    await page.locator('a.cart-link').click()
  await page.waitForSelector('tote-cart-drawer[open] dialog[open]', WAIT)
}

/** Closes the cart drawer with Escape, if it is open. */
async function closeDrawer(page: Page): Promise<void> {
  if (await page.locator('tote-cart-drawer[open]').count()) await page.keyboard.press('Escape')
  await page.waitForSelector('tote-cart-drawer:not([open])', { state: 'attached', ...WAIT })
}

const countOf = (page: Page) => page.locator('tote-cart-count').first().textContent()
const lineKeysOf = (page: Page) =>
  page
    .locator('tote-cart-lines [data-line-key]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-line-key')))

describe.skipIf(!HAS_CHROMIUM)('the example theme in Chromium (needs /usr/bin/chromium)', () => {
  beforeAll(async () => {
    bundle = await buildOneScript()

    // The page's origin must be known before the server starts: it goes in the CORS allowlist.
    site = createThemeServer()
    origin = await listen(site)
    storage = await createEmbeddedStorage()
    server = await createToteServer({
      storage,
      clock,
      sweepIntervalMs: 0,
      corsOrigins: [origin],
      shop: { id: 'theme', recoveryUrl: `${origin}/recover.html` },
      catalogue: [...DEMO_CATALOGUE, HOSTILE_PRODUCT],
    })
    ;({ url: api } = await server.listen(0, '127.0.0.1'))

    browser = await launchChromium()
    context = browser.context
    shop = await openTab(`${origin}/`)
  })

  afterAll(async () => {
    await browser?.close()
    await close(site)
    await server?.close()
    await storage?.close()
  })

  afterEach(() => {
    // Every test also fails on a script error in any page or a form that posted without script.
    expect(pageErrors.splice(0)).toEqual([])
    expect(plainPosts.splice(0)).toEqual([])
    expect(violations.splice(0)).toEqual([])
  })

  it('counts rapid add-to-cart clicks at once and syncs them without duplicate lines', async () => {
    expect(await countOf(shop)).toBe('0')
    // Three rounds of one click per product within one task: the count must follow each
    // click before any response, and the sync must coalesce them into one line per product.
    const counts = await shop.evaluate(() => {
      const tote = document.querySelector<HTMLButtonElement>('[data-product="canvas-tote"] button')!
      const mug = document.querySelector<HTMLButtonElement>('[data-product="enamel-mug"] button')!
      const count = document.querySelector('tote-cart-count')!
      const seen: string[] = []
      for (let round = 0; round < 3; round++) {
        tote.click()
        seen.push(count.textContent!)
        mug.click()
        seen.push(count.textContent!)
      }
      return seen
    })
    expect(counts).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(await lineKeysOf(shop)).toEqual(['canvas-tote-natural', 'enamel-mug-white'])

    const cartId = await settledCartId(shop)
    expect(cartId).toMatch(/^cart_/)
    expect((await serverCart(cartId)).lines).toEqual([
      ['canvas-tote-natural', 3],
      ['enamel-mug-white', 3],
    ])
    // Confirmed rows lose `pending`, and show the server's title.
    await shop.waitForSelector('tote-cart-lines [data-line-key][pending]', {
      state: 'detached',
      ...WAIT,
    })
    expect(
      await shop
        .locator('[data-line-key="canvas-tote-natural"] [data-tote-field="title"]')
        .textContent(),
    ).toBe('Canvas tote bag')
    // Adding opened the cart drawer, as a modal dialog.
    expect(await shop.locator('tote-cart-drawer[open] dialog[open]').count()).toBe(1)
    await closeDrawer(shop)
  })

  it('steps a quantity up with the stepper', async () => {
    await openDrawer(shop)
    await shop.locator('[data-line-key="canvas-tote-natural"] [data-tote-step="1"]').click()
    expect(await countOf(shop)).toBe('7')
    expect(
      await shop.locator('[data-line-key="canvas-tote-natural"] tote-quantity input').inputValue(),
    ).toBe('4')
    const cartId = await settledCartId(shop)
    expect((await serverCart(cartId)).lines).toEqual([
      ['canvas-tote-natural', 4],
      ['enamel-mug-white', 3],
    ])
  })

  it('shows the totals in the cart locale, marked estimated until the server confirms', async () => {
    const totals = shop.locator('tote-cart-totals')
    expect(await totals.locator('[data-tote-field="subtotal"]').textContent()).toBe('€139.50')
    expect(await totals.locator('[data-tote-discounts]').isHidden()).toBe(true)
    const during = await shop.evaluate(() => {
      document
        .querySelector<HTMLButtonElement>(
          '[data-line-key="canvas-tote-natural"] [data-tote-step="-1"]',
        )!
        .click()
      const element = document.querySelector('tote-cart-totals')!
      return [
        element.hasAttribute('estimated'),
        element.querySelector<HTMLElement>('[data-tote-estimated]')!.hidden,
        element.querySelector('[data-tote-field="subtotal"]')!.textContent,
      ]
    })
    expect(during).toEqual([true, false, '€115.50'])
    await settledCartId(shop)
    expect(await totals.getAttribute('estimated')).toBeNull()
    expect(await totals.locator('[data-tote-estimated]').isHidden()).toBe(true)
    // Back to four totes for the tests that follow.
    await shop.locator('[data-line-key="canvas-tote-natural"] [data-tote-step="1"]').click()
    await settledCartId(shop)
    // The same amounts in French, for a French cart.
    const french = await shop.evaluate(() => {
      document.querySelector('tote-cart')!.setAttribute('locale', 'fr')
      const tote = (window as unknown as { Tote: { formatMoney(m: unknown): string } }).Tote
      const formatted = tote.formatMoney({ amount: 13950, currency: 'EUR' })
      document.querySelector('tote-cart')!.setAttribute('locale', 'en')
      return formatted
    })
    expect(french).toMatch(/^139,50\s€$/u)
  })

  it('merges a stock notice raised again, shows it on its line and stops the stepper there', async () => {
    await closeDrawer(shop)
    for (let click = 0; click < 2; click++) {
      await shop.evaluate(() =>
        document
          .querySelector<HTMLFormElement>('[data-product="enamel-mug"] form')!
          .requestSubmit(),
      )
      await settledCartId(shop)
    }
    const raised = await shop.evaluate(
      () =>
        document
          .querySelector<CartRoot>('tote-cart')!
          .cart!.$notices.get()
          .filter((notice) => notice.code === 'insufficient_stock').length,
    )
    expect(raised).toBe(2)
    const shown = shop.locator('tote-notices [data-code="insufficient_stock"]')
    expect(await shown.count()).toBe(1)
    expect(await shown.textContent()).toMatch(/Enamel mug/)
    const mug = shop.locator('[data-line-key="enamel-mug-white"]')
    expect(await mug.getAttribute('notice')).toBe('')
    expect(await mug.locator('tote-quantity input').inputValue()).toBe('3')
    expect(await mug.locator('[data-tote-step="1"]').isDisabled()).toBe(true)
    // Dismissing it dismisses its repeat too.
    await shown.locator('[data-tote-action="dismiss"]').click()
    expect(await shop.locator('tote-notices [data-code="insufficient_stock"]').count()).toBe(0)
    const cartId = await settledCartId(shop)
    expect((await serverCart(cartId)).lines).toEqual([
      ['canvas-tote-natural', 4],
      ['enamel-mug-white', 3],
    ])
  })

  it('applies a discount code and saves the cart note from the drawer', async () => {
    await openDrawer(shop)
    await shop.locator('tote-discount-form input[name="discount"]').fill('TOTE10')
    await shop.locator('tote-discount-form button[type="submit"]').click()
    await shop.locator('tote-cart-note textarea').fill('Gift wrap, please')
    await shop.locator('tote-cart-note textarea').blur()
    const cartId = await settledCartId(shop)
    const saved = await serverCart(cartId)
    expect(saved.codes).toEqual(['TOTE10'])
    expect(saved.note).toBe('Gift wrap, please')
    expect(await shop.locator('tote-discount-form [data-discount-code="TOTE10"]').count()).toBe(1)
    const totals = shop.locator('tote-cart-totals')
    await totals.locator('[data-tote-discounts]').waitFor(WAIT)
    expect(await totals.locator('[data-tote-field="discounts"]').textContent()).toBe('€13.95')
    expect(await totals.locator('[data-tote-field="total"]').textContent()).toBe('€125.55')
  })

  it('saves the email typed in the email input when it loses focus', async () => {
    await openDrawer(shop)
    // Typing and leaving the field in one task: the save comes from the blur, not from the
    // pause after typing (whose timer cannot fire in between).
    const states = await shop.evaluate(() => {
      const capture = document.querySelector('tote-email-capture')!
      const input = capture.querySelector<HTMLInputElement>('input[type="email"]')!
      input.focus()
      input.value = 'ada@example.com'
      input.dispatchEvent(new Event('input', { bubbles: true }))
      const typed = capture.getAttribute('state')
      input.blur()
      return [typed, capture.getAttribute('state')]
    })
    expect(states).toEqual(['idle', 'saving'])
    await shop.waitForSelector('tote-email-capture[state="saved"]', WAIT)
    const cartId = await settledCartId(shop)
    expect((await serverCart(cartId)).email).toBe('ada@example.com')
  })

  it('says what is wrong with an email address in the page language', async () => {
    await openDrawer(shop)
    const input = shop.locator('tote-email-capture input[type="email"]')
    await shop.evaluate(() => document.querySelector('tote-cart')!.setAttribute('locale', 'fr'))
    await input.fill('ada@')
    await input.blur()
    const error = shop.locator('tote-email-capture [data-tote-field="error"]')
    expect(await error.textContent()).toBe(
      'Saisissez votre adresse e-mail sous la forme nom@exemple.com.',
    )
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    await shop.evaluate(() => document.querySelector('tote-cart')!.setAttribute('locale', 'en'))
    // The address saved before is still the cart's; the reload that follows shows it.
    const cartId = await settledCartId(shop)
    expect((await serverCart(cartId)).email).toBe('ada@example.com')
  })

  it('keeps the cart across a reload and shows it in a second tab', async () => {
    await shop.reload()
    await shop.waitForFunction(
      () => document.querySelector('tote-cart-count')?.textContent === '7',
      null,
      WAIT,
    )
    expect(await lineKeysOf(shop)).toEqual(['canvas-tote-natural', 'enamel-mug-white'])
    expect(await shop.locator('tote-email-capture input[type="email"]').inputValue()).toBe(
      'ada@example.com',
    )

    const second = await openTab(`${origin}/`)
    await second.waitForFunction(
      () => document.querySelector('tote-cart-count')?.textContent === '7',
      null,
      WAIT,
    )
    expect(await lineKeysOf(second)).toEqual(['canvas-tote-natural', 'enamel-mug-white'])
    await second.close()
  })

  it('renders catalogue titles as text and drops a javascript: picture', async () => {
    // The theme's card for the product (a theme renders its catalogue on its own server).
    await shop.evaluate(() => {
      const card = document.createElement('li')
      card.className = 'product-card'
      card.dataset.product = 'hostile-mug'
      // Built node by node: the page requires Trusted Types, so no innerHTML here either.
      const title = document.createElement('h2')
      title.textContent = 'Mug'
      const form = document.createElement('form')
      form.action = '/cart/add'
      form.method = 'post'
      for (const [name, value] of [
        ['id', 'hostile-mug-white'],
        ['quantity', '1'],
      ]) {
        const input = document.createElement('input')
        input.type = 'hidden'
        input.name = name as string
        input.value = value as string
        form.append(input)
      }
      const button = document.createElement('button')
      button.type = 'submit'
      button.textContent = 'Add to cart'
      form.append(button)
      const add = document.createElement('tote-add-to-cart')
      add.append(form)
      card.append(title, add)
      document.querySelector('.grid')!.append(card)
    })
    // The server only serves http(s) pictures: the page is sent a javascript: one on the
    // way, as a misbehaving backend would.
    const carts = (url: URL) => url.href.startsWith(`${api}/v1/carts`)
    await shop.route(carts, async (route) => {
      const response = await route.fetch()
      let body: { cart?: { lines: { merchandise: { id: string; image: unknown } }[] } }
      try {
        body = JSON.parse(await response.text())
      } catch {
        return route.fulfill({ response })
      }
      for (const line of body.cart?.lines ?? []) {
        if (line.merchandise.id === 'hostile-mug-white')
          line.merchandise.image = { url: HOSTILE_IMAGE, alt: HOSTILE_TITLE }
      }
      return route.fulfill({ response, body: JSON.stringify(body) })
    })

    await shop.locator('[data-product="hostile-mug"] button').click()
    const row = shop.locator('tote-cart-lines [data-line-key="hostile-mug-white"]')
    await shop.waitForSelector(
      'tote-cart-lines [data-line-key="hostile-mug-white"]:not([pending])',
      WAIT,
    )
    await settledCartId(shop)
    // The hostile values did reach the page: what follows is the theme's doing.
    expect(
      await shop.evaluate(
        () =>
          document
            .querySelector<CartRoot>('tote-cart')!
            .cart!.$cart.get()
            .lines.find((line) => line.key === 'hostile-mug-white')?.merchandise?.image?.url,
      ),
    ).toBe(HOSTILE_IMAGE)

    expect(await row.locator('[data-tote-field="title"]').textContent()).toBe(HOSTILE_TITLE)
    expect(await row.locator('[data-tote-field="variant"]').textContent()).toBe(HOSTILE_VARIANT)
    expect(await shop.locator('tote-cart-lines img[src="x"]').count()).toBe(0)
    expect(await shop.locator('tote-cart-lines script').count()).toBe(0)
    const images = await row
      .locator('img')
      .evaluateAll((found) => found.map((image) => image.getAttribute('src')))
    expect(images).toEqual([null])
    expect(await shop.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()

    // Leave the cart as the next tests expect it.
    await shop.unroute(carts)
    await row.locator('[data-tote-action="remove"]').click()
    expect((await serverCart(await settledCartId(shop))).lines).toEqual([
      ['canvas-tote-natural', 4],
      ['enamel-mug-white', 3],
    ])
    await shop.evaluate(() => document.querySelector('[data-product="hostile-mug"]')!.remove())
    await closeDrawer(shop)
  })

  it('opens a recovery link without the line the merchant sold out, with a notice', async () => {
    const cartId = await settledCartId(shop)
    expect(await server.merchant.updateVariant('enamel-mug-white', { stock: 0 })).toBe(true)
    const link = server.recoveryUrl(cartId)
    expect(link.startsWith(`${origin}/recover.html?token=`)).toBe(true)

    const landing = await openTab(link)
    await landing.waitForSelector('tote-recovery:is([state="done"], [state="error"])', WAIT)
    expect(await landing.locator('tote-recovery [data-tote-field="error"]').textContent()).toBe('')
    expect(await landing.getAttribute('tote-recovery', 'state')).toBe('done')
    expect(await landing.locator('tote-recovery .notice').allTextContents()).toEqual([
      'Enamel mug – White is sold out and was removed from your cart.',
    ])
    expect(await landing.locator('[data-tote-field="removed"]').textContent()).toBe('1')
    expect(await lineKeysOf(landing)).toEqual(['canvas-tote-natural'])
    expect(await countOf(landing)).toBe('4')

    expect(await settledCartId(landing)).toBe(cartId)
    expect((await serverCart(cartId)).lines).toEqual([['canvas-tote-natural', 4]])
    // The report, its notice and the drawer, as a screen reader meets them.
    expect(await accessibilityViolations(landing, 'body')).toEqual([])
    await landing.close()
  })

  it('shows the recovered cart in the drawer of the open shop tab', async () => {
    await shop.waitForFunction(
      () => document.querySelectorAll('tote-cart-lines [data-line-key]').length === 1,
      null,
      WAIT,
    )
    expect(await lineKeysOf(shop)).toEqual(['canvas-tote-natural'])
    expect(await countOf(shop)).toBe('4')
    // Header, products, product page, and the open drawer: lines, stepper, totals with a
    // discount, discount form, note, email capture and notices.
    await openDrawer(shop)
    expect(await accessibilityViolations(shop, 'body')).toEqual([])

    const folder = await mkdtemp(join(tmpdir(), 'tote-screenshot-'))
    try {
      const file = join(folder, 'cart-drawer.png')
      await shop.locator('#cart-drawer').screenshot({ path: file })
      const png = await readFile(file)
      expect(png.length).toBeGreaterThan(1000)
      expect(png.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      )
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('starts a new cart when the server says the cart expired', async () => {
    const expiredId = await settledCartId(shop)
    clock.advance(31 * DAY) // the server's default cart lifetime is 30 days
    expect((await fetch(`${api}/v1/carts/${expiredId}`)).status).toBe(410)

    await closeDrawer(shop)
    await shop.reload()
    await shop.waitForFunction(
      () =>
        document
          .querySelector<CartRoot>('tote-cart')
          ?.cart?.$notices.get()
          .some((notice) => notice.code === 'cart_expired'),
      null,
      WAIT,
    )
    expect(await countOf(shop)).toBe('0')
    expect(await lineKeysOf(shop)).toEqual([])

    await shop.locator('[data-product="dot-notebook"] button').click()
    const cartId = await settledCartId(shop)
    expect(cartId).not.toBe(expiredId)
    expect((await serverCart(cartId)).lines).toEqual([['dot-notebook-a5', 1]])
  })
})
