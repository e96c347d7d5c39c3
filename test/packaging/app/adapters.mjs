// Run by test/packaging/packages.test.ts inside a blank project with the packed tarballs
// installed: the README examples of the Shopify, Shopify theme AJAX and Medusa adapters, up to
// where they would reach a store. There is no Shopify or Medusa store here, so the carts are
// created (as the READMEs do) but never synced: a cart calls its backend on its first action
// or subscriber. `window` stands in for a Shopify theme page. The Medusa README's placeholders
// `pk_…` and `reg_…` are filled in: an ellipsis cannot go into an HTTP header.
import { createMedusaAdapter } from '@tote/adapter-medusa'
import { createShopifyAdapter } from '@tote/adapter-shopify'
import { createShopifyAjaxAdapter } from '@tote/adapter-shopify-ajax'
import { createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'

const window = { Shopify: { routes: { root: '/' } } }

const carts = {
  shopify: createCart({
    adapter: createShopifyAdapter({
      storeDomain: 'shop.myshopify.com',
      publicAccessToken: 'your-public-storefront-token',
      country: 'FR',
    }),
  }),
  'shopify-ajax': createCart({
    adapter: createShopifyAjaxAdapter({
      root: window.Shopify.routes.root,
      sections: ['cart-drawer', 'cart-icon-bubble'],
    }),
  }),
  medusa: createCart({
    adapter: createMedusaAdapter({
      baseUrl: 'https://shop.example.com',
      publishableKey: 'pk_01JEXAMPLE',
      regionId: 'reg_01JEXAMPLE',
      // Signed recovery links: checked by the app's server, or with its key(s).
      recovery: {
        verify: (link) =>
          fetch('/api/recovery', { method: 'POST', body: link }).then((r) => r.text()),
      },
    }),
    recovery,
  }),
}
const created = {}
for (const [name, cart] of Object.entries(carts)) {
  created[name] = typeof cart.add === 'function' && typeof cart.$cart.get === 'function'
  cart.destroy()
}
console.log(JSON.stringify({ created }))
