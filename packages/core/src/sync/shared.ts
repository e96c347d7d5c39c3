import type { ChannelLike, ToteEnvironment } from '../env/index.ts'
import {
  type LoadResult,
  loadState,
  type PersistedState,
  saveState,
  serializeState,
} from './persist.ts'

/** The cart's state as the tabs share it: in storage, announced on a channel. */
export interface SharedStore {
  /** Reads the stored state; a damaged record is removed (and reported as discarded). */
  load(): LoadResult
  /** Stores the state unless unchanged and tells the other tabs; returns storage's error. */
  save(state: PersistedState): unknown
  /** Takes `state` as what is stored, without writing it. */
  remember(state: PersistedState): void
  /** Calls `listener` when another tab stores a change; returns the way to stop. */
  listen(listener: () => void): () => void
}

/**
 * The shared store of one tab: `storage` under `key`, the `storage` event and a
 * BroadcastChannel where there is one.
 *
 * @example
 * const shared = createSharedStore(env, 'tote:cart', 'tab1')
 * shared.listen(() => merge(shared.load()))
 */
export function createSharedStore(env: ToteEnvironment, key: string, tabId: string): SharedStore {
  let written: string | null = null
  let channel: ChannelLike | null = null
  return {
    load() {
      const { storage } = env
      if (!storage) return { kind: 'empty' }
      const loaded = loadState(storage, key)
      if (loaded.kind === 'discarded') {
        try {
          storage.removeItem(key)
        } catch {}
      }
      return loaded
    },
    save(state) {
      const { storage } = env
      const serialized = serializeState(state)
      if (!storage || serialized === written) return undefined
      const error = saveState(storage, key, serialized)
      if (error) return error
      written = serialized
      channel?.postMessage({ from: tabId })
      return undefined
    },
    remember(state) {
      written = serializeState(state)
    },
    listen(listener) {
      const stopStorage = env.onStorageChange(key, listener)
      let open: ChannelLike | null = null
      const onMessage = (event: { data: unknown }) => {
        const data = event.data as { from?: unknown } | null
        if (data && data.from !== tabId) listener()
      }
      try {
        open = env.openChannel?.(`tote:${key}`) ?? null
        open?.addEventListener('message', onMessage)
      } catch {
        open = null
      }
      channel = open
      return () => {
        stopStorage()
        open?.removeEventListener('message', onMessage)
        open?.close()
        channel = null
      }
    },
  }
}
