// @vitest-environment node
import { createRestAdapter } from '@tote/adapter-rest'
import { lineKey } from '@tote/core/adapter'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HAS_CHROMIUM, launchChromium } from '../support/chromium.ts'
import { buildExample, type ServedExample, serveExample } from '../support/examples.ts'
import { EMAIL, openTab, WAIT } from '../support/shop-steps.ts'

// examples/recovery-page (plain TypeScript on @tote/core), built with Vite and served on the
// reference server's origin. A shopper left a cart with their email on another device; the
// shop changed since; the email's link lands on this page in Chromium.

let served: ServedExample
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let link: string
let cartId: string
const errors: string[] = []

/** A cart made the way a storefront's adapter makes it, with an email on it. */
async function abandonCart(lines: Record<string, number>): Promise<string> {
  const adapter = createRestAdapter({ baseUrl: served.url })
  const ctx = () => ({ signal: AbortSignal.timeout(10_000), idempotencyKey: crypto.randomUUID() })
  const ops = Object.entries(lines).map(([merchandiseId, quantity]) => ({
    type: 'setLine' as const,
    merchandiseId,
    attributes: {},
    quantity,
    lineKey: lineKey(merchandiseId, {}),
    lineId: null,
  }))
  const { cart } = await adapter.create({ ops }, ctx())
  await adapter.captureEmail(cart.id, { email: EMAIL, consent: false }, ctx())
  return cart.id
}

describe.skipIf(!HAS_CHROMIUM)('examples/recovery-page in Chromium', () => {
  beforeAll(async () => {
    const dist = await buildExample('recovery-page')
    served = await serveExample({ assets: dist })
    browser = await launchChromium()
    // Refused links answer 400 and 410 (the console reports those); everything else fails.
    page = await openTab(browser.context, errors, { expected: /status of 4(00|10)/ })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await served?.stop()
  })

  it('lands a recovery link: the cart as the shop has it now, a notice per change', async () => {
    cartId = await abandonCart({ 'enamel-mug-white': 2, 'dot-notebook-a5': 1, 'organic-tee-l': 1 })
    // While the shopper was away: one mug left, a new price, a T-shirt size discontinued.
    const { merchant } = served.server
    expect(await merchant.updateVariant('enamel-mug-white', { stock: 1 })).toBe(true)
    expect(await merchant.updateVariant('dot-notebook-a5', { price: 1290 })).toBe(true)
    expect(await merchant.updateVariant('organic-tee-l', { discontinued: true })).toBe(true)
    const links = await served.sendRecoveryEmails()
    expect(links).toHaveLength(1)
    link = links[0]!

    await page.goto(link)
    await page.locator('main[data-state="recovered"]').waitFor(WAIT)
    expect(new URL(page.url()).search).toBe('')
    const notices = page.locator('.notices li')
    await expect.poll(() => notices.count(), WAIT).toBe(3)
    expect(await notices.evaluateAll((items) => items.map((item) => item.dataset.code))).toEqual(
      expect.arrayContaining(['insufficient_stock', 'price_changed', 'discontinued']),
    )
    const lines = page.locator('.lines li')
    await expect.poll(() => lines.count(), WAIT).toBe(2)
    expect(await page.locator('li[data-line="enamel-mug-white"] .quantity').textContent()).toBe(
      '× 1',
    )
    // €14.50 + €12.90
    await expect.poll(() => page.locator('[data-subtotal]').textContent(), WAIT).toBe('€27.40')
  })

  it('leads on to checkout', async () => {
    await page.getByRole('button', { name: 'Continue to checkout' }).click()
    await page.waitForURL(/\/checkout\/cart_/, WAIT)
  })

  it('says what to do with a link that is not valid', async () => {
    const forged = `${served.url}/recover?token=tote1.dev.forged.token`
    await page.goto(forged)
    await page.locator('main[data-state="invalid"]').waitFor(WAIT)
    expect(await page.locator('.lead').textContent()).toContain('This link is not valid')
    expect(await page.locator('.summary').isHidden()).toBe(true)
  })

  it('says so when the cart of the link was already ordered', async () => {
    const response = await fetch(`${served.url}/v1/carts/${cartId}/complete`, {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })
    expect(response.status).toBe(201)
    await page.goto(link)
    await page.locator('main[data-state="invalid"]').waitFor(WAIT)
    expect(await page.locator('.lead').textContent()).toContain('This cart was already ordered')
  })

  it('ran without a script error', () => {
    expect(errors).toEqual([])
  })
})
