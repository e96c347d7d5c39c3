// @vitest-environment node
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
} from '../support/shop-steps.ts'

// examples/vue-shop (Vite + Vue 3.5 + @tote/vue), built with Vite and served on the
// reference server's origin, clicked through in Chromium.

let served: ServedExample
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
const errors: string[] = []

describe.skipIf(!HAS_CHROMIUM)('examples/vue-shop in Chromium', () => {
  beforeAll(async () => {
    const dist = await buildExample('vue-shop')
    served = await serveExample({ assets: dist })
    browser = await launchChromium()
    page = await openTab(browser.context, errors)
    await page.goto(served.url)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
  })

  it('adds products from the list', () => addToCart(page))
  it('steps quantities up and down', () => stepQuantities(page))
  it('shows a notice when the shop has fewer than asked', () => stockNotice(page))
  it('applies a discount code, and says when one is not valid', () => discountCode(page))
  it('captures the checkout email, with feedback on a bad address', () =>
    captureEmail(page, served))
  it('opens a recovery link on another device', () => openRecoveryLink(served, errors))

  it('ran without a script error or a Vue warning', () => {
    expect(errors).toEqual([])
  })
})
