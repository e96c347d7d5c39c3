// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

const FORM = `
  <tote-add-to-cart merchandise-id="tote-natural">
    <form action="/cart/add" method="post">
      <input type="hidden" name="id" value="tee-black-m">
      <input type="number" name="quantity" value="2">
      <input name="properties[Engraving]" value="Ada">
      <input name="properties[Gift note]" value="  ">
      <button>Add to cart</button>
    </form>
  </tote-add-to-cart>`

function submit(): Event {
  const event = new Event('submit', { bubbles: true, cancelable: true })
  $('form').dispatchEvent(event)
  return event
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<tote-add-to-cart>', () => {
  it('adds the variant, quantity and line properties in place of the post', async () => {
    const root = page(`<tote-cart>${FORM}</tote-cart>`)
    const { cart } = createTestCart()
    root.cart = cart
    const added: unknown[] = []
    document.addEventListener('tote:added', (event) => added.push(event.detail))

    const event = submit()

    expect(event.defaultPrevented).toBe(true)
    const [line] = cart.$lines.get()
    expect(line).toMatchObject({
      merchandiseId: 'tee-black-m',
      quantity: 2,
      attributes: { Engraving: 'Ada' },
    })
    expect(added).toEqual([{ lineKey: line!.key, merchandiseId: 'tee-black-m', quantity: 2 }])
    submit()
    expect(cart.line(line!.key).get()?.quantity).toBe(4)
    await cart.settled()
    cart.destroy()
  })

  it('posts the selling plan a subscription form chose, and none for a one-time purchase', () => {
    const root = page(`<tote-cart><tote-add-to-cart><form action="/cart/add">
      <input type="hidden" name="id" value="tee-black-m">
      <input type="radio" name="selling_plan" value="" checked>
      <input type="radio" name="selling_plan" value="7001">
      <button>Add</button></form></tote-add-to-cart></tote-cart>`)
    const { cart } = createTestCart()
    root.cart = cart
    submit()
    document.querySelector<HTMLInputElement>('input[value="7001"]')!.checked = true
    submit()
    expect(cart.$lines.get().map((line) => [line.merchandiseId, line.sellingPlanId])).toEqual([
      ['tee-black-m', null],
      ['tee-black-m', '7001'],
    ])
    cart.destroy()
  })

  it('takes the variant from its attribute and one unit when the form has neither', () => {
    const root = page(`<tote-cart><tote-add-to-cart merchandise-id="mug-speckled">
      <form action="/cart/add"><button>Add</button></form></tote-add-to-cart></tote-cart>`)
    const { cart } = createTestCart()
    root.cart = cart
    submit()
    expect(cart.$lines.get().map((line) => [line.key, line.quantity])).toEqual([
      ['mug-speckled', 1],
    ])
    cart.destroy()
  })

  it('shows the new line at once from the merchandise the page knows, and ignores a bad one', async () => {
    const tee = {
      id: 'tee-black-m',
      productId: 'organic-tee',
      productTitle: 'Organic cotton tee',
      title: 'Black / M',
      image: null,
      options: [],
      price: { amount: 2500, currency: 'EUR' },
      compareAtPrice: null,
      available: true,
      quantityAvailable: null,
    }
    const script = (json: string) =>
      `<script type="application/json" data-tote-merchandise>${json}</script>`
    const root = page(
      `<tote-cart>${FORM.replace('<form', `${script(JSON.stringify([{ id: 'other' }, tee]))}<form`)}</tote-cart>`,
    )
    const { cart } = createTestCart()
    root.cart = cart
    expect(submit().defaultPrevented).toBe(true)
    expect(cart.$lines.get()[0]?.merchandise?.productTitle).toBe('Organic cotton tee')
    await cart.settled()
    cart.destroy()

    const broken = page(
      `<tote-cart>${FORM.replace('<form', `${script('{"id":"tee-black-m","price":"cheap"}')}<form`)}</tote-cart>`,
    )
    const second = createTestCart()
    broken.cart = second.cart
    expect(submit().defaultPrevented).toBe(true)
    expect(second.cart.$lines.get()[0]).toMatchObject({
      merchandiseId: 'tee-black-m',
      merchandise: null,
    })
    await second.cart.settled()
    second.cart.destroy()
  })

  it('lets the form post as usual without a cart, or with input the cart refuses', () => {
    page(FORM)
    expect(submit().defaultPrevented).toBe(false)

    const root = page(`<tote-cart>${FORM.replace('value="2"', 'value="-3"')}</tote-cart>`)
    const { cart } = createTestCart()
    root.cart = cart
    expect(submit().defaultPrevented).toBe(false)
    expect(cart.$count.get()).toBe(0)
    cart.destroy()
  })
})
