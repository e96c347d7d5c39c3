// Test helpers shared by the Shopify adapters' suites (adapter-shopify-ajax imports them).
import type { StorageLike, ToteEnvironment } from '@tote/core/adapter'

/**
 * A quiet environment for a cart driven through real HTTP in node: storage in memory,
 * one tab (no channel), a lock that runs callbacks in turn, real timers.
 */
export function nodeEnvironment(): Partial<ToteEnvironment> {
  const data = new Map<string, string>()
  const storage: StorageLike = {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  }
  let chain: Promise<unknown> = Promise.resolve()
  return {
    storage,
    openChannel: null,
    locks: {
      request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
        const result = chain.then(callback, callback)
        chain = result.catch(() => {})
        return result
      },
    },
    onResume: () => () => {},
    onOnlineChange: () => () => {},
    onStorageChange: () => () => {},
    warn: () => {},
  }
}
