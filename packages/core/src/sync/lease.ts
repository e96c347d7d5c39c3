import type { LocksLike, ToteEnvironment } from '../env/index.ts'

const LEASE_MS = 20_000
const POLL_MS = 100

/**
 * Cross-tab mutual exclusion where the Web Locks API is missing: a lease with an expiry
 * kept in storage. A tab that dies mid-write holds it at most `LEASE_MS`. Within one page
 * a promise chain serializes callers. Without storage, only the page-local chain applies.
 */
export function createLeaseLocks(env: ToteEnvironment, owner: string): LocksLike {
  let chain: Promise<unknown> = Promise.resolve()
  const sleep = (ms: number) => new Promise<void>((resolve) => env.setTimeout(resolve, ms))
  /** The lease stored under `key`; throws when storage does. */
  const read = (key: string) =>
    JSON.parse(env.storage?.getItem(key) ?? 'null') as { owner?: string; until?: number } | null

  async function acquire(key: string): Promise<boolean> {
    for (;;) {
      const storage = env.storage
      if (!storage) return false
      try {
        const lease = read(key)
        if (
          !lease ||
          lease.owner === owner ||
          typeof lease.until !== 'number' ||
          lease.until < env.now()
        ) {
          storage.setItem(key, JSON.stringify({ owner, until: env.now() + LEASE_MS }))
          // Two tabs may write at once: the one whose write stuck owns the lease.
          if (read(key)?.owner === owner) return true
        }
      } catch {
        return false
      }
      await sleep(POLL_MS)
    }
  }

  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const key = `${name}:lease`
      const run = async () => {
        const held = await acquire(key)
        try {
          return await callback()
        } finally {
          if (held) {
            try {
              if (read(key)?.owner === owner) env.storage?.removeItem(key)
            } catch {}
          }
        }
      }
      const result = chain.then(run, run)
      chain = result.catch(() => {})
      return result
    },
  }
}
