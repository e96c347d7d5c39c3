// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

const CHECKOUT = `<tote-cart><tote-checkout>
  <form action="/cart" method="post"><button name="checkout">Check out</button></form>
</tote-checkout></tote-cart>`

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

function submit(): Event {
  const event = new Event('submit', { bubbles: true, cancelable: true })
  $('form').dispatchEvent(event)
  return event
}

describe('<tote-checkout>', () => {
  it('sends pending changes, then goes to the checkout URL', async () => {
    const root = page(CHECKOUT)
    const { cart, backend } = createTestCart()
    root.cart = cart
    cart.add({ merchandiseId: 'tote-natural', quantity: 2 })
    const urls: string[] = []
    document.addEventListener('tote:checkout', (event) => {
      event.preventDefault()
      urls.push(event.detail.url)
    })
    expect(submit().defaultPrevented).toBe(true)
    expect($('tote-checkout').hasAttribute('busy')).toBe(true)
    await vi.waitFor(() => expect(urls).toHaveLength(1))
    const id = cart.$cart.get().id!
    expect(urls[0]).toBe(backend.getCart(id)?.checkoutUrl)
    expect(backend.getCart(id)?.lines.map((line) => line.quantity)).toEqual([2])
    await vi.waitFor(() => expect($('tote-checkout').hasAttribute('busy')).toBe(false))
    cart.destroy()
  })

  it('posts the form as usual when the cart cannot check out', async () => {
    const root = page(CHECKOUT)
    const { cart } = createTestCart()
    root.cart = cart
    const post = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {})
    submit()
    await vi.waitFor(() => expect(post).toHaveBeenCalledOnce())
    cart.destroy()
  })
})
