// @vitest-environment node
import { createRestAdapter } from '@tote/adapter-rest'
import { lineKey } from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import { HAS_CHROMIUM } from '../support/chromium.ts'
import { EMAIL, shopUnderTest, WAIT } from '../support/shop-steps.ts'

// examples/recovery-page (plain TypeScript on @tote/core), built with Vite and served on the
// reference server's origin. A shopper left a cart with their email on another device; the
// shop changed since; the email's link lands on this page in Chromium.

let link: string
let cartId: string

/** A cart made the way a storefront's adapter makes it, with an email on it. */
async function abandonCart(url: string, lines: Record<string, number>): Promise<string> {
  const adapter = createRestAdapter({ baseUrl: url })
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
  // Refused links answer 400 and 410 (the console reports those); everything else fails.
  const shop = shopUnderTest('recovery-page', { expected: /status of 4(00|10)/ })

  it('lands a recovery link: the cart as the shop has it now, a notice per change', async () => {
    cartId = await abandonCart(shop.served.url, {
      'enamel-mug-white': 2,
      'dot-notebook-a5': 1,
      'organic-tee-l': 1,
    })
    // While the shopper was away: one mug left, a new price, a T-shirt size discontinued.
    const { merchant } = shop.served.server
    expect(await merchant.updateVariant('enamel-mug-white', { stock: 1 })).toBe(true)
    expect(await merchant.updateVariant('dot-notebook-a5', { price: 1290 })).toBe(true)
    expect(await merchant.updateVariant('organic-tee-l', { discontinued: true })).toBe(true)
    const links = await shop.served.sendRecoveryEmails()
    expect(links).toHaveLength(1)
    link = links[0]!

    await shop.page.goto(link)
    await shop.page.locator('main[data-state="recovered"]').waitFor(WAIT)
    expect(new URL(shop.page.url()).search).toBe('')
    const notices = shop.page.locator('.notices li')
    await expect.poll(() => notices.count(), WAIT).toBe(3)
    expect(await notices.evaluateAll((items) => items.map((item) => item.dataset.code))).toEqual(
      expect.arrayContaining(['insufficient_stock', 'price_changed', 'discontinued']),
    )
    const lines = shop.page.locator('.lines li')
    await expect.poll(() => lines.count(), WAIT).toBe(2)
    expect(
      await shop.page.locator('li[data-line="enamel-mug-white"] .quantity').textContent(),
    ).toBe('× 1')
    // €14.50 + €12.90
    await expect.poll(() => shop.page.locator('[data-subtotal]').textContent(), WAIT).toBe('€27.40')
  })

  it('leads on to checkout', async () => {
    await shop.page.getByRole('button', { name: 'Continue to checkout' }).click()
    await shop.page.waitForURL(/\/checkout\/cart_/, WAIT)
  })

  it('says what to do with a link that is not valid', async () => {
    const forged = `${shop.served.url}/recover?token=tote1.dev.forged.token`
    await shop.page.goto(forged)
    await shop.page.locator('main[data-state="invalid"]').waitFor(WAIT)
    expect(await shop.page.locator('.lead').textContent()).toContain('This link is not valid')
    expect(await shop.page.locator('.summary').isHidden()).toBe(true)
  })

  it('says so when the cart of the link was already ordered', async () => {
    const response = await fetch(`${shop.served.url}/v1/carts/${cartId}/complete`, {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    })
    expect(response.status).toBe(201)
    await shop.page.goto(link)
    await shop.page.locator('main[data-state="invalid"]').waitFor(WAIT)
    expect(await shop.page.locator('.lead').textContent()).toContain(
      'This cart was already ordered',
    )
  })

  it('ran without a script error', () => {
    expect(shop.errors).toEqual([])
  })
})
