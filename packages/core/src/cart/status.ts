import type { ToteError } from '../errors/index.ts'
import type { CartSyncStatus } from './types.ts'

/**
 * What a storefront tells the shopper about saving their cart, from the sync status and
 * whether changes are pending: saving, offline (kept, sent when back), or failed with the
 * time of the next attempt. `error` narrows the rest.
 *
 * @example
 * const status: CartStatus = cartStatus(cart.$status.get(), cart.$cart.get().pending)
 * if (status.error) note.textContent = `Not saved; retrying at ${status.retryAt.toLocaleTimeString()}`
 */
export type CartStatus =
  | {
      /** What the sync engine is doing. */
      readonly state: 'idle' | 'loading' | 'syncing'
      /** A change the shopper made is on its way to the backend. */
      readonly saving: boolean
      readonly offline: false
      readonly error: null
      readonly retryAt: null
    }
  | {
      /** The browser is offline: changes are kept and sent when it is back. */
      readonly state: 'offline'
      readonly saving: false
      readonly offline: true
      readonly error: null
      readonly retryAt: null
    }
  | {
      /** The last attempt failed; another runs at `retryAt` (or at once with `cart.retry()`). */
      readonly state: 'error'
      readonly saving: false
      readonly offline: false
      readonly error: ToteError
      readonly retryAt: Date
    }

/**
 * The {@link CartStatus} for a sync status and whether the cart has unconfirmed changes, as
 * the React and Vue bindings' `useCartStatus` give it.
 *
 * @example
 * const status = cartStatus(cart.$status.get(), cart.$cart.get().pending)
 */
export function cartStatus(status: CartSyncStatus, pending: boolean): CartStatus {
  switch (status.state) {
    case 'offline':
      return { state: 'offline', saving: false, offline: true, error: null, retryAt: null }
    case 'error': {
      const { error, retryAt } = status
      return { state: 'error', saving: false, offline: false, error, retryAt: new Date(retryAt) }
    }
    default:
      return { state: status.state, saving: pending, offline: false, error: null, retryAt: null }
  }
}
