// Run by test/packaging/packages.test.ts inside a blank project where only the packed tarballs
// (and their dependencies from the registry) are installed: the README examples of
// @tote/server, @tote/core and @tote/adapter-rest, end to end. Differences from the READMEs,
// each because a test cannot do otherwise: the server listens on a free port (0, not 8787), in
// a temporary data folder, and the cart's adapter points at that server's address (the README's
// `baseUrl` is the shop's own API); `badge` is a stand-in for the page's element.
import { join } from 'node:path'
import { createRestAdapter } from '@tote/adapter-rest'
import { createCart, formatMoney } from '@tote/core'
import { createEmbeddedStorage, createToteServer } from '@tote/server'

const storage = await createEmbeddedStorage({ dataDir: join(process.argv[2], 'db') })
const server = await createToteServer({ storage })
const { url } = await server.listen(0)

const badge = { textContent: '' }
const cart = createCart({ adapter: createRestAdapter({ baseUrl: url }) })
cart.$count.subscribe((count) => {
  badge.textContent = String(count)
})
cart.add({ merchandiseId: 'canvas-tote-natural', quantity: 2 })
const shown = badge.textContent // at once, before the server answers
await cart.settled()

const view = cart.$cart.get()
const subtotal = cart.$subtotal.get().amount
// The server's own record of the cart, over the protocol, to show the write reached it.
const stored = await fetch(`${url}/v1/carts/${encodeURIComponent(view.id)}`).then((r) => r.json())
cart.destroy()
await server.close()
await storage.close()

console.log(
  JSON.stringify({
    url,
    shown,
    badge: badge.textContent,
    cartId: view.id,
    lines: view.lines.map((line) => ({ id: line.merchandiseId, quantity: line.quantity })),
    subtotal: subtotal && formatMoney(subtotal, { locale: 'en' }),
    stored,
  }),
)
