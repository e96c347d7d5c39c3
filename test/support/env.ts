import type { ChannelLike, LocksLike, StorageLike, ToteEnvironment } from '@tote/core/adapter'

/** A `localStorage` stand-in that can be told to refuse writes (quota, security). */
export class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>()
  failWith: Error | null = null
  /** Other tabs sharing this storage get a `storage` event, as browsers do. */
  readonly listeners = new Set<(key: string) => void>()
  getItem(key: string): string | null {
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    if (this.failWith) throw this.failWith
    this.data.set(key, value)
  }
  removeItem(key: string): void {
    this.data.delete(key)
  }
}

/** What several tabs of one browser share: storage, a broadcast hub, locks, the network. */
export interface Browser {
  storage: MemoryStorage
  channels: Set<{ name: string; deliver(data: unknown): void }>
  locks: LocksLike
  online: boolean
  onlineListeners: Set<(online: boolean) => void>
  setOnline(online: boolean): void
  /** Opens a tab: an environment for one `createCart`. */
  tab(options?: { random?: () => number; useLocks?: boolean }): TestTab
}

export interface TestTab {
  env: Partial<ToteEnvironment>
  warnings: string[]
  resume(reason: 'pageshow' | 'focus'): void
  /** Tells this tab that another tab wrote storage (the `storage` event). */
  storageEvent(): void
}

function createMutex(): LocksLike {
  const chains = new Map<string, Promise<unknown>>()
  return {
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      const previous = chains.get(name) ?? Promise.resolve()
      const result = previous.then(callback, callback)
      chains.set(
        name,
        result.catch(() => {}),
      )
      return result
    },
  }
}

/** Timers a fake browser runs on: the real ones (or vitest's fakes), or a manual clock. */
export interface BrowserClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realClock: BrowserClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A fake browser whose tabs share storage, a BroadcastChannel hub and Web Locks. */
export function createBrowser(clock: BrowserClock = realClock): Browser {
  const browser: Browser = {
    storage: new MemoryStorage(),
    channels: new Set(),
    locks: createMutex(),
    online: true,
    onlineListeners: new Set(),
    setOnline(online) {
      browser.online = online
      for (const listener of browser.onlineListeners) listener(online)
    },
    tab(options = {}) {
      const warnings: string[] = []
      const resumeListeners = new Set<(reason: 'pageshow' | 'focus') => void>()
      const storageListeners = new Set<() => void>()
      const env: Partial<ToteEnvironment> = {
        storage: browser.storage,
        now: () => clock.now(),
        setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
        clearTimeout: (handle) => clock.clearTimeout(handle),
        random: options.random ?? (() => 0.5),
        isOnline: () => browser.online,
        onOnlineChange(listener) {
          browser.onlineListeners.add(listener)
          return () => browser.onlineListeners.delete(listener)
        },
        openChannel(name) {
          const listeners = new Set<(event: { data: unknown }) => void>()
          const endpoint = {
            name,
            deliver: (data: unknown) => {
              for (const listener of listeners) listener({ data })
            },
          }
          browser.channels.add(endpoint)
          const channel: ChannelLike = {
            postMessage(data) {
              // Like BroadcastChannel: other endpoints only, asynchronously.
              for (const other of browser.channels) {
                if (other !== endpoint && other.name === name)
                  queueMicrotask(() => other.deliver(data))
              }
            },
            addEventListener: (_type, listener) => listeners.add(listener),
            removeEventListener: (_type, listener) => listeners.delete(listener),
            close: () => browser.channels.delete(endpoint),
          }
          return channel
        },
        onStorageChange(_key, listener) {
          storageListeners.add(listener)
          return () => storageListeners.delete(listener)
        },
        locks: options.useLocks === false ? null : browser.locks,
        onResume(listener) {
          resumeListeners.add(listener)
          return () => resumeListeners.delete(listener)
        },
        warn: (message) => warnings.push(message),
      }
      return {
        env,
        warnings,
        resume: (reason) => {
          for (const listener of resumeListeners) listener(reason)
        },
        storageEvent: () => {
          for (const listener of storageListeners) listener()
        },
      }
    },
  }
  return browser
}

/** Counts the listeners a tab still holds on the shared browser (for leak checks). */
export function openListeners(browser: Browser): number {
  return browser.channels.size + browser.onlineListeners.size
}
