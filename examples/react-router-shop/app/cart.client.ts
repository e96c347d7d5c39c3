// The client boundary. React Router leaves `.client` modules out of the server build: on the
// server, `getCart` is undefined. The cart lives in the shopper's browser (in localStorage,
// synced to the Tote server), one per shopper; the server that renders pages never holds one,
// so no request can see, or leak, another shopper's cart.
import { createRestAdapter } from '@tote/adapter-rest'
import { type Cart, createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'

let cart: Cart | undefined

/** The shopper's cart, created on first use in this tab. */
export function getCart(): Cart {
  // The API is on the page's own origin; the adapter needs an absolute URL.
  cart ??= createCart({ adapter: createRestAdapter({ baseUrl: location.origin }), recovery })
  return cart
}
