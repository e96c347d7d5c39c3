/// <reference types="vite/client" />
// The names the docs' code blocks may use without declaring them: what a page or an app
// already has around a snippet. Keep this list short; a block that declares one of these
// names itself uses its own. docs/README.md lists them for writers. Blocks see Vite's client
// types (`import.meta.env`), as an app built with Vite does.
import type { Cart, CartAdapter } from '@tote/core'
import type { Root } from 'react-dom/client'

declare global {
  /** A cart made by `createCart(...)`. */
  const cart: Cart
  /** An adapter, such as `createRestAdapter(...)`. */
  const adapter: CartAdapter
  /** The app's root component, React's or Vue's. */
  function App(): null
  /** The React root of the page, from `createRoot(...)`. */
  const root: Root
  /** A Shopify theme page's global (`Shopify.routes.root` is the locale's root, '/fr/'...). */
  interface Window {
    Shopify: { routes: { root: string } }
  }
}
