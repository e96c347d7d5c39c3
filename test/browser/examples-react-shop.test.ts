// @vitest-environment node
import { describe, it } from 'vitest'
import { HAS_CHROMIUM } from '../support/chromium.ts'
import { recoverySteps, shopperSteps, shopUnderTest, WAIT } from '../support/shop-steps.ts'

// examples/react-shop (Vite + React 19 + @tote/react), built with Vite and served on the
// reference server's origin, clicked through in Chromium.

describe.skipIf(!HAS_CHROMIUM)('examples/react-shop in Chromium', () => {
  const shop = shopUnderTest('react-shop')
  it('opens the shop', async () => {
    await shop.page.goto(shop.served.url)
    await shop.page.locator('.products').waitFor(WAIT)
  })
  shopperSteps(shop)
  recoverySteps(shop)
})
