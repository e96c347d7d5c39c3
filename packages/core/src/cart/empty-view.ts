import { EMPTY_VIEW } from '../sync/view.ts'
import type { CartView } from './types.ts'

/**
 * The view of an empty cart before anything is known: what a server render or a binding
 * shows until the cart loads.
 *
 * @example
 * const view = useSyncExternalStore(subscribe, getSnapshot, () => EMPTY_CART_VIEW)
 */
export const EMPTY_CART_VIEW: CartView = EMPTY_VIEW
