import { createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createBrowser } from '../../../test/support/env.ts'
import {
  MEDUSA_SKIP_REASON,
  MEDUSA_VERSION,
  type MedusaServer,
  medusaSuiteName,
  startMedusa,
} from '../../../test/support/medusa.ts'
import { createMedusaAdapter, createMedusaRecoveryLink } from './index.ts'

// The sync engine of @tote/core over this adapter and a real Medusa, through real HTTP.
const KEY = 'tote-engine-recovery-key'

describe.skipIf(MEDUSA_SKIP_REASON !== null)(
  medusaSuiteName(`createCart over Medusa ${MEDUSA_VERSION}`),
  () => {
    let medusa: MedusaServer
    beforeAll(async () => {
      medusa = await startMedusa()
    }, 180_000)
    afterAll(async () => {
      await medusa?.stop()
    })
    afterEach(async () => {
      await medusa.restore()
    })

    /** A cart in a fresh browser tab, and every Store API request its adapter sends. */
    function open() {
      const requests: string[] = []
      const adapter = createMedusaAdapter({
        baseUrl: medusa.url,
        publishableKey: medusa.publishableKey,
        regionId: medusa.regionId,
        recovery: { key: KEY },
        fetch: (input, init) => {
          const request = new Request(input, init)
          const { pathname } = new URL(request.url)
          requests.push(`${request.method} ${pathname.replace(/(cart|cali)_\w+/g, '$1_…')}`)
          return globalThis.fetch(request)
        },
      })
      const cart = createCart({ adapter, env: createBrowser().tab().env, recovery, locale: 'en' })
      return { cart, requests }
    }

    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

    it('settles ten clicks 30 ms apart at quantity 10 in two Store API requests', async () => {
      const { cart, requests } = open()
      for (let click = 0; click < 10; click++) {
        cart.add({ merchandiseId: medusa.variants.notebook })
        await sleep(30)
      }
      await cart.settled()
      const id = cart.$cart.get().id as string
      expect((await medusa.cart(id))?.items.map((item) => item.quantity)).toEqual([10])
      expect(cart.$count.get()).toBe(10)
      // The first click creates the cart with its line; the nine others become one target.
      expect(requests).toEqual(['POST /store/carts', 'POST /store/carts/cart_…/line-items/cali_…'])
      cart.destroy()
    })

    it('opens a signed link after the low-stock variant sold out and prices changed, with the notices (docs/domain.md R11, R12)', async () => {
      const shopper = open()
      shopper.cart.add({ merchandiseId: medusa.variants.mug, quantity: 2 })
      shopper.cart.add({ merchandiseId: medusa.variants.notebook, quantity: 1 })
      shopper.cart.add({ merchandiseId: medusa.variants.toteBlack, quantity: 5 })
      await shopper.cart.settled()
      await shopper.cart.captureEmail('ada@example.com', { consent: true })
      await shopper.cart.settled()
      const cartId = shopper.cart.$cart.get().id as string
      shopper.cart.destroy()

      // Meanwhile, in Medusa's admin: the mug sells out, the notebook costs more, three totes left.
      await medusa.setStock(medusa.variants.mug, 0)
      await medusa.setPrice(medusa.variants.notebook, 11.5)
      await medusa.setStock(medusa.variants.toteBlack, 3)
      const link = await createMedusaRecoveryLink({
        url: 'https://shop.example/recover',
        cartId,
        key: KEY,
      })

      const { cart, requests } = open()
      const report = await cart.openRecovery(link)
      expect(
        report.notices.map((notice) => [notice.code, notice.merchandiseId, notice.from, notice.to]),
      ).toEqual([
        ['out_of_stock', medusa.variants.mug, 2, 0],
        [
          'price_changed',
          medusa.variants.notebook,
          { amount: 995, currency: 'EUR' },
          { amount: 1150, currency: 'EUR' },
        ],
        ['insufficient_stock', medusa.variants.toteBlack, 5, 3],
      ])
      for (const notice of report.notices) expect(notice.message.length).toBeGreaterThan(10)
      // Shown at once: the mug is not shown (R11), the notebook at its new price (R12).
      expect(cart.$lines.get().map((line) => [line.merchandiseId, line.quantity])).toEqual([
        [medusa.variants.notebook, 1],
        [medusa.variants.toteBlack, 3],
      ])

      await cart.settled()
      expect(cart.$cart.get()).toMatchObject({ id: cartId, pending: false })
      expect(
        (await medusa.cart(cartId))?.items.map((item) => [item.variant_id, item.quantity]),
      ).toEqual(
        expect.arrayContaining([
          [medusa.variants.notebook, 1],
          [medusa.variants.toteBlack, 3],
        ]),
      )
      expect(cart.line(`${medusa.variants.notebook}`).get()?.cost.unitPrice).toEqual({
        amount: 1150,
        currency: 'EUR',
      })
      // One read of the cart and one of its products to open it; then the mug is removed, the
      // totes lowered, and the notebook written at its quantity so Medusa prices it as it is now.
      expect(requests).toEqual([
        'GET /store/carts/cart_…',
        'GET /store/products',
        'DELETE /store/carts/cart_…/line-items/cali_…',
        'POST /store/carts/cart_…/line-items/cali_…',
        'POST /store/carts/cart_…/line-items/cali_…',
      ])
      cart.destroy()
    })

    it('refuses an expired or tampered link with invalid_recovery_link and keeps a usable cart', async () => {
      const { cart } = open()
      const expired = await createMedusaRecoveryLink({
        url: 'https://shop.example/recover',
        cartId: 'cart_01TOTEEXPIRED000000000000',
        key: KEY,
        expiresInMs: -1,
      })
      await expect(cart.openRecovery(expired)).rejects.toMatchObject({
        code: 'invalid_recovery_link',
        details: { reason: 'expired' },
      })
      await expect(cart.openRecovery(expired.replace(/.$/, 'A'))).rejects.toMatchObject({
        code: 'invalid_recovery_link',
      })
      cart.add({ merchandiseId: medusa.variants.stickers })
      await cart.settled()
      expect(cart.$count.get()).toBe(1)
      cart.destroy()
    })

    it('starts a new cart when Medusa completed the old one (docs/domain.md R17)', async () => {
      const { cart } = open()
      cart.add({ merchandiseId: medusa.variants.toteNatural })
      await cart.settled()
      const first = cart.$cart.get().id as string
      await medusa.completeCart(first)
      cart.add({ merchandiseId: medusa.variants.stickers })
      await cart.settled()
      const second = cart.$cart.get().id as string
      expect(second).not.toBe(first)
      expect(cart.$notices.get().map((notice) => notice.code)).toContain('cart_completed')
      expect((await medusa.cart(second))?.items.map((item) => item.variant_id)).toContain(
        medusa.variants.stickers,
      )
      cart.destroy()
    })
  },
)
