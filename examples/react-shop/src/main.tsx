import { CartProvider } from '@tote/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { cart } from './cart.ts'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CartProvider cart={cart}>
      <App />
    </CartProvider>
  </StrictMode>,
)
