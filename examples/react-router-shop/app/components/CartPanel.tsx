import { formatMoney } from '@tote/core'
import { useCartView } from '@tote/react'
import { CartLine } from './CartLine.tsx'
import { DiscountCode } from './DiscountCode.tsx'
import { EmailCapture } from './EmailCapture.tsx'
import { SyncStatus } from './SyncStatus.tsx'

/** The cart (in the browser only): lines with steppers, totals, discount code, checkout email and sync status. */
export function CartPanel() {
  const view = useCartView()
  const { subtotal, total } = view
  return (
    <aside className="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">Your cart</h2>
      {view.lines.length === 0 ? (
        <p className="empty">Your cart is empty.</p>
      ) : (
        <ul className="lines">
          {view.lines.map((line) => (
            <CartLine key={line.key} lineKey={line.key} />
          ))}
        </ul>
      )}
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd data-subtotal>
          {subtotal.amount ? formatMoney(subtotal.amount, { locale: 'en' }) : '—'}
        </dd>
        <dt>Total</dt>
        <dd data-total data-estimated={total.estimated}>
          {total.amount ? formatMoney(total.amount, { locale: 'en' }) : '—'}
          {total.estimated && ' (estimated)'}
        </dd>
      </dl>
      <DiscountCode />
      <EmailCapture />
      <SyncStatus />
    </aside>
  )
}

/** What the server renders where the cart will be: it does not know the shopper's cart. */
export function CartPlaceholder() {
  return (
    <aside className="cart" aria-labelledby="cart-title" aria-busy="true">
      <h2 id="cart-title">Your cart</h2>
      <p className="loading">Loading your cart…</p>
    </aside>
  )
}
