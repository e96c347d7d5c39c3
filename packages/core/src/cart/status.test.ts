import { describe, expect, it } from 'vitest'
import { ToteError } from '../errors/index.ts'
import { cartStatus } from './status.ts'

describe('cartStatus', () => {
  it('is saving while changes are pending and sync is idle, loading or syncing', () => {
    for (const state of ['idle', 'loading', 'syncing'] as const) {
      expect(cartStatus({ state }, true)).toEqual({
        state,
        saving: true,
        offline: false,
        error: null,
        retryAt: null,
      })
      expect(cartStatus({ state }, false).saving).toBe(false)
    }
  })

  it('is offline, not saving, while the browser is offline', () => {
    expect(cartStatus({ state: 'offline' }, true)).toEqual({
      state: 'offline',
      saving: false,
      offline: true,
      error: null,
      retryAt: null,
    })
  })

  it('gives the failure and the time of the next attempt', () => {
    const error = new ToteError('server_error', 'the backend failed (503)')
    const status = cartStatus(
      { state: 'error', error, retryAt: 1_700_000_060_000, attempt: 2 },
      true,
    )
    expect(status).toEqual({
      state: 'error',
      saving: false,
      offline: false,
      error,
      retryAt: new Date(1_700_000_060_000),
    })
  })
})
