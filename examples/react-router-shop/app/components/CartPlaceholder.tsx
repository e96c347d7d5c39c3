/** What the server renders where the cart will be: it does not know the shopper's cart. */
export function CartPlaceholder() {
  return (
    <aside className="cart" aria-labelledby="cart-title" aria-busy="true">
      <h2 id="cart-title">Your cart</h2>
      <p className="loading">Loading your cart…</p>
    </aside>
  )
}
