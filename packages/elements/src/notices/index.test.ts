// @vitest-environment happy-dom

import type { Notice } from '@tote/core'
import { afterEach, describe, expect, it } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'
import { mergeNotices } from './index.ts'

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

describe('mergeNotices', () => {
  const notice = (id: string, message: string, lineKey = 'mug'): Notice => ({
    id,
    code: 'insufficient_stock',
    lineKey,
    message,
  })

  it('keeps a repeated notice once, at its first place', () => {
    const first = notice('a', 'Only 3 units of Enamel mug are left.')
    const other = notice('b', 'Only 1 unit of Tote is left.', 'tote')
    const again = notice('c', 'Only 3 units of Enamel mug are left.')
    expect(mergeNotices([first, other, again])).toEqual([first, other])
  })

  it('keeps notices apart that differ in message or line', () => {
    const a = notice('a', 'Only 3 left.')
    const b = notice('b', 'Only 2 left.')
    const c = notice('c', 'Only 3 left.', 'tote')
    expect(mergeNotices([a, b, c])).toEqual([a, b, c])
  })
})

describe('<tote-notices> with a notice raised twice', () => {
  it('shows it once, and dismissing it dismisses both', async () => {
    const root = page('<tote-cart><tote-notices></tote-notices></tote-cart>')
    const { cart, backend } = createTestCart()
    root.cart = cart
    backend.sellOut('tee-black-m')
    for (let round = 0; round < 2; round++) {
      cart.add({ merchandiseId: 'tee-black-m' })
      await cart.settled()
    }
    expect(cart.$notices.get()).toHaveLength(2)
    expect(document.querySelectorAll('tote-notices [data-notice-id]')).toHaveLength(1)
    $('[data-tote-action="dismiss"]').click()
    expect(cart.$notices.get()).toEqual([])
    cart.destroy()
  })
})
