import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserEnvironment } from './index.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('browserEnvironment', () => {
  it('reads nothing from the browser until called, and stands in on a server', () => {
    const env = browserEnvironment()
    expect(env.storage).toBeNull()
    expect(env.isOnline()).toBe(true)
    expect(env.locks).toBeNull()
  })

  it('falls back to running unlocked when the Web Locks API refuses (file: pages)', async () => {
    vi.stubGlobal('navigator', {
      onLine: true,
      locks: {
        request: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      },
    })
    const env = browserEnvironment()
    await expect(env.locks!.request('tote:cart', async () => 'ran')).resolves.toBe('ran')
  })

  it('passes on an error thrown by the locked work itself', async () => {
    vi.stubGlobal('navigator', {
      onLine: true,
      locks: { request: (_name: string, run: () => Promise<unknown>) => run() },
    })
    const env = browserEnvironment()
    let runs = 0
    const failing = env.locks!.request('tote:cart', async () => {
      runs++
      throw new Error('the write failed')
    })
    await expect(failing).rejects.toThrow('the write failed')
    expect(runs).toBe(1)
  })

  it('treats storage that throws on access (blocked cookies) as no storage', () => {
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new DOMException('blocked', 'SecurityError')
      },
    })
    expect(browserEnvironment().storage).toBeNull()
  })
})
