// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { whenCart } from './base/index.ts'
import type { ToteCartElement } from './cart-root/index.ts'
import type { adapters } from './global.ts'

/** `window.Tote` in the one-script build, as the test reads it. */
type ToteOneScript = typeof import('./theme/engine.ts') &
  typeof import('./theme/recovery.ts') & {
    adapters: typeof adapters
    whenCart: typeof whenCart
    load(): Promise<typeof import('./theme/engine.ts')>
  }

/** `window.Tote`, as the one-script build sets it. */
const global = (): ToteOneScript => (globalThis as { Tote?: ToteOneScript }).Tote!

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('the one-script build', () => {
  // First: the script runs once per test file, and this test watches it run.
  it('puts window.Tote in place before it defines an element or a Tote event fires', async () => {
    document.body.innerHTML =
      '<tote-cart adapter="rest" endpoint="https://api.shop.example"><tote-cart-count></tote-cart-count></tote-cart>'
    const seen: string[] = []
    const look = (event: Event) => seen.push(`${event.type}: ${typeof global()?.createCart}`)
    document.addEventListener('tote:ready', look)
    document.addEventListener('tote:cart-updated', look)
    const define = customElements.define.bind(customElements)
    vi.spyOn(customElements, 'define').mockImplementation((name, element, options) => {
      seen.push(`define ${name}: ${typeof global()?.createCart}`)
      define(name, element, options)
    })
    expect(global()).toBeUndefined()
    await import('./global.ts')
    document.removeEventListener('tote:ready', look)
    document.removeEventListener('tote:cart-updated', look)
    expect(seen).toContain('define tote-cart: function')
    expect(seen).toContain('tote:cart-updated: function')
    expect(seen.every((entry) => entry.endsWith(': function'))).toBe(true)
    ;(document.querySelector('tote-cart') as ToteCartElement).remove()
  })

  it('defines the elements on load and exposes core, the adapters and the elements', async () => {
    await import('./global.ts')
    const Tote = global()
    expect(customElements.get('tote-cart')).toBe(Tote.ToteCartElement)
    expect(customElements.get('tote-cart-lines')).toBe(Tote.ToteCartLinesElement)
    const names = ['createCart', 'createRestAdapter', 'createShopifyAjaxAdapter', 'toGa4']
    for (const name of [...names, 'defineToteElements', 'load', 'whenCart']) {
      expect(typeof Tote[name as keyof typeof Tote]).toBe('function')
    }
    expect(Object.keys(Tote.adapters)).toEqual(['rest', 'shopify-ajax'])
    expect((await Tote.load()).createCart).toBe(Tote.createCart)
  })

  it('gives carts built from attributes recovery, and exposes it with the languages', async () => {
    await import('./global.ts')
    const Tote = global()
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
