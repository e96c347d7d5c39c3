// @vitest-environment happy-dom
import { recovery } from '@tote/core/recovery'
import { createMemoryAdapter, createMemoryBackend, demoCatalogue } from '@tote/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineToteElements, TOTE_ELEMENTS } from '../define/index.ts'
import { $, createTestCart, page } from '../test-cart.ts'
import { ToteCartElement } from './index.ts'

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('<tote-cart>', () => {
  it('hands its cart to elements connected before it had one', async () => {
    const root = page('<tote-cart><tote-cart-count>?</tote-cart-count></tote-cart>')
    expect($('tote-cart-count').textContent).toBe('?')
    const { cart } = createTestCart()
    root.cart = cart
    expect($('tote-cart-count').textContent).toBe('0')
    cart.add({ merchandiseId: 'mug-speckled', quantity: 2 })
    expect($('tote-cart-count').textContent).toBe('2')
    await cart.settled()
    cart.destroy()
  })

  it('serves elements outside it, and switches them when its cart is replaced', () => {
    const root = page('<tote-cart-count></tote-cart-count><tote-cart></tote-cart>')
    const first = createTestCart().cart
    const second = createTestCart().cart
    root.cart = first
    second.add({ merchandiseId: 'tote-natural', quantity: 3 })
    expect($('tote-cart-count').textContent).toBe('0')
    root.cart = second
    expect($('tote-cart-count').textContent).toBe('3')
    first.destroy()
    second.destroy()
  })

  it('dispatches cart, status and notice events that bubble to the document', async () => {
    const root = page('<tote-cart></tote-cart>')
    const { cart, backend } = createTestCart()
    const updates: number[] = []
    const statuses: string[] = []
    const notices: string[] = []
    const analytics: string[] = []
    document.addEventListener('tote:analytics', (e) => analytics.push(e.detail.type))
    document.addEventListener('tote:cart-updated', (e) => updates.push(e.detail.count))
    document.addEventListener('tote:status', (e) => statuses.push(e.detail.state))
    document.addEventListener('tote:notice', (e) => notices.push(e.detail.code))
    root.cart = cart
    backend.sellOut('tee-black-m')
    cart.add({ merchandiseId: 'tee-black-m' })
    await cart.settled()
    cart.add({ merchandiseId: 'mug-speckled' })
    await cart.settled()
    expect(updates[0]).toBe(0)
    expect(updates).toContain(1)
    expect(updates.at(-1)).toBe(1)
    expect(statuses).toContain('syncing')
    expect(root.getAttribute('status')).toBe('idle')
    expect(notices).toEqual(['out_of_stock'])
    expect(analytics[0]).toBe('line_added')
    cart.destroy()
  })

  it('creates its cart from attributes with a registered adapter, and destroys it when removed', async () => {
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    const adapter = createMemoryAdapter(backend)
    const factory = vi.fn((_root: HTMLElement) => adapter)
    defineToteElements({ adapters: { memory: factory } })
    const root = page(
      '<tote-cart adapter="memory" shop="demo" storage-key="tote:test"><tote-cart-count></tote-cart-count></tote-cart>',
    )
    expect(factory).toHaveBeenCalledWith(root)
    const cart = root.cart!
    const destroy = vi.spyOn(cart, 'destroy')
    cart.add({ merchandiseId: 'tote-natural' })
    expect($('tote-cart-count').textContent).toBe('1')
    await cart.settled()
    expect(backend.cartIds()).toHaveLength(1)

    document.body.append(root) // a move keeps the cart
    await Promise.resolve()
    expect(destroy).not.toHaveBeenCalled()
    root.remove()
    await Promise.resolve()
    expect(destroy).toHaveBeenCalledOnce()
    expect(root.cart).toBeNull()
  })

  it('speaks the page language: Norwegian messages for <html lang="nb">', async () => {
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    defineToteElements({ adapters: { memory: () => createMemoryAdapter(backend) } })
    document.documentElement.lang = 'nb'
    try {
      const root = page('<tote-cart adapter="memory" storage-key="tote:test-nb"></tote-cart>')
      const cart = root.cart!
      backend.sellOut('tee-black-m')
      cart.add({ merchandiseId: 'tee-black-m' })
      await cart.settled()
      expect(cart.$notices.get().map((notice) => notice.message)).toEqual([
        expect.stringContaining('er utsolgt'),
      ])
      root.remove()
    } finally {
      document.documentElement.lang = ''
    }
  })

  it('opens recovery links with the recovery defineToteElements was given, and only then', async () => {
    const abandoned = createTestCart()
    abandoned.cart.add({ merchandiseId: 'tote-natural' })
    await abandoned.cart.settled()
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.cart.destroy()
    const html = '<tote-cart adapter="memory" storage-key="tote:test-recovery"></tote-cart>'

    defineToteElements({ adapters: { memory: () => abandoned.adapter } })
    const without = page(html)
    await expect(without.cart!.openRecovery(link)).rejects.toMatchObject({ code: 'unsupported' })
    without.remove()

    defineToteElements({ recovery })
    try {
      const root = page(html)
      const report = await root.cart!.openRecovery(link)
      expect(report.counts.removed).toBe(0)
      expect(root.cart!.$lines.get().map((line) => line.key)).toEqual(['tote-natural'])
      root.remove()
    } finally {
      ToteCartElement.recovery = undefined
    }
  })

  it('names an adapter it does not know', () => {
    defineToteElements({ adapters: { rest: () => createMemoryAdapter(createMemoryBackend()) } })
    const root = document.createElement('tote-cart') as ToteCartElement
    root.setAttribute('adapter', 'magento')
    expect(() => root.connectedCallback()).toThrow(/unknown adapter "magento" \(known: .*rest/)
  })
})

describe('defineToteElements', () => {
  it('defines only the elements not defined yet', () => {
    const mine = class extends HTMLElement {}
    const defined = new Map<string, CustomElementConstructor>([['tote-cart-count', mine]])
    const registry = {
      get: (name: string) => defined.get(name),
      define: vi.fn((name: string, element: CustomElementConstructor) =>
        defined.set(name, element),
      ),
    } as unknown as CustomElementRegistry
    defineToteElements({ registry })
    defineToteElements({ registry })
    expect(registry.define).toHaveBeenCalledTimes(Object.keys(TOTE_ELEMENTS).length - 1)
    expect(defined.get('tote-cart-count')).toBe(mine)
    expect(defined.get('tote-cart')).toBe(ToteCartElement)
  })
})
