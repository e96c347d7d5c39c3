import type { ReactNode } from 'react'
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from 'react-router'
// The cart's components are the client-rendered shop's (examples/react-shop), unchanged: under
// server rendering only where they are rendered changes (inside CartBoundary).
import { CartPanel } from '../../react-shop/src/components/CartPanel.tsx'
import { Notices } from '../../react-shop/src/components/Notices.tsx'
import '../../react-shop/src/styles.css'
import { CartBoundary } from './cart-boundary.tsx'
import { CartCount } from './components/CartCount.tsx'
import { CartPlaceholder } from './components/CartPlaceholder.tsx'

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Atelier Tote — React Router</title>
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

/**
 * The page frame. The product list (in the routes) is rendered on the server; what depends
 * on the shopper's cart is inside `CartBoundary`, rendered in the browser only.
 */
export default function App() {
  return (
    <>
      <header className="site-header">
        <a href="/" className="brand">
          Atelier Tote
        </a>
        <CartBoundary fallback={<span className="cart-count">Cart</span>}>
          <CartCount />
        </CartBoundary>
      </header>
      <CartBoundary fallback={null}>
        <Notices />
      </CartBoundary>
      <div className="layout">
        <main>
          <Outlet />
        </main>
        <CartBoundary fallback={<CartPlaceholder />}>
          <CartPanel />
        </CartBoundary>
      </div>
    </>
  )
}
