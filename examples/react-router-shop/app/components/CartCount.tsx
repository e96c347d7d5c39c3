import { useCartCount } from '@tote/react'

export function CartCount() {
  return <span className="cart-count">Cart: {useCartCount()}</span>
}
