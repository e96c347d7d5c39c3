/**
 * The part of `Storage` Tote uses.
 *
 * @example
 * const storage: StorageLike = window.sessionStorage
 */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/**
 * The part of `BroadcastChannel` Tote uses.
 *
 * @example
 * const channel: ChannelLike = new BroadcastChannel('tote')
 */
export interface ChannelLike {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  close(): void
}

/**
 * The part of the Web Locks API Tote uses: run `callback` while holding the named lock.
 *
 * @example
 * const locks: LocksLike = navigator.locks
 */
export interface LocksLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>
}

/**
 * Everything Tote takes from the platform. `createCart` fills what is missing from the
 * browser (or safe stand-ins on a server); tests pass fakes. Nothing is read at import time.
 *
 * @example
 * createCart({ adapter, env: { storage: null, openChannel: null } }) // in memory, one tab
 */
export interface ToteEnvironment {
  /** Persistent storage; `null` keeps the cart in memory only. */
  storage: StorageLike | null
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /** A number in [0, 1) for retry jitter. */
  random(): number
  /** Whether the network is up. */
  isOnline(): boolean
  /** Calls `listener` when the network goes up or down; returns an unsubscribe function. */
  onOnlineChange(listener: (online: boolean) => void): () => void
  /** Opens a channel to the other tabs; `null` where there is none. */
  openChannel: ((name: string) => ChannelLike) | null
  /** Calls `listener` when another tab writes `key` in storage (the `storage` event). */
  onStorageChange(key: string, listener: () => void): () => void
  /** Cross-tab locks; `null` falls back to a lease kept in storage. */
  locks: LocksLike | null
  /** Calls `listener` when the page is shown again (back button) or regains focus. */
  onResume(listener: (reason: 'pageshow' | 'focus') => void): () => void
  /** Reports a problem to the developer (never shopper data). */
  warn(message: string): void
}

type Listener = (event: Event) => void

function listen(target: EventTarget | undefined, type: string, listener: Listener): () => void {
  if (!target) return () => {}
  target.addEventListener(type, listener)
  return () => target.removeEventListener(type, listener)
}

function safeLocalStorage(): StorageLike | null {
  try {
    const storage = globalThis.localStorage
    if (!storage) return null
    // Safari private mode and blocked cookies throw here (SecurityError).
    storage.getItem('tote:probe')
    return storage
  } catch {
    return null
  }
}

/**
 * Web Locks that fall back to running the callback unlocked when the API itself fails
 * (some `file:` pages and sandboxed frames refuse it), so sync never waits forever.
 */
function guardedLocks(locks: LockManager): LocksLike {
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      let called = false
      const run = () => {
        called = true
        return callback()
      }
      try {
        return (locks.request(name, run) as Promise<T>).catch((error: unknown) => {
          if (called) throw error
          return callback()
        })
      } catch {
        return callback()
      }
    },
  }
}

/**
 * The browser's environment, read when called (never at import time); on a server it
 * gives in-memory stand-ins.
 */
export function browserEnvironment(): ToteEnvironment {
  const g = globalThis as typeof globalThis & { navigator?: Navigator; window?: Window }
  const win = typeof g.window === 'object' ? g.window : undefined
  const locks = g.navigator?.locks
  return {
    storage: safeLocalStorage(),
    now: () => Date.now(),
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: Math.random,
    isOnline: () => g.navigator?.onLine ?? true,
    onOnlineChange(listener) {
      const offOnline = listen(win, 'online', () => listener(true))
      const offOffline = listen(win, 'offline', () => listener(false))
      return () => {
        offOnline()
        offOffline()
      }
    },
    openChannel:
      typeof globalThis.BroadcastChannel === 'function'
        ? (name) => new globalThis.BroadcastChannel(name) as unknown as ChannelLike
        : null,
    onStorageChange(key, listener) {
      return listen(win, 'storage', (event) => {
        if ((event as StorageEvent).key === key) listener()
      })
    },
    locks: locks ? guardedLocks(locks) : null,
    onResume(listener) {
      const offShow = listen(win, 'pageshow', (event) => {
        if ((event as PageTransitionEvent).persisted) listener('pageshow')
      })
      const offFocus = listen(win, 'focus', () => listener('focus'))
      const offVisible = listen(g.document, 'visibilitychange', () => {
        if (g.document?.visibilityState === 'visible') listener('focus')
      })
      return () => {
        offShow()
        offFocus()
        offVisible()
      }
    },
    warn: (message) => console.warn(`[tote] ${message}`),
  }
}
