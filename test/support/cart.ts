import { type CartOptions, createCart } from '@tote/core'
import {
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
  type MemoryAdapterOptions,
} from '@tote/testing'
import { vi } from 'vitest'
import { type Browser, createBrowser } from './env.ts'

/** A memory backend with the demo catalogue, an adapter over it, and a fake browser. */
export function setup(options: { latency?: MemoryAdapterOptions['latency'] } = {}) {
  const backend = createMemoryBackend({ catalogue: demoCatalogue() })
  const adapter = createMemoryAdapter(
    backend,
    options.latency === undefined ? {} : { latency: options.latency },
  )
  const browser = createBrowser()
  return { backend, adapter, browser }
}

/** Opens a cart in a new tab of `browser`. */
export function openCart(
  browser: Browser,
  adapter: CartOptions['adapter'],
  options: Partial<CartOptions> & { useLocks?: boolean } = {},
) {
  const { useLocks, ...rest } = options
  const tab = browser.tab(useLocks === undefined ? {} : { useLocks })
  const cart = createCart({
    adapter,
    retry: { baseMs: 100, maxMs: 2_000 },
    ...rest,
    env: { ...tab.env, ...rest.env },
  })
  return { cart, tab }
}

/** Runs timers until the cart has nothing pending, in flight or scheduled. */
export async function settle(cart: { settled(): Promise<void> }): Promise<void> {
  let done = false
  const settled = cart.settled().then(() => {
    done = true
  })
  for (let i = 0; i < 1_000 && !done; i++) await vi.advanceTimersByTimeAsync(50)
  await settled
}
