import type { CartAdapter, Merchandise } from '@tote/core'
import { formatMoney } from '@tote/core'
import { useCart } from '@tote/react'
import { useProducts } from '../catalogue.ts'

function stockText(item: Merchandise): string {
  if (!item.available) return 'Sold out'
  if (item.quantityAvailable !== null && item.quantityAvailable <= 3) {
    return `Only ${item.quantityAvailable} left`
  }
  return 'In stock'
}

/** The products with their live price and stock, each with an add button. */
export function ProductList({ adapter }: { adapter: CartAdapter }) {
  const cart = useCart()
  const state = useProducts(adapter)
  return (
    <section aria-labelledby="products-title">
      <h1 id="products-title">Products</h1>
      {state.status === 'loading' && <p>Loading the products…</p>}
      {state.status === 'error' && <p role="alert">The products could not be loaded.</p>}
      {state.status === 'done' && (
        <ul className="products">
          {state.products.map((item) => (
            <li key={item.id} className="product" data-product={item.id}>
              {item.image && (
                <img src={item.image.url} alt={item.image.alt ?? ''} width={160} height={160} />
              )}
              <h2 className="title">{item.productTitle}</h2>
              <p className="variant">{item.title}</p>
              <p className="price">{formatMoney(item.price, { locale: 'en' })}</p>
              <p className="stock">{stockText(item)}</p>
              <button
                type="button"
                disabled={!item.available}
                aria-label={`Add ${item.productTitle} to the cart`}
                // With the merchandise, the new line shows its title and price at once.
                onClick={() => cart.add({ merchandiseId: item.id, merchandise: item })}
              >
                {item.available ? 'Add to cart' : 'Sold out'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
