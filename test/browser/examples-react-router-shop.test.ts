// @vitest-environment node
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPageHandler } from '../../examples/react-router-shop/server.ts'
import { HAS_CHROMIUM, launchChromium } from '../support/chromium.ts'
import { buildExample, type ServedExample, serveExample } from '../support/examples.ts'
import {
  addToCart,
  captureEmail,
  discountCode,
  openRecoveryLink,
  openTab,
  stepQuantities,
  stockNotice,
  WAIT,
} from '../support/shop-steps.ts'

// examples/react-router-shop (React Router 7 framework mode + @tote/react), client and server
// built with Vite's JavaScript API, its pages rendered by its own server build on the
// reference server's origin. The product list is in the server's HTML; the cart is only in
// the browser; hydration raises no warning.

let served: ServedExample
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let firstHtml: string
const errors: string[] = []

const home = async () => {
  const response = await fetch(served.url)
  expect(response.status).toBe(200)
  return response.text()
}

describe.skipIf(!HAS_CHROMIUM)('examples/react-router-shop in Chromium', () => {
  beforeAll(async () => {
    const dist = await buildExample('react-router-shop', { app: true })
    served = await serveExample({
      assets: join(dist, 'client'),
      fallback: await createPageHandler(dist),
    })
    browser = await launchChromium()
    page = await openTab(browser.context, errors)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
  })

  it('renders the product list on the server, and no cart', async () => {
    firstHtml = await home()
    expect(firstHtml).toContain('data-product="enamel-mug-white"')
    expect(firstHtml).toContain('Enamel mug')
    expect(firstHtml).toContain('€14.50')
    expect(firstHtml).toContain('Loading your cart…')
    expect(firstHtml).not.toContain('data-line=')
    expect(firstHtml).not.toContain('Your cart is empty')
  })

  it('hydrates without a mismatch; then the cart appears', async () => {
    await page.goto(served.url)
    await page.locator('.cart .empty').waitFor(WAIT)
    const add = page.getByRole('button', { name: 'Add Enamel mug to the cart' })
    await expect.poll(() => add.isEnabled(), WAIT).toBe(true)
    expect(errors).toEqual([])
  })

  it('adds products from the list', () => addToCart(page))
  it('steps quantities up and down', () => stepQuantities(page))
  it('shows a notice when the shop has fewer than asked', () => stockNotice(page))
  it('applies a discount code, and says when one is not valid', () => discountCode(page))
  it('captures the checkout email, with feedback on a bad address', () =>
    captureEmail(page, served))

  it('keeps no cart on the server: its page is the same after a shopper filled one', async () => {
    expect(await home()).toBe(firstHtml)
  })

  it('opens a recovery link on another device', () => openRecoveryLink(served, errors))

  it('ran without a script error, a hydration warning or a React warning', () => {
    expect(errors).toEqual([])
  })
})
