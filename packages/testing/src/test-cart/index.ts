import { type Cart, type CartOptions, createCart } from '@tote/core'
import { demoCatalogue } from '../demo-catalogue/index.ts'
import { createMemoryAdapter, type MemoryAdapter } from '../memory-adapter/index.ts'
import { createMemoryBackend, type MemoryBackend } from '../memory-backend/index.ts'

/** Options of {@link createTestCart}: any cart option, and the lines to start with. */
export interface TestCartOptions extends Partial<CartOptions> {
  /** Quantities by merchandise id, added at once (`await cart.settled()` to have them confirmed). */
  lines?: Record<string, number>
}

/**
 * A real cart over a memory backend with the demo catalogue, kept in memory only (no
 * storage, no other tabs), in English: what binding and element tests render from. Pass
 * `recovery` from `@tote/core/recovery` for a cart that opens recovery links.
 *
 * @example
 * const { cart, backend } = createTestCart({ lines: { 'pin-fox': 2 } })
 * await cart.settled()
 */
export function createTestCart(options: TestCartOptions = {}): {
  cart: Cart
  backend: MemoryBackend
  adapter: MemoryAdapter
} {
  const { lines = {}, ...cartOptions } = options
  const backend = createMemoryBackend({ catalogue: demoCatalogue() })
  const adapter = createMemoryAdapter(backend)
  const cart = createCart({
    adapter,
    locale: 'en',
    ...cartOptions,
    env: { storage: null, openChannel: null, locks: null, ...cartOptions.env },
  })
  for (const [merchandiseId, quantity] of Object.entries(lines))
    cart.add({ merchandiseId, quantity })
  return { cart, backend, adapter }
}
