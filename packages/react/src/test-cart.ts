// Test support: a real cart over the in-memory backend with the demo catalogue.
import type { CartOptions } from '@tote/core'
import { createTestCart as createMemoryCart } from '@tote/testing'

/** A cart over a memory backend, kept in memory only, with `lines` added and confirmed. */
export async function createTestCart(
  lines: Record<string, number> = {},
  options: Partial<CartOptions> = {},
) {
  const made = createMemoryCart({ ...options, lines })
  await made.cart.settled()
  return made
}
