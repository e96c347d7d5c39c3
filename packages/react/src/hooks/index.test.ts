// @vitest-environment happy-dom
import { act, cleanup, render, renderHook } from '@testing-library/react'
import type { Cart, RecoveryReport } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import {
  createFaultyAdapter,
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
} from '@tote/testing'
import { createElement as h, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTestCart } from '../test-cart.ts'
import {
  CartProvider,
  useCart,
  useCartAttributes,
  useCartCount,
  useCartLine,
  useCartNote,
  useCartStatus,
  useCartView,
  useCheckoutEmail,
  useDiscountCodes,
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

/** The email field of docs/bindings.md: the error shows next to the field. */
function EmailField() {
  const { error, capture } = useCheckoutEmail()
  return h(
    'label',
    null,
    h('input', {
      type: 'email',
      'aria-invalid': error !== null,
      onBlur: (event: { target: HTMLInputElement }) => capture(event.target.value),
    }),
    error && h('small', { role: 'alert' }, error.message),
  )
}

/** A recovery page that shows all useRecovery gives, and the cart's notices beside it. */
function RecoveryPage({ link }: { link: string }) {
  const state = useRecovery(link)
  return h('section', null, state.status, ' ', JSON.stringify(state.report))
}
function NoticeList() {
  const { notices } = useNotices()
  return h(
    'ul',
    null,
    notices.map((notice) => h('li', { key: notice.id }, notice.message)),
  )
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
    expect(result.current.error).toBeNull()
    cart.destroy()
  })

  it('says what is wrong with a malformed address until the next capture', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const { result } = renderHook(() => useCheckoutEmail(cart))
    let saved: boolean | undefined
    await act(async () => {
      saved = await result.current.capture('ada@@example')
    })
    expect(saved).toBe(false)
    expect(result.current.error?.name).toBe('ToteArgumentError')
    expect(result.current.error?.message).toMatch(/email/)
    await act(async () => {
      saved = await result.current.capture('ada@example.com')
    })
    expect(saved).toBe(true)
    expect(result.current.error).toBeNull()
    expect(result.current.state).toEqual({ state: 'saved', email: 'ada@example.com' })
    cart.destroy()
  })

  it('shows the email error in the field from the docs', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const view = render(h(CartProvider, { cart }, h(EmailField)))
    const input = view.container.querySelector('input')!
    input.value = 'not an address'
    await act(async () => {
      input.focus()
      input.blur()
      await cart.settled()
    })
    expect(view.getByRole('alert').textContent).toMatch(/email/)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    cart.destroy()
  })

  it('says when the cart is saving, offline, or failed with the time of the next attempt', async () => {
    let online = true
    let failing = false
    const onlineListeners = new Set<(online: boolean) => void>()
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    const adapter = createFaultyAdapter(createMemoryAdapter(backend), {
      fault: () => (failing ? { type: 'rateLimited', retryAfterMs: 60_000 } : 'pass'),
    })
    const { cart } = await createTestCart(
      {},
      {
        adapter,
        env: {
          isOnline: () => online,
          onOnlineChange: (listener) => {
            onlineListeners.add(listener)
            return () => onlineListeners.delete(listener)
          },
        },
      },
    )
    const { result } = renderHook(() => useCartStatus(cart))
    expect(result.current).toMatchObject({ state: 'idle', saving: false, offline: false })

    act(() => {
      cart.add({ merchandiseId: 'tote-natural' })
    })
    expect(result.current.saving).toBe(true)
    await act(() => cart.settled())
    expect(result.current.saving).toBe(false)

    act(() => {
      online = false
      for (const listener of onlineListeners) listener(false)
    })
    expect(result.current).toMatchObject({ state: 'offline', offline: true, error: null })
    await act(async () => {
      online = true
      for (const listener of onlineListeners) listener(true)
      await cart.settled()
    })

    failing = true
    const before = Date.now()
    await act(async () => {
      cart.add({ merchandiseId: 'mug-speckled' })
      await vi.waitFor(() => expect(cart.$status.get().state).toBe('error'))
    })
    const status = result.current
    if (!status.error) throw new Error(`expected a failure, got ${status.state}`)
    expect(status.error.code).toBe('rate_limited')
    expect(status.saving).toBe(false)
    expect(status.retryAt.getTime()).toBeGreaterThanOrEqual(before + 60_000)

    failing = false
    await act(async () => {
      status.retry()
      await cart.settled()
    })
    expect(result.current).toMatchObject({ state: 'idle', saving: false, error: null })
    expect(cart.$cart.get().count).toBe(2)
    cart.destroy()
  })

  it('applies and removes discount codes, and sets the note and attributes', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const { result } = renderHook(
      () => ({
        discounts: useDiscountCodes(),
        note: useCartNote(),
        attributes: useCartAttributes(),
      }),
      { wrapper: ({ children }) => h(CartProvider, { cart }, children) },
    )
    expect(result.current.discounts.codes).toEqual([])
    act(() => result.current.discounts.apply('WELCOME10'))
    expect(result.current.discounts.codes.map((entry) => entry.code)).toEqual(['WELCOME10'])
    act(() => result.current.note.setNote('Leave it with the neighbour'))
    expect(result.current.note.note).toBe('Leave it with the neighbour')
    act(() => result.current.attributes.setAttributes({ gift: 'yes' }))
    expect(result.current.attributes.attributes).toEqual({ gift: 'yes' })
    await act(() => cart.settled())
    expect(cart.confirmed?.note).toBe('Leave it with the neighbour')
    expect(cart.confirmed?.attributes).toEqual({ gift: 'yes' })
    act(() => result.current.discounts.remove('WELCOME10'))
    expect(result.current.discounts.codes).toEqual([])
    await act(() => cart.settled())
    cart.destroy()
  })

  it('re-renders a note reader only when the note changes', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    let noteRenders = 0
    renderHook(() => {
      noteRenders++
      return useCartNote(cart)
    })
    await act(async () => {
      cart.setQuantity('tote-natural', 3)
      await cart.settled()
    })
    expect(noteRenders).toBe(1)
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
    expect(result.current).toEqual({
      status: 'done',
      report: { counts: report.counts },
      error: null,
    })
    rerender({ link: 'https://shop.example/recover?token=t1' })
    expect(open).toHaveBeenCalledOnce()

    open.mockRejectedValue(new Error('expired link'))
    await act(async () => rerender({ link: 'https://shop.example/recover?token=t2' }))
    const failed = result.current
    expect(failed.status).toBe('error')
    if (failed.status === 'error') expect(failed.error.message).toMatch(/expired link/)
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

  // The recovery page of the docs shows what useRecovery reports next to the cart's notices:
  // each change since the cart was abandoned must reach the shopper once, not twice.
  it('shows each recovery notice once next to the notice list', async () => {
    const abandoned = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.backend.sellOut('mug-speckled')
    abandoned.cart.destroy()
    const { cart } = await createTestCart({}, { adapter: abandoned.adapter, recovery })
    const view = render(h(CartProvider, { cart }, h(RecoveryPage, { link }), h(NoticeList)))
    await vi.waitFor(() => expect(view.container.textContent).toMatch(/^done/))
    const [notice] = cart.$notices.get()
    expect(notice?.code).toBe('out_of_stock')
    const shown = view.container.textContent!.split(notice!.message).length - 1
    expect(shown).toBe(1)
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
