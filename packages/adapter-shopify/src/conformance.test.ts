import { describeAdapterConformance } from '@tote/testing/conformance'
import { createShopifyAdapter } from './index.ts'
import { startFakeStorefront } from './test/fake-storefront.ts'
import { backend, GIFT, TOTE } from './test/fixtures.ts'

const MONTHLY = 'gid://shopify/SellingPlan/1'

const backendId = (cartId: string) =>
  cartId.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, '')

// Stock refusals changed in 2025-10 (userErrors) from 2024-10 (warnings): both must pass.
for (const stockErrors of ['userErrors', 'warnings'] as const) {
  describeAdapterConformance(
    `shopify (stock as ${stockErrors})`,
    async () => {
      const memory = backend()
      const fake = await startFakeStorefront({
        backend: memory,
        stockErrors,
        sellingPlans: { [TOTE]: { plans: [{ id: MONTHLY, name: 'Monthly' }] } },
      })
      return {
        adapter: createShopifyAdapter({ storeDomain: fake.origin, publicAccessToken: fake.token }),
        control: {
          merchandiseIds: [TOTE, GIFT],
          sellingPlanId: MONTHLY,
          unknownMerchandiseId: 'gid://shopify/ProductVariant/999999',
          setStock: (id, quantity) => memory.setStock(id, quantity),
          setPrice: (id, price) => memory.setPrice(id, price),
          completeCart: (cartId) => {
            memory.completeCart(backendId(cartId))
          },
          deleteCart: (cartId) => memory.deleteCart(backendId(cartId)),
          // A Storefront cart id is a recovery link the adapter resolves in one request.
          recoveryLink: (cartId) => cartId,
          teardown: () => fake.close(),
        },
      }
    },
    // The Storefront API answers a completed cart exactly like a missing one (`cart: null`,
    // "The specified cart does not exist."), so the adapter reports `cart_not_found` for both.
    { skip: ['completed'] },
  )
}
