// @vitest-environment happy-dom
import type { Cart } from '@tote/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type CartBuilder, ToteCartElement } from '../cart-root/index.ts'
import { defineToteElements } from '../define/index.ts'
import { $, createTestCart, page } from '../test-cart.ts'
import { onCartDemand, whenCart } from './index.ts'

/**
 * Defines the elements with a builder whose carts arrive when the test says, as the theme
 * build's engine does, and puts `html` in the page.
 */
function pageLater(html: string) {
  const pending: ((cart: Cart) => void)[] = []
  const builder: CartBuilder = () => new Promise<Cart>((resolve) => pending.push(resolve))
  defineToteElements()
  ToteCartElement.builder = builder
  document.body.innerHTML = html
  return {
    root: document.querySelector('tote-cart') as ToteCartElement,
    /** Gives the oldest waiting root its cart; resolves once the microtasks after it ran. */
    async arrive(cart: Cart) {
      pending.shift()?.(cart)
      for (let turn = 0; turn < 5; turn++) await Promise.resolve()
    },
  }
}

const original = ToteCartElement.builder
afterEach(() => {
  ToteCartElement.builder = original
  onCartDemand(() => {})
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const PRODUCT = (id: string) => `
  <tote-add-to-cart data-product="${id}">
    <form action="/cart/add" method="post">
      <input type="hidden" name="id" value="${id}">
      <input type="number" name="quantity" value="1">
      <button>Add to cart</button>
    </form>
  </tote-add-to-cart>`

function submit(product: string): Event {
  const event = new Event('submit', { bubbles: true, cancelable: true })
  $(`[data-product="${product}"] form`).dispatchEvent(event)
  return event
}

describe('whenCart', () => {
  it('gives the cart at once when the root has one, and once it gets it otherwise', async () => {
    const demand = vi.fn()
    onCartDemand(demand)
    const later = pageLater(`<tote-cart adapter="later">${PRODUCT('tote-natural')}</tote-cart>`)

    const waiting = whenCart($('tote-add-to-cart'))
    expect(demand).toHaveBeenCalledOnce()
    const { cart } = createTestCart()
    await later.arrive(cart)
    await expect(waiting).resolves.toBe(cart)
    await expect(whenCart($('tote-add-to-cart'))).resolves.toBe(cart)
    cart.destroy()
  })

  it('refuses an element with no root that will bring a cart', async () => {
    page(`<tote-cart>${PRODUCT('tote-natural')}</tote-cart>`)
    await expect(whenCart($('tote-add-to-cart'))).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('<tote-add-to-cart> has no <tote-cart>'),
    })
  })
})

describe('a submit before the cart exists', () => {
  // That the replay keeps the fields as they were at the submit rests on the `formdata` event,
  // which happy-dom does not fire: test/browser/theme-loading.test.ts checks it in Chromium.
  it('is held, then replayed in order once the cart is there', async () => {
    const demand = vi.fn()
    onCartDemand(demand)
    const later = pageLater(
      `<tote-cart adapter="later">${PRODUCT('tote-natural')}${PRODUCT('mug-speckled')}<tote-cart-count>7</tote-cart-count></tote-cart>`,
    )
    const replayed: string[] = []
    document.addEventListener('submit', (event) => {
      replayed.push(
        (event.target as Element).closest('[data-product]')!.getAttribute('data-product')!,
      )
    })

    ;($('[data-product="mug-speckled"] input[name="quantity"]') as HTMLInputElement).value = '3'
    const first = submit('mug-speckled')
    const second = submit('tote-natural')

    expect([first.defaultPrevented, second.defaultPrevented]).toEqual([true, true])
    expect(replayed).toEqual([])
    expect(demand).toHaveBeenCalled()
    // The count the theme rendered stays until the cart is there.
    expect($('tote-cart-count').textContent).toBe('7')

    const { cart } = createTestCart()
    await later.arrive(cart)
    expect(replayed).toEqual(['mug-speckled', 'tote-natural'])
    expect(cart.$lines.get().map((line) => [line.merchandiseId, line.quantity])).toEqual([
      ['mug-speckled', 3],
      ['tote-natural', 1],
    ])
    expect($('tote-cart-count').textContent).toBe('4')
    await cart.settled()
    cart.destroy()
  })

  it('posts as without script when no root will bring a cart', () => {
    page(`<tote-cart>${PRODUCT('tote-natural')}</tote-cart>`)
    expect(submit('tote-natural').defaultPrevented).toBe(false)
  })
})

describe('<tote-cart> with a builder that takes time', () => {
  it('destroys a cart that arrives after the element left, or after a script set one', async () => {
    const later = pageLater('<tote-cart adapter="later"></tote-cart>')
    const left = later.root
    left.remove()
    const late = createTestCart().cart
    const destroyLate = vi.spyOn(late, 'destroy')
    await later.arrive(late)
    expect(destroyLate).toHaveBeenCalledOnce()
    expect(left.cart).toBeNull()

    const again = pageLater('<tote-cart adapter="later"></tote-cart>')
    const root = again.root
    const mine = createTestCart().cart
    root.cart = mine
    const built = createTestCart().cart
    const destroyBuilt = vi.spyOn(built, 'destroy')
    await again.arrive(built)
    expect(root.cart).toBe(mine)
    expect(destroyBuilt).toHaveBeenCalledOnce()
    mine.destroy()
  })
})
