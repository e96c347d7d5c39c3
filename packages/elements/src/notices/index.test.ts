// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

afterEach(() => {
  document.body.innerHTML = ''
})

async function soldOutNotice(html: string) {
  const root = page(html)
  const test = createTestCart()
  root.cart = test.cart
  test.backend.sellOut('tee-black-m')
  test.cart.add({ merchandiseId: 'tee-black-m' })
  await test.cart.settled()
  return test
}

describe('<tote-notices>', () => {
  it('lists notices in a polite live region and dismisses them', async () => {
    const { cart } = await soldOutNotice('<tote-cart><tote-notices></tote-notices></tote-cart>')
    const element = $('tote-notices')
    expect(element.getAttribute('role')).toBe('status')
    expect(element.getAttribute('aria-live')).toBe('polite')
    const row = element.querySelector('[data-notice-id]')
    expect(row?.getAttribute('data-code')).toBe('out_of_stock')
    expect(row?.querySelector('[data-tote-field="message"]')?.textContent).toBe(
      cart.$notices.get()[0]?.message,
    )
    element.querySelector<HTMLElement>('[data-tote-action="dismiss"]')?.click()
    expect(cart.$notices.get()).toEqual([])
    expect(element.querySelector('[data-notice-id]')).toBeNull()
    expect(element.hasAttribute('empty')).toBe(true)
    cart.destroy()
  })

  it("renders from the theme's template", async () => {
    const { cart } = await soldOutNotice(`<tote-cart><tote-notices>
      <template><div class="notice"><b data-tote-field="code"></b></div></template>
    </tote-notices></tote-cart>`)
    expect($('.notice b').textContent).toBe('out_of_stock')
    cart.destroy()
  })
})
