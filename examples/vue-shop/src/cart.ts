import { createRestAdapter } from '@tote/adapter-rest'
import { createCart } from '@tote/core'
import { recovery } from '@tote/core/recovery'

/**
 * The reference server answers on this page's own origin (`/v1/...`). The adapter needs an
 * absolute URL, so the origin is spelled out rather than `'/'`.
 */
export const adapter = createRestAdapter({ baseUrl: location.origin })

/**
 * The shopper's cart: one per browser, kept in `localStorage` and synced to the server.
 * `recovery` lets the `/recover` page open the link of an abandoned-cart email.
 */
export const cart = createCart({ adapter, recovery })
