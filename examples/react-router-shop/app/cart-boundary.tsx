import type { Cart } from '@tote/core'
import { CartProvider } from '@tote/react'
import { type ReactNode, useSyncExternalStore } from 'react'
import { getCart } from './cart.client.ts'

const noChanges = () => () => {}

/**
 * The shopper's cart once this page is hydrated, else `null`: on the server (there is no
 * cart there) and during hydration, so the first render in the browser matches the server's
 * HTML; React then renders again with the cart.
 */
export function useBrowserCart(): Cart | null {
  return useSyncExternalStore(
    noChanges,
    () => getCart(),
    () => null,
  )
}

/**
 * Renders `children` inside the cart's provider once the cart exists, and `fallback` before:
 * the same markup on the server and while hydrating.
 */
export function CartBoundary({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const cart = useBrowserCart()
  return cart ? <CartProvider cart={cart}>{children}</CartProvider> : fallback
}
