// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

const LINES = `
  <tote-cart locale="en-US">
    <tote-cart-lines>
      <template>
        <li>
          <img data-tote-field="image">
          <span data-tote-field="title"></span> <small data-tote-field="variant"></small>
          <em data-tote-field="attribute:Engraving"></em>
          <tote-quantity>
            <button data-tote-step="-1">-</button><input type="number"><button data-tote-step="1">+</button>
          </tote-quantity>
          <span data-tote-field="total"></span>
          <button data-tote-action="remove">Remove</button>
        </li>
      </template>
      <ul data-tote-lines><li data-tote-fallback>Server-rendered line</li></ul>
    </tote-cart-lines>
  </tote-cart>`

afterEach(() => {
  document.body.innerHTML = ''
})

function rows() {
  return [...document.querySelectorAll<HTMLElement>('[data-tote-lines] > li')]
}

describe('<tote-cart-lines>', () => {
  it('renders each line from the template, as text, with safe images only', async () => {
    const root = page(LINES)
    const { cart, backend } = createTestCart()
    backend.addMerchandise({
      id: 'evil',
      productId: 'evil',
      productTitle: '<img src=x onerror="alert(1)">',
      title: 'Default',
      image: { url: 'javascript:alert(1)' },
      price: { amount: 100, currency: 'EUR' },
    })
    root.cart = cart
    expect($('tote-cart-lines').hasAttribute('empty')).toBe(true)
    expect(rows()).toEqual([])
    cart.add({ merchandiseId: 'tee-black-m', quantity: 2, attributes: { Engraving: 'Ada' } })
    cart.add({ merchandiseId: 'evil' })
    await cart.settled()

    const [tee, evil] = rows()
    expect(tee?.querySelector('[data-tote-field="title"]')?.textContent).toBe('Organic cotton tee')
    expect(tee?.querySelector('[data-tote-field="variant"]')?.textContent).toBe('Black / M')
    expect(tee?.querySelector('em')?.textContent).toBe('Ada')
    expect(tee?.querySelector('[data-tote-field="total"]')?.textContent).toBe('€50.00')
    expect(tee?.querySelector('img')?.getAttribute('src')).toBe('/images/tee-black.svg')
    expect(tee?.querySelector('input')?.value).toBe('2')
    expect(evil?.querySelector('[data-tote-field="title"]')?.textContent).toBe(
      '<img src=x onerror="alert(1)">',
    )
    expect(evil?.querySelectorAll('img')).toHaveLength(1)
    expect(evil?.querySelector('img')?.hasAttribute('src')).toBe(false)
    expect($('tote-cart-lines').hasAttribute('empty')).toBe(false)
    cart.destroy()
  })

  it('keeps rows of unchanged lines, and removes a line from its button', async () => {
    const root = page(LINES)
    const { cart } = createTestCart()
    root.cart = cart
    cart.add({ merchandiseId: 'tote-natural' })
    cart.add({ merchandiseId: 'mug-speckled' })
    await cart.settled()
    const [tote, mug] = rows()
    expect(tote?.getAttribute('data-line-key')).toBe('tote-natural')

    mug?.querySelector<HTMLElement>('[data-tote-action="remove"]')?.click()
    expect(rows()).toHaveLength(1)
    await cart.settled()
    expect(rows()).toHaveLength(1)
    expect(rows()[0]).toBe(tote)
    expect(cart.$lines.get().map((line) => line.key)).toEqual(['tote-natural'])
    cart.destroy()
  })

  it('steps and sets quantities from <tote-quantity>, down to removal', async () => {
    const root = page(LINES)
    const { cart } = createTestCart()
    root.cart = cart
    cart.add({ merchandiseId: 'tote-natural' })
    const plus = () => $('[data-tote-step="1"]').click()
    plus()
    plus()
    plus()
    expect(cart.line('tote-natural').get()?.quantity).toBe(4)
    const input = $('tote-quantity input') as HTMLInputElement
    expect(input.value).toBe('4')
    input.value = '7'
    input.dispatchEvent(new Event('change'))
    expect(cart.line('tote-natural').get()?.quantity).toBe(7)
    input.value = 'seven'
    input.dispatchEvent(new Event('change'))
    expect(input.value).toBe('7')
    input.value = '1'
    input.dispatchEvent(new Event('change'))
    $('[data-tote-step="-1"]').click()
    expect(cart.$lines.get()).toEqual([])
    expect(rows()).toEqual([])
    await cart.settled()
    cart.destroy()
  })

  it('stops rendering and clears its rows when disconnected', () => {
    const root = page(LINES)
    const { cart } = createTestCart()
    root.cart = cart
    cart.add({ merchandiseId: 'tote-natural' })
    const lines = $('tote-cart-lines')
    lines.remove()
    expect(lines.querySelectorAll('[data-line-key]')).toHaveLength(0)
    cart.add({ merchandiseId: 'mug-speckled' })
    expect(lines.querySelectorAll('[data-line-key]')).toHaveLength(0)
    cart.destroy()
  })
})
