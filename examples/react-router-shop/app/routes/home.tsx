import type { Merchandise } from '@tote/core'
import { formatMoney } from '@tote/core'
import { useLoaderData } from 'react-router'
import { useBrowserCart } from '../cart-boundary.tsx'
import { loadProducts } from '../catalogue.server.ts'

/** On the server: the products as the Tote server sells them now. The same for every shopper. */
export async function loader({ request }: { request: Request }) {
  return { products: await loadProducts(request) }
}

function stockText(item: Merchandise): string {
  if (!item.available) return 'Sold out'
  if (item.quantityAvailable !== null && item.quantityAvailable <= 3) {
    return `Only ${item.quantityAvailable} left`
  }
  return 'In stock'
}

/**
 * The product list, in the server's HTML. The add buttons wait for the cart, which exists
 * once the page is hydrated (the server renders them disabled, and so does hydration).
 */
export default function Home() {
  const { products } = useLoaderData<typeof loader>()
  const cart = useBrowserCart()
  return (
    <section aria-labelledby="products-title">
      <h1 id="products-title">Products</h1>
      <ul className="products">
        {products.map((item) => (
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
              disabled={!cart || !item.available}
              aria-label={`Add ${item.productTitle} to the cart`}
              onClick={() => cart?.add({ merchandiseId: item.id, merchandise: item })}
            >
              {item.available ? 'Add to cart' : 'Sold out'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
