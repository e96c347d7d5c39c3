// @vitest-environment happy-dom
import { ToteError } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

const RECOVERY = `<tote-cart><tote-recovery link="https://shop.example/recover?token=t1">
  <p><span data-tote-field="removed"></span> removed, <span data-tote-field="repriced"></span> repriced</p>
  <p data-tote-field="error"></p>
  <template><li data-tote-field="message"></li></template>
</tote-recovery></tote-cart>`

afterEach(() => {
  document.body.innerHTML = ''
})

describe('<tote-recovery>', () => {
  it('opens the link once and shows the report', async () => {
    const root = page(RECOVERY)
    const { cart } = createTestCart()
    const report = {
      notices: [
        { id: 'n1', code: 'out_of_stock' as const, message: 'The mug sold out' },
        { id: 'n2', code: 'price_changed' as const, message: 'The tee now costs €28.00' },
      ],
      counts: { removed: 1, lowered: 0, repriced: 1, currencyChanged: 0 },
    }
    const open = vi.spyOn(cart, 'openRecovery').mockResolvedValue(report)
    const recovered = vi.fn()
    document.addEventListener('tote:recovered', (event) => recovered(event.detail))
    root.cart = cart
    const element = $('tote-recovery')
    expect(element.getAttribute('state')).toBe('loading')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('done'))

    expect(open).toHaveBeenCalledWith('https://shop.example/recover?token=t1')
    expect([...element.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'The mug sold out',
      'The tee now costs €28.00',
    ])
    expect(element.querySelector('p')?.textContent).toBe('1 removed, 1 repriced')
    expect(recovered).toHaveBeenCalledWith(report)
    element.remove()
    root.append(element)
    expect(open).toHaveBeenCalledOnce()
    cart.destroy()
  })

  it('leaves the notices to <tote-notices> when the page has one, so each shows once', async () => {
    const abandoned = createTestCart()
    abandoned.cart.add({ merchandiseId: 'mug-speckled', quantity: 1 })
    abandoned.cart.add({ merchandiseId: 'tote-natural', quantity: 1 })
    await abandoned.cart.settled()
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.backend.sellOut('mug-speckled')
    abandoned.cart.destroy()

    const root = page(
      RECOVERY.replace('https://shop.example/recover?token=t1', link).replace(
        '</tote-recovery>',
        '</tote-recovery><tote-notices><template><li data-tote-field="message"></li></template></tote-notices>',
      ),
    )
    const cart = createTestCart({ adapter: abandoned.adapter, recovery }).cart
    root.cart = cart
    const element = $('tote-recovery')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('done'))
    await vi.waitFor(() => expect(document.querySelectorAll('tote-notices li')).toHaveLength(1))
    expect(element.querySelectorAll('li')).toHaveLength(0)
    expect(element.querySelector('p')?.textContent).toBe('1 removed, 0 repriced')
    cart.destroy()
  })

  it('rebuilds an abandoned cart from a real link and reports what sold out', async () => {
    const abandoned = createTestCart()
    abandoned.cart.add({ merchandiseId: 'tote-natural', quantity: 1 })
    abandoned.cart.add({ merchandiseId: 'mug-speckled', quantity: 1 })
    await abandoned.cart.settled()
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.backend.sellOut('mug-speckled')
    abandoned.cart.destroy()

    const root = page(RECOVERY.replace('https://shop.example/recover?token=t1', link))
    // The landing page is a new visit to the same backend.
    const cart = createTestCart({ adapter: abandoned.adapter, recovery }).cart
    root.cart = cart
    const element = $('tote-recovery')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('done'))
    expect(element.querySelector('p')?.textContent).toBe('1 removed, 0 repriced')
    expect(element.querySelectorAll('li')).toHaveLength(1)
    expect(cart.$lines.get().map((line) => line.key)).toEqual(['tote-natural'])
    cart.destroy()
  })

  it('shows why a bad link failed, and leaves a usable cart', async () => {
    const root = page(RECOVERY.replace('token=t1', 'token=forged'))
    const { cart } = createTestCart({ recovery })
    root.cart = cart
    const element = $('tote-recovery')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('error'))
    expect($('[data-tote-field="error"]').textContent).not.toBe('')
    cart.add({ merchandiseId: 'tote-natural' })
    await cart.settled()
    expect(cart.$count.get()).toBe(1)
    cart.destroy()
  })

  it('reads the link from the page address and shows why it failed', async () => {
    const root = page(RECOVERY.replace(' link="https://shop.example/recover?token=t1"', ''))
    const { cart } = createTestCart()
    const open = vi
      .spyOn(cart, 'openRecovery')
      .mockRejectedValue(new ToteError('invalid_recovery_link', 'This link has expired'))
    root.cart = cart
    const element = $('tote-recovery')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('error'))
    expect(open).toHaveBeenCalledWith(location.href)
    expect($('[data-tote-field="error"]').textContent).toBe('This link has expired')
    cart.destroy()
  })

  it('says the cart needs recovery when it was created without', async () => {
    const root = page(RECOVERY)
    const { cart } = createTestCart()
    root.cart = cart
    const element = $('tote-recovery')
    await vi.waitFor(() => expect(element.getAttribute('state')).toBe('error'))
    expect($('[data-tote-field="error"]').textContent).toContain('@tote/core/recovery')
    cart.destroy()
  })
})
