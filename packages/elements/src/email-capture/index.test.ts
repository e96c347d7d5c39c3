// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { $, createTestCart, page } from '../test-cart.ts'

const CAPTURE = `
  <tote-cart>
    <tote-email-capture debounce="800">
      <input type="email">
      <label><input type="checkbox" data-tote-consent> News</label>
      <small data-tote-field="error"></small>
    </tote-email-capture>
  </tote-cart>`

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

async function setup() {
  const root = page(CAPTURE)
  const test = createTestCart()
  root.cart = test.cart
  // The cart exists on the backend before an email can be captured on it.
  test.cart.add({ merchandiseId: 'tote-natural' })
  await vi.advanceTimersByTimeAsync(1000)
  const input = $('input[type="email"]') as HTMLInputElement
  const captures = () => test.adapter.calls.filter((call) => call.method === 'captureEmail')
  const type = async (text: string) => {
    for (let end = 1; end <= text.length; end++) {
      input.value = text.slice(0, end)
      input.dispatchEvent(new Event('input'))
      await vi.advanceTimersByTimeAsync(120)
    }
  }
  return { ...test, input, captures, type, element: $('tote-email-capture') }
}

describe('<tote-email-capture>', () => {
  it('saves once after typing pauses, never per keystroke', async () => {
    const { cart, input, captures, type, element } = await setup()
    await type('ada@example.com')
    expect(captures()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(800)
    expect(captures().map((call) => call.email)).toEqual([
      { email: 'ada@example.com', consent: false },
    ])
    expect(element.getAttribute('state')).toBe('saved')
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(captures()).toHaveLength(1)
    expect(cart.$email.get()).toEqual({ state: 'saved', email: 'ada@example.com' })
    cart.destroy()
  })

  it('saves at once on blur, with consent', async () => {
    const { cart, backend, input, captures } = await setup()
    ;($('input[data-tote-consent]') as HTMLInputElement).checked = true
    input.value = 'grace@example.com'
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captures().map((call) => call.email)).toEqual([
      { email: 'grace@example.com', consent: true },
    ])
    await vi.advanceTimersByTimeAsync(2000)
    expect(captures()).toHaveLength(1)
    expect(backend.inspectCart(cart.$cart.get().id!)?.emailConsent).toBe(true)
    cart.destroy()
  })

  it('saves again when consent is given after the address', async () => {
    const { cart, input } = await setup()
    const capture = vi.spyOn(cart, 'captureEmail')
    input.value = 'ada@example.com'
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    const box = $('input[data-tote-consent]') as HTMLInputElement
    box.checked = true
    box.dispatchEvent(new Event('change'))
    box.dispatchEvent(new Event('change'))
    await vi.advanceTimersByTimeAsync(0)
    expect(capture.mock.calls).toEqual([
      ['ada@example.com', { consent: false }],
      ['ada@example.com', { consent: true }],
    ])
    cart.destroy()
  })

  it('says why on blur when the address is malformed, and stays quiet while typing one', async () => {
    const { cart, input, captures, type, element } = await setup()
    await type('ada@')
    await vi.advanceTimersByTimeAsync(800)
    expect(element.getAttribute('state')).toBe('idle')
    input.value = 'ada@@example'
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captures()).toHaveLength(0)
    expect(element.getAttribute('state')).toBe('error')
    expect($('[data-tote-field="error"]').textContent).toMatch(/email/)
    cart.destroy()
  })

  it('fills the input with an email the cart already has', async () => {
    const { cart } = createTestCart()
    cart.add({ merchandiseId: 'tote-natural' })
    await vi.advanceTimersByTimeAsync(1000)
    await cart.captureEmail('ada@example.com')
    page(CAPTURE).cart = cart
    expect(($('input[type="email"]') as HTMLInputElement).value).toBe('ada@example.com')
    expect($('tote-email-capture').getAttribute('state')).toBe('saved')
    cart.destroy()
  })
})
