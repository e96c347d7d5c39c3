// @vitest-environment node
import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningShop, startShop } from '../../examples/shop/src/shop.ts'
import { accessibilityViolations, HAS_CHROMIUM, launchChromium } from '../support/chromium.ts'

// The demo shop (`pnpm demo`, examples/shop) in a real Chromium: a shopper fills a cart, gives
// their email and leaves; the merchant changes a stock and a price and fast-forwards the
// server's clock; the recovery email's link brings the cart back with a notice for each
// change; the shopper orders; the merchant pages show it all.
//
// Screenshots go to a temporary folder; with TOTE_UPDATE_SCREENSHOTS=1 they replace the ones
// in docs/screenshots/.

const WAIT = { timeout: 15_000 }
const EMAIL = 'ada@example.com'
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

let shop: RunningShop
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext
let page: Page
let merchant: Page
let screenshots: string
const pageErrors: string[] = []
/** Set while a step expects the server to refuse a form (its 400 is not an error then). */
let refusalExpected = false

/** Opens a tab that records script errors and refused resources (CSP) as failures. */
async function openTab(): Promise<Page> {
  const tab = await context.newPage()
  await tab.setViewportSize({ width: 1280, height: 860 })
  tab.on('pageerror', (error) => pageErrors.push(error.message))
  tab.on('console', (message) => {
    if (message.type() !== 'error') return
    if (refusalExpected && message.text().includes('status of 400')) return
    pageErrors.push(message.text())
  })
  return tab
}

async function shot(tab: Page, name: string, fullPage = false): Promise<void> {
  await tab.screenshot({ path: join(screenshots, `${name}.png`), fullPage })
}

/** Goes to a storefront page and waits until the bundle rendered it. */
async function visit(tab: Page, path: string): Promise<void> {
  await tab.goto(`${shop.url}${path}`)
  await tab.waitForSelector('body[data-ready]', WAIT)
}

/** The merchant API, as a script would call it. */
async function merchantApi<T>(path: string): Promise<T> {
  const response = await fetch(`${shop.url}${path}`, {
    headers: { authorization: `Bearer ${shop.server.merchantToken}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe.skipIf(!HAS_CHROMIUM)('the demo shop in Chromium', () => {
  beforeAll(async () => {
    screenshots = process.env.TOTE_UPDATE_SCREENSHOTS
      ? SCREENSHOTS
      : await mkdtemp(join(tmpdir(), 'tote-screenshots-'))
    await mkdir(screenshots, { recursive: true })
    shop = await startShop({ port: 0 })
    browser = await launchChromium()
    context = browser.context
    page = await openTab()
    merchant = await openTab()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await shop?.stop()
  })

  it('lists the products with their pictures, prices and stock', async () => {
    await visit(page, '/')
    const cards = page.locator('.product-card')
    await expect.poll(() => cards.count()).toBe(6)
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLImageElement>('.product-card img')].every(
            (image) => image.complete && image.naturalWidth > 0,
          ),
        ),
      )
      .toBe(true)
    const mug = page.locator('[data-product="enamel-mug"]')
    expect(await mug.locator('.price').textContent()).toBe('€14.50')
    expect(await mug.locator('.badge').textContent()).toBe('Only 3 left')
    expect(await page.locator('[data-product="soy-candle"] .badge').textContent()).toBe('Sold out')
    expect(await accessibilityViolations(page, 'body')).toEqual([])
    await shot(page, 'shop', true)
  })

  it('adds to the cart from a product page; the drawer shows the lines and totals', async () => {
    await visit(page, '/products/enamel-mug')
    await page.fill('.buy input[type="number"]', '2')
    await shot(page, 'product')
    await page.click('button.add')
    const drawer = page.locator('#cart-drawer')
    await drawer.waitFor({ state: 'visible', ...WAIT })
    await page.click('#cart-drawer .close')

    await visit(page, '/')
    await page.click('button[data-add="dot-notebook-a5"]')
    // What the shopper types comes back as text, never as markup.
    const hostile = '<img src=x onerror="window.__pwned=1">'
    await page.fill('input[name="discount"]', hostile)
    await page.click('form.discount button')
    const refused = drawer.locator('.code.is-invalid')
    await refused.waitFor(WAIT)
    expect(await refused.textContent()).toContain(`${hostile} is not a valid code`)
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    await refused.locator('button').click()
    await page.fill('input[name="discount"]', 'TOTE10')
    await page.click('form.discount button')

    const lines = drawer.locator('li.line')
    await expect.poll(() => lines.count()).toBe(2)
    expect(await lines.nth(0).locator('.line-title').textContent()).toBe('Enamel mug')
    expect(await lines.nth(0).locator('input').inputValue()).toBe('2')
    await expect
      .poll(() => drawer.locator('[data-code="TOTE10"]').textContent())
      .toContain('applied')
    await expect
      .poll(() => drawer.locator('[data-total]').getAttribute('class'), WAIT)
      .not.toContain('is-estimated')
    // €29.00 + €9.90, 10 % off.
    expect(await drawer.locator('[data-subtotal]').textContent()).toBe('€38.90')
    expect(await drawer.locator('[data-discount]').textContent()).toBe('−€3.89')
    expect(await drawer.locator('[data-total]').textContent()).toBe('€35.01')
    expect(await page.locator('.cart-count').textContent()).toBe('3')
  })

  it('captures the checkout email (docs/domain.md R3)', async () => {
    await page.fill('#checkout-email', EMAIL)
    await page.locator('#checkout-email').blur()
    await page.waitForSelector('[data-email-status][data-state="saved"]', WAIT)
    expect(await accessibilityViolations(page, '#cart-drawer')).toEqual([])
    await shot(page, 'drawer')
    const { carts } = await merchantApi<{ carts: { email: string }[] }>(
      '/v1/merchant/carts?state=checkout',
    )
    expect(carts.map((cart) => cart.email)).toEqual([EMAIL])
  })

  it('lets the merchant change a stock and a price on the products page', async () => {
    await merchant.goto(shop.merchantLoginUrl)
    await merchant.waitForURL(`${shop.url}/merchant`, WAIT)
    await merchant.goto(`${shop.url}/merchant/products`)
    await merchant.fill('#variant-enamel-mug-white-stock', '1')
    await merchant.click('#variant-enamel-mug-white button')
    await merchant.waitForSelector('.flash', WAIT)
    await merchant.fill('#variant-dot-notebook-a5-price', '12.90')
    await merchant.click('#variant-dot-notebook-a5 button')
    await merchant.waitForURL(/saved=dot-notebook-a5/, WAIT)
    expect(await merchant.inputValue('#variant-dot-notebook-a5-price')).toBe('12.90')
    expect(await merchant.inputValue('#variant-enamel-mug-white-stock')).toBe('1')
  })

  it('fast-forwards the clock: the recovery email is in the outbox', async () => {
    await merchant.goto(`${shop.url}/merchant/dev`)
    expect(await merchant.locator('.empty').textContent()).toContain('No emails yet')
    await merchant.click('button[name="minutes"][value="20"]')
    await merchant.waitForSelector('.flash', WAIT)
    expect(await merchant.locator('.flash').textContent()).toBe(
      'The clock moved 20 minutes ahead; the sweep sent 1 email.',
    )
    const row = merchant.locator('table[data-outbox] tbody tr')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain(EMAIL)
    expect(await row.textContent()).toContain('Atelier Tote: your cart is waiting for you')
    await shot(merchant, 'merchant-dev')

    // docs/domain.md R1, R2: the cart is abandoned now, with what, when and for whom.
    await merchant.goto(`${shop.url}/merchant/carts?state=abandoned`)
    const cart = merchant.locator('table[data-carts="abandoned"] tbody tr')
    await expect.poll(() => cart.count()).toBe(1)
    expect(await cart.textContent()).toContain(EMAIL)
    expect(await cart.textContent()).toContain('2 × Enamel mug')
    expect(await cart.textContent()).toContain('sent')
    await shot(merchant, 'merchant-carts')
  })

  it('opens the recovery link: the cart is back, with a notice for each change (docs/domain.md R11, R12)', async () => {
    await merchant.goto(`${shop.url}/merchant/dev`)
    const href = await merchant.locator('a[data-recovery-link]').first().getAttribute('href')
    expect(href).toMatch(new RegExp(`^${shop.url}/recover\\?token=tote1\\.`))

    // The shopper clicks the link in their email: the same browser, the shop's own page.
    await page.goto(href!)
    await page.waitForSelector('main.recover-page[data-state="recovered"]', WAIT)
    const notices = page.locator('main [data-notices] li')
    await expect.poll(() => notices.count()).toBe(2)
    expect(await notices.evaluateAll((items) => items.map((item) => item.dataset.code))).toEqual(
      expect.arrayContaining(['insufficient_stock', 'price_changed']),
    )
    expect(await page.locator('main [data-notices]').textContent()).toContain('€12.90')
    // The token leaves the address bar once used.
    expect(new URL(page.url()).search).toBe('')

    const lines = page.locator('main .summary-line')
    await expect.poll(() => lines.count()).toBe(2)
    expect(await page.locator('main .summary').textContent()).toContain('Enamel mug')
    await expect.poll(() => page.locator('.cart-count').textContent(), WAIT).toBe('2') // 1 mug left in stock, 1 notebook
    await shot(page, 'recovery')
  })

  it('checks out: the order is placed and counted as recovered (docs/domain.md R10, R17)', async () => {
    await page.click('[data-continue]')
    await page.waitForURL(/\/checkout\/cart_/, WAIT)
    await page.waitForSelector('body[data-ready]', WAIT)
    expect(await page.inputValue('#contact-email')).toBe(EMAIL)
    await page.click('[data-place-order]')
    const placed = page.locator('[data-order-id]')
    await placed.waitFor(WAIT)
    expect(await placed.getAttribute('data-order-id')).toMatch(/^order_/)
    await shot(page, 'checkout')

    const { stats } = await merchantApi<{ stats: { recovered: number; emailsSent: number } }>(
      '/v1/merchant/abandonment/stats',
    )
    expect(stats).toMatchObject({ recovered: 1, emailsSent: 1 })
  })

  it('shows the statistics with charts over time', async () => {
    await merchant.goto(`${shop.url}/merchant`)
    expect(await merchant.locator('svg.chart').count()).toBe(3)
    const cards = await merchant.locator('.card').allTextContents()
    expect(cards).toContain('Carts recovered1')
    expect(cards).toContain('Recovery emails sent1')
    // Today's bar of the recovered value carries the order's total: (€12.90 + €14.50) − 10 %.
    const bars = await merchant.locator('svg.chart').nth(2).locator('title').allTextContents()
    expect(bars.at(-1)).toMatch(/: €24\.66$/)
    expect(await accessibilityViolations(merchant, 'body')).toEqual([])
    await shot(merchant, 'merchant-overview', true)
  })

  it('saves the settings (docs/domain.md R5)', async () => {
    await merchant.goto(`${shop.url}/merchant/settings`)
    await merchant.fill('#delay-amount', '2')
    await merchant.selectOption('select[name="delayUnit"]', 'hours')
    await merchant.click('form.settings button[type="submit"]')
    await merchant.waitForSelector('.flash', WAIT)
    expect(await merchant.locator('.flash').textContent()).toBe('Settings saved.')
    expect((await shop.server.merchant.settings()).delayMinutes).toBe(120)
    expect(await merchant.inputValue('#delay-amount')).toBe('2')
    await shot(merchant, 'merchant-settings')

    // A delay below 20 minutes is refused with the reason.
    refusalExpected = true
    await merchant.fill('#delay-amount', '5')
    await merchant.selectOption('select[name="delayUnit"]', 'minutes')
    await merchant.click('form.settings button[type="submit"]')
    await merchant.waitForSelector('.flash.error', WAIT)
    refusalExpected = false
    expect(await merchant.locator('.flash.error').textContent()).toContain('delayMinutes')
    expect((await shop.server.merchant.settings()).delayMinutes).toBe(120)
  })

  it("previews the email with the merchant's own text (docs/domain.md R9)", async () => {
    await merchant.goto(`${shop.url}/merchant/email`)
    await merchant.fill('#message', 'We kept your things aside <3')
    await merchant.click('form.settings button[type="submit"]')
    await merchant.waitForSelector('.flash', WAIT)
    const frame = merchant.frameLocator('iframe.email')
    await expect
      .poll(() => frame.locator('body').textContent(), WAIT)
      .toContain('We kept your things aside <3')
    await shot(merchant, 'merchant-email')
  })

  it('ran without a script error or a refused resource', () => {
    expect(pageErrors).toEqual([])
  })
})
