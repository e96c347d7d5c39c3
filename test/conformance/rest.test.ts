import { createRestAdapter } from '@tote/adapter-rest'
import { createManualClock, createToteServer, type Storage } from '@tote/server'
import { describeAdapterConformance } from '@tote/testing/conformance'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'

// adapter-rest + @tote/server, each test on a fresh shop (its own catalogue and carts) of one
// shared storage, served on a random port of 127.0.0.1.

let shops = 0
/** The server's default: 30 days without a change. */
const CART_LIFETIME_MS = 30 * 24 * 60 * 60_000

function restConformance(name: string, storage: () => Storage): void {
  describeAdapterConformance(name, async () => {
    // A clock of its own per test, so a cart can be aged past its lifetime.
    const clock = createManualClock(Date.now())
    const server = await createToteServer({
      storage: storage(),
      clock,
      cartLifetimeMs: CART_LIFETIME_MS,
      shop: { id: `conformance-${++shops}` },
      sweepIntervalMs: 0,
    })
    const { url } = await server.listen(0)
    return {
      adapter: createRestAdapter({ baseUrl: url }),
      control: {
        merchandiseIds: ['canvas-tote-natural', 'dot-notebook-a5'],
        unknownMerchandiseId: 'tote-conformance-unknown',
        missingCartId: 'cart_tote-conformance-missing',
        setStock: async (id, quantity) => {
          await server.merchant.updateVariant(id, { stock: quantity })
        },
        setPrice: async (id, price) => {
          await server.merchant.updateVariant(id, { price: price.amount })
        },
        completeCart: async (cartId) => {
          const response = await fetch(`${url}/v1/carts/${cartId}/complete`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
          if (!response.ok) throw new Error(`complete: ${response.status}`)
        },
        recoveryLink: (cartId) => server.recoveryUrl(cartId),
        expireCart: () => clock.advance(CART_LIFETIME_MS + 1),
        teardown: () => server.close(),
      },
    }
  })
}

describeOnEachStorage('tote_conformance', (label, storage) =>
  restConformance(`rest + @tote/server (${label})`, storage),
)
