// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { ToteCartElement } from './cart-root/index.ts'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the one-script build', () => {
  it('defines the elements on load and exposes core, the adapters and the elements', async () => {
    const Tote = await import('./global.ts')
    expect(customElements.get('tote-cart')).toBe(Tote.ToteCartElement)
    expect(customElements.get('tote-cart-lines')).toBe(Tote.ToteCartLinesElement)
    for (const name of ['createCart', 'createRestAdapter', 'formatMoney', 'defineToteElements']) {
      expect(typeof Tote[name as keyof typeof Tote]).toBe('function')
    }
    expect(Object.keys(Tote.adapters)).toEqual(['rest'])
  })

  it('configures a REST cart from attributes', async () => {
    await import('./global.ts')
    document.body.innerHTML =
      '<tote-cart adapter="rest" endpoint="https://api.shop.example"><tote-cart-count></tote-cart-count></tote-cart>'
    const root = document.querySelector('tote-cart') as ToteCartElement
    expect(root.cart).not.toBeNull()
    expect(document.querySelector('tote-cart-count')?.textContent).toBe('0')
    root.remove()
  })

  it('says which attribute the REST adapter needs', async () => {
    await import('./global.ts')
    const root = document.createElement('tote-cart') as ToteCartElement
    root.setAttribute('adapter', 'rest')
    expect(() => root.connectedCallback()).toThrow(/endpoint/)
  })
})
