// Run by test/packaging/packages.test.ts inside a blank project with the packed tarballs
// installed: @tote/react's README example, rendered to a string with react-dom/server. Node
// runs no JSX, so the README's elements are written with createElement; `Shop` shows the count
// and the README's `Line`. The cart is @tote/testing's test cart (its README: "createTestCart
// gives the same in one call, for UI tests"). On the server every hook shows the empty cart
// (the shopper's cart lives in their browser), so hydration matches.

import { CartProvider, useCart, useCartCount, useCartLine } from '@tote/react'
import { createTestCart } from '@tote/testing'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'

const { cart } = createTestCart({ lines: { 'pin-fox': 2 } })
await cart.settled()

function Line({ lineKey }) {
  const cart = useCart()
  const line = useCartLine(lineKey) // re-renders only when this line changes
  return (
    line &&
    h(
      'button',
      { type: 'button', onClick: () => cart.setQuantity(lineKey, line.quantity + 1) },
      '+',
    )
  )
}

function Shop() {
  const count = useCartCount()
  const sameCart = useCart() === cart
  return h('p', null, `Cart (${count}) provided: ${sameCart}`, h(Line, { lineKey: 'pin-fox' }))
}

const html = renderToString(h(CartProvider, { cart }, h(Shop)))
const count = cart.$count.get()
cart.destroy()
console.log(JSON.stringify({ html, count }))
