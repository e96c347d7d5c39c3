// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

afterEach(() => {
  document.body.innerHTML = ''
})

const TOTALS = `<tote-cart-totals>
  <span data-tote-field="subtotal"></span>
  <p data-tote-discounts>−<span data-tote-field="discounts"></span></p>
  <span data-tote-field="total"></span> <small data-tote-estimated>(estimated)</small>
</tote-cart-totals>`

describe('<tote-cart-totals>', () => {
  it("formats the totals in the cart's locale, estimated until the backend confirms", async () => {
    const root = page(`<tote-cart locale="fr">${TOTALS}</tote-cart>`)
    const { cart } = createTestCart({ locale: 'fr' })
    root.cart = cart
    cart.add({ merchandiseId: 'tote-natural', quantity: 2 })
    const element = $('tote-cart-totals')
    expect(element.hasAttribute('estimated')).toBe(true)
    expect($('[data-tote-estimated]').hidden).toBe(false)
    await cart.settled()
    expect($('[data-tote-field="subtotal"]').textContent).toMatch(/^58,00\s€$/u)
    expect($('[data-tote-field="total"]').textContent).toMatch(/^58,00\s€$/u)
    expect(element.hasAttribute('estimated')).toBe(false)
    expect($('[data-tote-estimated]').hidden).toBe(true)
    // No discount confirmed: its row is hidden.
    expect($('[data-tote-discounts]').hidden).toBe(true)
    cart.destroy()
  })
})
