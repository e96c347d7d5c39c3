/**
 * The cart's creation whose answer is lost, end to end: createCart + adapter-rest over HTTP
 * against @tote/server on 127.0.0.1. The server applies the create; the answer never reaches
 * the page; the shopper clicks again during the backoff. The engine must resend the same
 * create with the same idempotency key, so the server answers with the cart it already
 * made: one shopper session, one cart on the server.
 */
import { createRestAdapter } from '@tote/adapter-rest'
import { createCart } from '@tote/core'
import { createToteServer, type Storage } from '@tote/server'
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'

let shops = 0

async function lostCreate(storage: Storage): Promise<void> {
  const shopId = `lost-create-${++shops}`
  const server = await createToteServer({ storage, shop: { id: shopId }, sweepIntervalMs: 0 })
  const { url } = await server.listen(0, '127.0.0.1')
  const creates: string[] = []
  let applied!: () => void
  const firstCreateApplied = new Promise<void>((resolve) => {
    applied = resolve
  })
  const adapter = createRestAdapter({
    baseUrl: url,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const response = await fetch(request)
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/carts') {
        creates.push(request.headers.get('idempotency-key') ?? '')
        if (creates.length === 1) {
          await response.arrayBuffer()
          applied()
          // The server made the cart; the connection drops before the answer arrives.
          throw new TypeError('fetch failed')
        }
      }
      return response
    },
  })
  const cart = createCart({ adapter, env: { storage: null }, retry: { baseMs: 50, maxMs: 200 } })
  try {
    cart.add({ merchandiseId: 'canvas-tote-natural' })
    await firstCreateApplied
    cart.add({ merchandiseId: 'dot-notebook-a5', quantity: 2 }) // during the backoff
    await cart.settled()

    expect(creates).toHaveLength(2)
    expect(creates[1]).toBe(creates[0])
    const { rows } = await storage.query<{ id: string }>(
      'SELECT id FROM carts WHERE shop_id = $1',
      [shopId],
    )
    expect(rows.map((row) => row.id)).toEqual([cart.$cart.get().id])
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['canvas-tote-natural', 1],
      ['dot-notebook-a5', 2],
    ])
    expect(cart.$cart.get().pending).toBe(false)
  } finally {
    cart.destroy()
    await server.close()
  }
}

describeOnEachStorage('tote_lost_create', (label, storage) => {
  it(`makes one cart on the server when the answer to its creation is lost (${label})`, () =>
    lostCreate(storage()))
})
