// @vitest-environment happy-dom

import { act, cleanup, render, renderHook } from '@testing-library/react'
import type { Cart } from '@tote/core'
import { createElement as h, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeCart, fakeLine } from '../fake-cart.ts'
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

afterEach(cleanup)

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
  it('re-renders only the line that changed', () => {
    const cart = createFakeCart([fakeLine('a', 1), fakeLine('b', 1)])
    renders = { a: 0, b: 0 }
    const view = render(
      h(CartProvider, { cart }, h(Line, { lineKey: 'a' }), h(Line, { lineKey: 'b' })),
    )
    expect(renders).toEqual({ a: 1, b: 1 })

    act(() => cart.setQuantity('b', 5))

    expect(view.getByTestId('b').textContent).toBe('b×5')
    expect(renders).toEqual({ a: 1, b: 2 })
    act(() => cart.remove('a'))
    expect(view.getByTestId('a').textContent).toBe('a×0')
    expect(renders).toEqual({ a: 2, b: 2 })
  })

  it('follows the count and the view, from context or from an explicit cart', () => {
    const cart = createFakeCart([fakeLine('a', 2)])
    const fromContext = renderHook(() => useCartCount(), {
      wrapper: ({ children }) => h(CartProvider, { cart }, children),
    })
    const explicit = renderHook(() => useCartView(cart))
    expect(fromContext.result.current).toBe(2)
    act(() => {
      cart.add({ merchandiseId: 'b', quantity: 3 })
    })
    expect(fromContext.result.current).toBe(5)
    expect(explicit.result.current.lines.map((line) => line.key)).toEqual(['a', 'b'])
  })

  it('names the missing provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useCart())).toThrow(/CartProvider/)
    vi.restoreAllMocks()
  })

  it('lists notices and dismisses them through the cart', () => {
    const cart = createFakeCart()
    const { result } = renderHook(() => useNotices(cart))
    act(() => cart.pushNotice({ code: 'out_of_stock', message: 'Mug sold out' }))
    expect(result.current.notices.map((notice) => notice.message)).toEqual(['Mug sold out'])
    act(() => result.current.dismiss(result.current.notices[0]!.id))
    expect(result.current.notices).toEqual([])
  })

  it('captures the checkout email and reflects its state', async () => {
    const cart = createFakeCart()
    const { result } = renderHook(() => useCheckoutEmail(cart))
    expect(result.current.state).toEqual({ state: 'idle', email: null })
    await act(() => result.current.capture('ada@example.com', { consent: true }))
    expect(result.current.state).toEqual({ state: 'saved', email: 'ada@example.com' })
    expect(cart.calls).toContainEqual({
      name: 'captureEmail',
      args: ['ada@example.com', { consent: true }],
    })
  })

  it('opens a recovery link once, even under StrictMode, and returns the report', async () => {
    const cart = createFakeCart()
    const report = {
      notices: [],
      counts: { removed: 1, lowered: 0, repriced: 0, currencyChanged: 0 },
    }
    let resolve: (value: typeof report) => void = () => {}
    cart.recovery = () => new Promise((done) => (resolve = done))
    const { result, rerender } = renderHook(({ link }) => useRecovery(link, cart), {
      initialProps: { link: 'https://shop.example/recover?token=t1' },
      wrapper: StrictMode,
    })
    expect(result.current.status).toBe('loading')
    await act(async () => resolve(report))
    expect(result.current).toEqual({ status: 'done', report, error: null })
    rerender({ link: 'https://shop.example/recover?token=t1' })
    expect(cart.calls.filter((call) => call.name === 'openRecovery')).toHaveLength(1)

    cart.recovery = () => Promise.reject(new Error('expired link'))
    await act(async () => rerender({ link: 'https://shop.example/recover?token=t2' }))
    expect(result.current.status).toBe('error')
    expect(String(result.current.error)).toMatch(/expired link/)
  })

  it('renders on the server and hydrates a stored cart without a mismatch', async () => {
    const html = renderToString(h(App, { cart: createFakeCart([fakeLine('server', 9)]) }))
    expect(html).toBe('<p>0 items: </p>')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const onRecoverableError = vi.fn()
    const browserCart = createFakeCart([fakeLine('a', 1), fakeLine('b', 2)])
    const root = await act(async () =>
      hydrateRoot(container, h(App, { cart: browserCart }), { onRecoverableError }),
    )

    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
    expect(container.textContent).toBe('3 items: a,b')
    act(() => root.unmount())
    vi.restoreAllMocks()
  })
})
