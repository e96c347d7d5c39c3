import { useCartCount } from '@tote/react'
import { adapter } from './cart.ts'
import { CartPanel } from './components/CartPanel.tsx'
import { Notices } from './components/Notices.tsx'
import { ProductList } from './components/ProductList.tsx'
import { RecoverPage } from './components/RecoverPage.tsx'

/** Two pages: the shop (`/`) and the landing page of recovery emails (`/recover`). */
export function App() {
  const count = useCartCount()
  const recovering = location.pathname === '/recover'
  return (
    <>
      <header className="site-header">
        <a href="/" className="brand">
          Atelier Tote
        </a>
        <span className="cart-count">Cart: {count}</span>
      </header>
      <Notices />
      <div className="layout">
        <main>{recovering ? <RecoverPage /> : <ProductList adapter={adapter} />}</main>
        <CartPanel />
      </div>
    </>
  )
}
