// Test support: a real cart over the in-memory backend with the demo catalogue.
import { type CartOptions, createCart } from '@tote/core'
import { createMemoryAdapter, createMemoryBackend, demoCatalogue } from '@tote/testing'

/** A cart over a memory backend, kept in memory only, with `lines` added and confirmed. */
export async function createTestCart(
  lines: Record<string, number> = {},
  options: Partial<CartOptions> = {},
) {
  const backend = createMemoryBackend({ catalogue: demoCatalogue() })
  const adapter = createMemoryAdapter(backend)
  const cart = createCart({
    adapter,
    locale: 'en',
    ...options,
    env: { storage: null, openChannel: null, locks: null, ...options.env },
  })
  for (const [merchandiseId, quantity] of Object.entries(lines))
    cart.add({ merchandiseId, quantity })
  await cart.settled()
  return { cart, backend, adapter }
}
