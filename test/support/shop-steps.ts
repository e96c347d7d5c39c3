// The shopper's steps that the React, Vue and React Router examples share, in Chromium. The
// three render the same markup (data attributes and accessible names), so one set of steps
// drives them all; each example's test runs them in order on its own build.
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from './chromium.ts'
import {
  buildExample,
  type ServedExample,
  type ServeExampleOptions,
  serveExample,
} from './examples.ts'

export const WAIT = { timeout: 15_000 }
export const EMAIL = 'ada@example.com'

/** A tab that records script errors and console errors (React and Vue warn there). */
export async function openTab(
  context: BrowserContext,
  errors: string[],
  options: { expected?: RegExp } = {},
): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    if (options.expected?.test(message.text())) return
    errors.push(`${message.type()}: ${message.text()}`)
  })
  return page
}

const line = (page: Page, variant: string) => page.locator(`.cart li[data-line="${variant}"]`)
const quantityOf = (page: Page, variant: string) =>
  line(page, variant).locator('output.quantity').textContent()

/** Waits until the server confirmed every change (no total marked as estimated). */
async function confirmed(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.cart [data-total]').getAttribute('data-estimated'), WAIT)
    .toBe('false')
  await expect.poll(() => page.locator('.cart li[aria-busy="true"]').count(), WAIT).toBe(0)
}

/** The product list shows live prices and stock; two products go into the cart. */
export async function addToCart(page: Page): Promise<void> {
  const mug = page.locator('li[data-product="enamel-mug-white"]')
  await mug.waitFor(WAIT)
  expect(await mug.locator('.price').textContent()).toBe('€14.50')
  expect(await mug.locator('.stock').textContent()).toBe('Only 3 left')
  expect(
    await page.locator('li[data-product="soy-candle-fig"] button').getAttribute('disabled'),
  ).not.toBeNull()

  await page.getByRole('button', { name: 'Add Enamel mug to the cart' }).click()
  await page.getByRole('button', { name: 'Add Dot-grid notebook to the cart' }).click()
  await expect.poll(() => quantityOf(page, 'enamel-mug-white'), WAIT).toBe('1')
  await expect.poll(() => quantityOf(page, 'dot-notebook-a5'), WAIT).toBe('1')
  await confirmed(page)
  // €14.50 + €9.90
  await expect.poll(() => page.locator('.cart [data-subtotal]').textContent(), WAIT).toBe('€24.40')
}

/** The steppers change a line's quantity; down to zero removes it. */
export async function stepQuantities(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'One more Enamel mug' }).click()
  await page.getByRole('button', { name: 'One more Enamel mug' }).click()
  await expect.poll(() => quantityOf(page, 'enamel-mug-white'), WAIT).toBe('3')
  await page.getByRole('button', { name: 'One fewer Dot-grid notebook' }).click()
  await expect.poll(() => line(page, 'dot-notebook-a5').count(), WAIT).toBe(0)
  await confirmed(page)
  await expect.poll(() => page.locator('.cart [data-subtotal]').textContent(), WAIT).toBe('€43.50')
  expect(await page.locator('.cart-count').textContent()).toContain('3')
}

/** One more mug than the shop has: the server lowers the line and a notice says so. */
export async function stockNotice(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'One more Enamel mug' }).click()
  const notice = page.locator('.notices li[data-code="insufficient_stock"]')
  await notice.waitFor(WAIT)
  expect(await notice.textContent()).toContain('Enamel mug')
  await expect.poll(() => quantityOf(page, 'enamel-mug-white'), WAIT).toBe('3')
  expect(await page.locator('.notices li').count()).toBe(1)
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect.poll(() => page.locator('.notices li').count()).toBe(0)
}

/** A code the shop does not know is said so; TOTE10 takes 10 % off. */
export async function discountCode(page: Page): Promise<void> {
  await page.getByLabel('Discount code').fill('NOPE')
  await page.getByRole('button', { name: 'Apply' }).click()
  const refused = page.locator('.codes li[data-code="NOPE"]')
  await expect.poll(() => refused.getAttribute('data-applicable'), WAIT).toBe('false')
  await refused.getByRole('button', { name: 'Remove' }).click()
  await expect.poll(() => refused.count(), WAIT).toBe(0)
  await page.getByLabel('Discount code').fill('TOTE10')
  await page.getByRole('button', { name: 'Apply' }).click()
  const applied = page.locator('.codes li[data-code="TOTE10"]')
  await expect.poll(() => applied.getAttribute('data-applicable'), WAIT).toBe('true')
  await confirmed(page)
  // €43.50 − 10 %
  await expect.poll(() => page.locator('.cart [data-total]').textContent(), WAIT).toBe('€39.15')
  // A refused code may also raise a notice; none is left over for the next steps.
  for (const dismiss of await page.locator('.notices li button').all()) await dismiss.click()
}

/** A malformed address is refused with a message; a good one is saved on the cart. */
export async function captureEmail(page: Page, served: ServedExample): Promise<void> {
  const field = page.getByLabel('Email for your order')
  const status = page.locator('.email-status')
  await field.fill('ada@example')
  await field.press('Enter')
  await expect.poll(() => status.getAttribute('data-state'), WAIT).toBe('invalid')
  expect(await status.textContent()).toContain('valid email address')
  expect(await field.getAttribute('aria-invalid')).toBe('true')

  await field.fill(EMAIL)
  await field.press('Enter')
  await expect.poll(() => status.getAttribute('data-state'), WAIT).toBe('saved')
  expect(await status.textContent()).toContain(EMAIL)
  const response = await fetch(`${served.url}/v1/merchant/carts?state=checkout`, {
    headers: { authorization: `Bearer ${served.server.merchantToken}` },
  })
  const { carts } = (await response.json()) as { carts: { email: string }[] }
  expect(carts.map((cart) => cart.email)).toEqual([EMAIL])
}

/**
 * The merchant lowers the mug's price, the server's clock moves past the abandonment delay,
 * and the shopper opens the email's link on another device (a fresh browser profile): the cart
 * comes back with a notice for the new price, and the token leaves the address bar.
 */
export async function openRecoveryLink(served: ServedExample, errors: string[]): Promise<void> {
  expect(await served.server.merchant.updateVariant('enamel-mug-white', { price: 1290 })).toBe(true)
  const links = await served.sendRecoveryEmails()
  expect(links).toHaveLength(1)
  expect(links[0]).toMatch(new RegExp(`^${served.url}/recover\\?token=`))
  const device = await launchChromium()
  try {
    const page = await openTab(device.context, errors)
    await page.goto(links[0]!)
    await page.locator('.recover[data-status="done"]').waitFor(WAIT)
    expect(new URL(page.url()).search).toBe('')
    const notices = page.locator('.notices li')
    await expect.poll(() => notices.count(), WAIT).toBe(1)
    expect(await notices.getAttribute('data-code')).toBe('price_changed')
    expect(await notices.textContent()).toContain('€12.90')
    await expect.poll(() => quantityOf(page, 'enamel-mug-white'), WAIT).toBe('3')
    await confirmed(page)
    // 3 × €12.90, the price now
    await expect
      .poll(() => page.locator('.cart [data-subtotal]').textContent(), WAIT)
      .toBe('€38.70')
    // The server priced the cart again when recovery wrote it: 10 % off €38.70, exactly.
    expect(await page.locator('.cart [data-total]').textContent()).toBe('€34.83')
    expect(await page.locator('.codes li[data-code="TOTE10"]').count()).toBe(1)
  } finally {
    await device.close()
  }
}

/** An example under test: built, served, and a Chromium tab that records errors. */
export interface ShopUnderTest {
  served: ServedExample
  page: Page
  /** Script errors, console errors and warnings seen so far, in every tab. */
  errors: string[]
}

/** Options of {@link shopUnderTest}. */
export interface ShopUnderTestOptions {
  /** Build every environment (a server-rendered app's client and server). */
  app?: boolean
  /** How to serve the build in `dist`; the default serves it as a single-page app. */
  serve?: (dist: string) => Promise<ServeExampleOptions>
  /** Console messages that are expected (a refused link's 4xx, for instance). */
  expected?: RegExp
}

/**
 * Builds `examples/<name>` and serves it before the tests of the enclosing `describe`, with a
 * Chromium tab; stops both after them. The returned object is filled in by then.
 */
export function shopUnderTest(name: string, options: ShopUnderTestOptions = {}): ShopUnderTest {
  const shop = { errors: [] as string[] } as ShopUnderTest
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined
  beforeAll(async () => {
    const [dist, launched] = await Promise.all([
      buildExample(name, { app: options.app ?? false }),
      launchChromium(),
    ])
    browser = launched
    shop.served = await serveExample(options.serve ? await options.serve(dist) : { assets: dist })
    shop.page = await openTab(
      browser.context,
      shop.errors,
      options.expected ? { expected: options.expected } : {},
    )
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await shop.served?.stop()
  })
  return shop
}

/** The shopper's steps on the shop page, each a test: add, steppers, notice, code, email. */
export function shopperSteps(shop: ShopUnderTest): void {
  it('adds products from the list', () => addToCart(shop.page))
  it('steps quantities up and down', () => stepQuantities(shop.page))
  it('shows a notice when the shop has fewer than asked', () => stockNotice(shop.page))
  it('applies a discount code, and says when one is not valid', () => discountCode(shop.page))
  it('captures the checkout email, with feedback on a bad address', () =>
    captureEmail(shop.page, shop.served))
}

/** The recovery link on another device, then no error in any tab. */
export function recoverySteps(shop: ShopUnderTest): void {
  it('opens a recovery link on another device', () => openRecoveryLink(shop.served, shop.errors))
  it('ran without a script error or a console warning', () => {
    expect(shop.errors).toEqual([])
  })
}
