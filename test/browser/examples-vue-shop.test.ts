// @vitest-environment node
import { describe, it } from 'vitest'
import { HAS_CHROMIUM } from '../support/chromium.ts'
import { recoverySteps, shopperSteps, shopUnderTest, WAIT } from '../support/shop-steps.ts'

// examples/vue-shop (Vite + Vue 3.5 + @tote/vue), built with Vite and served on the
// reference server's origin, clicked through in Chromium.

describe.skipIf(!HAS_CHROMIUM)('examples/vue-shop in Chromium', () => {
  const shop = shopUnderTest('vue-shop')
  it('opens the shop', async () => {
    await shop.page.goto(shop.served.url)
    await shop.page.locator('.products').waitFor(WAIT)
  })
  shopperSteps(shop)
  recoverySteps(shop)
})
