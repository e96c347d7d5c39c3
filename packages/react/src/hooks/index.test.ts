// @vitest-environment happy-dom
import { act, cleanup, render, renderHook } from '@testing-library/react'
import type { Cart, RecoveryReport } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { createElement as h, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestCart } from '../test-cart.ts'
import {
  CartProvider,
  useCart,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
  useNotices,
  useRecovery,
} from './index.ts'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

let renders: Record<string, number> = {}
function Line({ lineKey }: { lineKey: string }) {
  renders[lineKey] = (renders[lineKey] ?? 0) + 1
  const line = useCartLine(lineKey)
  return h('li', { 'data-testid': lineKey }, `${lineKey}×${line?.quantity ?? 0}`)
}

function Summary() {
  const view = useCartView()
  const count = useCartCount()
  return h('p', null, `${count} items: ${view.lines.map((line) => line.key).join(',')}`)
}

function App({ cart }: { cart: Cart }) {
  return h(CartProvider, { cart }, h(Summary))
}

describe('@tote/react', () => {
  it('re-renders only the line that changed', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    renders = {}
    const view = render(
      h(
        CartProvider,
        { cart },
        h(Line, { lineKey: 'tote-natural' }),
        h(Line, { lineKey: 'mug-speckled' }),
      ),
    )
    expect(renders).toEqual({ 'tote-natural': 1, 'mug-speckled': 1 })

    act(() => cart.setQuantity('mug-speckled', 2))

    expect(view.getByTestId('mug-speckled').textContent).toBe('mug-speckled×2')
    expect(renders).toEqual({ 'tote-natural': 1, 'mug-speckled': 2 })
    act(() => cart.remove('tote-natural'))
    expect(view.getByTestId('tote-natural').textContent).toBe('tote-natural×0')
    expect(renders).toEqual({ 'tote-natural': 2, 'mug-speckled': 2 })
    await act(() => cart.settled())
    cart.destroy()
  })

  // Each server answer brings new merchandise objects; core compares lines by value, so a
  // confirmation re-renders only the lines that changed.
  it('does not re-render unchanged lines when the server confirms a change', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    renders = {}
    render(h(CartProvider, { cart }, h(Line, { lineKey: 'tote-natural' })))
    await act(async () => {
      cart.setQuantity('mug-speckled', 2)
      await cart.settled()
    })
    cart.destroy()
    expect(renders).toEqual({ 'tote-natural': 1 })
  })

  it('follows the count and the view, from context or from an explicit cart', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 2 })
    const fromContext = renderHook(() => useCartCount(), {
      wrapper: ({ children }) => h(CartProvider, { cart }, children),
    })
    const explicit = renderHook(() => useCartView(cart))
    expect(fromContext.result.current).toBe(2)
    act(() => {
      cart.add({ merchandiseId: 'mug-speckled', quantity: 1 })
    })
    expect(fromContext.result.current).toBe(3)
    expect(explicit.result.current.lines.map((line) => line.key)).toEqual([
      'tote-natural',
      'mug-speckled',
    ])
    await act(() => cart.settled())
    cart.destroy()
  })

  it('names the missing provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useCart())).toThrow(/CartProvider/)
  })

  it('lists notices and dismisses them through the cart', async () => {
    const { cart, backend } = await createTestCart()
    const { result } = renderHook(() => useNotices(cart))
    backend.sellOut('tee-black-m')
    await act(async () => {
      cart.add({ merchandiseId: 'tee-black-m' })
      await cart.settled()
    })
    expect(result.current.notices.map((notice) => notice.code)).toEqual(['out_of_stock'])
    act(() => result.current.dismiss(result.current.notices[0]!.id))
    expect(result.current.notices).toEqual([])
    cart.destroy()
  })

  it('captures the checkout email and reflects its state', async () => {
    const { cart, backend } = await createTestCart({ 'tote-natural': 1 })
    const { result } = renderHook(() => useCheckoutEmail(cart))
    expect(result.current.state).toEqual({ state: 'idle', email: null })
    await act(() => result.current.capture('ada@example.com', { consent: true }))
    expect(result.current.state).toEqual({ state: 'saved', email: 'ada@example.com' })
    expect(backend.inspectCart(cart.$cart.get().id!)?.emailConsent).toBe(true)
    await expect(result.current.capture('ada@@example')).rejects.toThrow(/email/)
    cart.destroy()
  })

  it('opens a recovery link once, even under StrictMode, and returns the report', async () => {
    const { cart } = await createTestCart()
    const report: RecoveryReport = {
      notices: [],
      counts: { removed: 1, lowered: 0, repriced: 0, currencyChanged: 0 },
    }
    let resolve: (value: RecoveryReport) => void = () => {}
    const open = vi
      .spyOn(cart, 'openRecovery')
      .mockImplementation(() => new Promise((done) => (resolve = done)))
    const { result, rerender } = renderHook(({ link }) => useRecovery(link, cart), {
      initialProps: { link: 'https://shop.example/recover?token=t1' },
      wrapper: StrictMode,
    })
    expect(result.current.status).toBe('loading')
    await act(async () => resolve(report))
    expect(result.current).toEqual({ status: 'done', report, error: null })
    rerender({ link: 'https://shop.example/recover?token=t1' })
    expect(open).toHaveBeenCalledOnce()

    open.mockRejectedValue(new Error('expired link'))
    await act(async () => rerender({ link: 'https://shop.example/recover?token=t2' }))
    expect(result.current.status).toBe('error')
    expect(String(result.current.error)).toMatch(/expired link/)
    cart.destroy()
  })

  it('rebuilds an abandoned cart from a real recovery link', async () => {
    const abandoned = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.backend.sellOut('mug-speckled')
    abandoned.cart.destroy()
    const { cart } = await createTestCart({}, { adapter: abandoned.adapter, recovery })
    const { result } = renderHook(() => ({
      recovery: useRecovery(link, cart),
      view: useCartView(cart),
    }))
    await vi.waitFor(() => expect(result.current.recovery.status).toBe('done'))
    expect(result.current.recovery.report?.counts.removed).toBe(1)
    expect(result.current.view.lines.map((line) => line.key)).toEqual(['tote-natural'])
    cart.destroy()
  })

  it('renders on the server and hydrates a stored cart without a mismatch', async () => {
    const server = await createTestCart({ 'gift-card-50': 9 })
    const html = renderToString(h(App, { cart: server.cart }))
    expect(html).toBe('<p>0 items: </p>')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const onRecoverableError = vi.fn()
    const browser = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 2 })
    const root = await act(async () =>
      hydrateRoot(container, h(App, { cart: browser.cart }), { onRecoverableError }),
    )

    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
    expect(container.textContent).toBe('3 items: tote-natural,mug-speckled')
    act(() => root.unmount())
    server.cart.destroy()
    browser.cart.destroy()
  })
})
