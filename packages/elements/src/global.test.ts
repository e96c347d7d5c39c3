// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ToteCartElement } from './cart-root/index.ts'

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('the one-script build', () => {
  it('defines the elements on load and exposes core, the adapters and the elements', async () => {
    const Tote = await import('./global.ts')
    expect(customElements.get('tote-cart')).toBe(Tote.ToteCartElement)
    expect(customElements.get('tote-cart-lines')).toBe(Tote.ToteCartLinesElement)
    const names = ['createCart', 'createRestAdapter', 'createShopifyAjaxAdapter', 'toGa4']
    for (const name of [...names, 'defineToteElements']) {
      expect(typeof Tote[name as keyof typeof Tote]).toBe('function')
    }
    expect(Object.keys(Tote.adapters)).toEqual(['rest', 'shopify-ajax'])
  })

  it('gives carts built from attributes recovery, and exposes it with the languages', async () => {
    const Tote = await import('./global.ts')
    expect(Tote.ToteCartElement.recovery).toBe(Tote.recovery)
    expect(Tote.fr.out_of_stock).toContain('épuisé')
    expect(Tote.nb.out_of_stock).toContain('utsolgt')
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

  it('configures a theme cart from attributes, against the shop root', async () => {
    await import('./global.ts')
    const requests: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      requests.push(String(input instanceof Request ? input.url : input))
      return new Response('{}', { status: 500 })
    })
    ;(globalThis as { Shopify?: unknown }).Shopify = { routes: { root: '/fr/' } }
    document.body.innerHTML = '<tote-cart adapter="shopify-ajax"></tote-cart>'
    const root = document.querySelector('tote-cart') as ToteCartElement
    root.cart?.add({ merchandiseId: '4242' })
    await vi.waitFor(() => expect(requests.length).toBeGreaterThan(0))
    expect(new URL(requests[0]!, location.href).pathname).toMatch(/^\/fr\/cart/)
    root.remove()
    delete (globalThis as { Shopify?: unknown }).Shopify
  })

  it('says which attribute the REST adapter needs', async () => {
    await import('./global.ts')
    const root = document.createElement('tote-cart') as ToteCartElement
    root.setAttribute('adapter', 'rest')
    expect(() => root.connectedCallback()).toThrow(/endpoint/)
  })
})
