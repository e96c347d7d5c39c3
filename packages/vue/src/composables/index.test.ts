// @vitest-environment happy-dom
import type { RecoveryReport } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import {
  createFaultyAdapter,
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
} from '@tote/testing'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, effectScope, h, nextTick, ref } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createTestCart } from '../test-cart.ts'
import {
  createTotePlugin,
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
  vi.restoreAllMocks()
})

describe('@tote/vue', () => {
  it('renders the count and lines from the plugin and follows changes', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const Summary = defineComponent({
      setup() {
        const count = useCartCount()
        const view = useCartView()
        return () => h('p', `${count.value}: ${view.value.lines.map((l) => l.key).join(',')}`)
      },
    })
    const wrapper = mount(Summary, { global: { plugins: [createTotePlugin(cart)] } })
    expect(wrapper.text()).toBe('1: tote-natural')
    cart.add({ merchandiseId: 'mug-speckled', quantity: 2 })
    await nextTick()
    expect(wrapper.text()).toBe('3: tote-natural,mug-speckled')
    await cart.settled()
    cart.destroy()
  })

  it('re-renders only the line that changed, and follows a changing line key', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    const renders: Record<string, number> = {}
    const Line = defineComponent({
      props: { lineKey: { type: String, required: true } },
      setup(props) {
        const line = useCartLine(() => props.lineKey)
        return () => {
          renders[props.lineKey] = (renders[props.lineKey] ?? 0) + 1
          return h('li', `${props.lineKey}×${line.value?.quantity ?? 0}`)
        }
      },
    })
    const which = ref('tote-natural')
    const wrapper = mount(
      defineComponent(() => () => [
        h(Line, { lineKey: which.value }),
        h(Line, { lineKey: 'mug-speckled' }),
      ]),
      { global: { plugins: [createTotePlugin(cart)] } },
    )
    cart.setQuantity('mug-speckled', 2)
    await nextTick()
    expect(wrapper.text()).toBe('tote-natural×1mug-speckled×2')
    expect(renders).toEqual({ 'tote-natural': 1, 'mug-speckled': 2 })
    which.value = 'mug-speckled'
    await nextTick()
    await nextTick()
    expect(wrapper.text()).toBe('mug-speckled×2mug-speckled×2')
    await cart.settled()
    cart.destroy()
  })

  it('unsubscribes when the scope is disposed', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const scope = effectScope()
    const count = scope.run(() => useCartCount(cart))!
    const line = scope.run(() => useCartLine('tote-natural', cart))!
    cart.setQuantity('tote-natural', 2)
    expect([count.value, line.value?.quantity]).toEqual([2, 2])
    scope.stop()
    cart.setQuantity('tote-natural', 7)
    expect([count.value, line.value?.quantity]).toEqual([2, 2])
    await cart.settled()
    cart.destroy()
  })

  it('returns read-only refs', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const count = useCartCount(cart)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // @ts-expect-error the ref is read-only
    count.value = 5
    expect(count.value).toBe(1)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/), expect.anything())
    cart.destroy()
  })

  it('lists and dismisses notices, and captures the email', async () => {
    const { cart, backend } = await createTestCart({ 'tote-natural': 1 })
    const { notices, dismiss } = useNotices(cart)
    const email = useCheckoutEmail(cart)
    backend.sellOut('tee-black-m')
    cart.add({ merchandiseId: 'tee-black-m' })
    await cart.settled()
    expect(notices.value.map((n) => n.code)).toEqual(['out_of_stock'])
    dismiss(notices.value[0]!.id)
    expect(notices.value).toEqual([])
    await email.capture('ada@example.com')
    expect(email.state.value).toEqual({ state: 'saved', email: 'ada@example.com' })
    expect(email.error.value).toBeNull()
    cart.destroy()
  })

  it('shows what is wrong with a malformed address next to the field, until the next capture', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const EmailField = defineComponent(() => {
      const { error, capture } = useCheckoutEmail()
      return () =>
        h('label', [
          h('input', {
            type: 'email',
            'aria-invalid': error.value !== null,
            onBlur: (event: FocusEvent) => capture((event.target as HTMLInputElement).value),
          }),
          error.value && h('small', { role: 'alert' }, error.value.message),
        ])
    })
    const wrapper = mount(EmailField, { global: { plugins: [createTotePlugin(cart)] } })
    const input = wrapper.find('input')
    await input.setValue('not an address')
    await input.trigger('blur')
    await flushPromises()
    expect(wrapper.find('[role=alert]').text()).toMatch(/email/)
    expect(input.attributes('aria-invalid')).toBe('true')
    await input.setValue('ada@example.com')
    await input.trigger('blur')
    await cart.settled()
    await flushPromises()
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
    expect(cart.$email.get()).toEqual({ state: 'saved', email: 'ada@example.com' })
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
    const { status, retry } = useCartStatus(cart)
    expect(status.value).toMatchObject({ state: 'idle', saving: false, offline: false })
    cart.add({ merchandiseId: 'tote-natural' })
    expect(status.value.saving).toBe(true)
    await cart.settled()
    expect(status.value.saving).toBe(false)

    online = false
    for (const listener of onlineListeners) listener(false)
    expect(status.value).toMatchObject({ state: 'offline', offline: true, error: null })
    online = true
    for (const listener of onlineListeners) listener(true)
    await cart.settled()

    failing = true
    const before = Date.now()
    cart.add({ merchandiseId: 'mug-speckled' })
    await vi.waitFor(() => expect(status.value.state).toBe('error'))
    const failed = status.value
    if (!failed.error) throw new Error(`expected a failure, got ${failed.state}`)
    expect(failed.error.code).toBe('rate_limited')
    expect(failed.retryAt.getTime()).toBeGreaterThanOrEqual(before + 60_000)

    failing = false
    retry()
    await cart.settled()
    expect(status.value).toMatchObject({ state: 'idle', saving: false, error: null })
    expect(cart.$cart.get().count).toBe(2)
    cart.destroy()
  })

  it('applies and removes discount codes, and sets the note and attributes', async () => {
    const { cart } = await createTestCart({ 'tote-natural': 1 })
    const discounts = useDiscountCodes(cart)
    const { note, setNote } = useCartNote(cart)
    const { attributes, setAttributes } = useCartAttributes(cart)
    discounts.apply('WELCOME10')
    expect(discounts.codes.value.map((entry) => entry.code)).toEqual(['WELCOME10'])
    setNote('Leave it with the neighbour')
    expect(note.value).toBe('Leave it with the neighbour')
    setAttributes({ gift: 'yes' })
    expect(attributes.value).toEqual({ gift: 'yes' })
    await cart.settled()
    expect(cart.confirmed?.note).toBe('Leave it with the neighbour')
    expect(cart.confirmed?.attributes).toEqual({ gift: 'yes' })
    discounts.remove('WELCOME10')
    expect(discounts.codes.value).toEqual([])
    await cart.settled()
    cart.destroy()
  })

  it('opens a recovery link once per link, and only once mounted', async () => {
    const { cart } = await createTestCart()
    const link = ref<string | null>('https://shop.example/recover?token=t1')
    const report: RecoveryReport = {
      notices: [],
      counts: { removed: 2, lowered: 0, repriced: 0, currencyChanged: 0 },
    }
    const open = vi.spyOn(cart, 'openRecovery').mockResolvedValue(report)
    const Recovery = defineComponent(() => {
      const state = useRecovery(link, cart)
      return () => h('p', `${state.value.status} ${state.value.report?.counts.removed ?? ''}`)
    })
    const html = await renderToString(createSSRApp(Recovery))
    expect(html).toBe('<p>loading </p>')
    expect(open).not.toHaveBeenCalled()

    const wrapper = mount(Recovery)
    await flushPromises()
    expect(wrapper.text()).toBe('done 2')
    open.mockRejectedValue(new Error('expired link'))
    link.value = 'https://shop.example/recover?token=t2'
    await flushPromises()
    expect(wrapper.text()).toBe('error')
    expect(open.mock.calls.map(([opened]) => opened)).toEqual([
      'https://shop.example/recover?token=t1',
      'https://shop.example/recover?token=t2',
    ])
    cart.destroy()
  })

  it('renders on the server and hydrates a stored cart without a mismatch', async () => {
    const Count = defineComponent(() => {
      const count = useCartCount()
      const line = useCartLine('tote-natural')
      return () => h('span', `${count.value}/${line.value?.quantity ?? 0}`)
    })
    const shown = ref(false)
    const App = defineComponent(() => () => h('p', [h(Count), shown.value ? h(Count) : null]))
    const server = await createTestCart({ 'gift-card-50': 9 })
    const html = await renderToString(
      createSSRApp(App).use(createTotePlugin(server.cart, { hydrate: true })),
    )
    expect(html).toBe('<p><span>0/0</span><!----></p>')

    const container = document.createElement('div')
    container.innerHTML = html
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const browser = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 2 })
    createSSRApp(App)
      .use(createTotePlugin(browser.cart, { hydrate: true }))
      .mount(container)
    expect(warn).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    await nextTick()
    expect(container.textContent).toBe('3/1')
    // A component mounted after hydration shows the cart in its first render.
    shown.value = true
    await nextTick()
    expect(container.textContent).toBe('3/13/1')
    browser.cart.setQuantity('tote-natural', 4)
    await nextTick()
    expect(container.textContent).toBe('6/46/4')
    await browser.cart.settled()
    server.cart.destroy()
    browser.cart.destroy()
  })

  it('rebuilds an abandoned cart from a real recovery link', async () => {
    const abandoned = await createTestCart({ 'tote-natural': 1, 'mug-speckled': 1 })
    await abandoned.cart.captureEmail('ada@example.com')
    const link = abandoned.backend.createRecoveryLink(abandoned.cart.$cart.get().id!)
    abandoned.backend.setPrice('tote-natural', { amount: 3100, currency: 'EUR' })
    abandoned.cart.destroy()
    const { cart } = await createTestCart({}, { adapter: abandoned.adapter, recovery })
    const state = useRecovery(link, cart)
    await vi.waitFor(() => expect(state.value.status).toBe('done'))
    expect(state.value.report?.counts).toMatchObject({ removed: 0, repriced: 1 })
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
    const Page = defineComponent(() => {
      const state = useRecovery(link)
      const { notices } = useNotices()
      return () => [
        h('section', `${state.value.status} ${JSON.stringify(state.value.report)}`),
        h(
          'ul',
          notices.value.map((notice) => h('li', { key: notice.id }, notice.message)),
        ),
      ]
    })
    const wrapper = mount(Page, { global: { plugins: [createTotePlugin(cart)] } })
    await vi.waitFor(() => expect(wrapper.text()).toMatch(/^done/))
    await nextTick()
    const [notice] = cart.$notices.get()
    expect(notice?.code).toBe('out_of_stock')
    expect(wrapper.text().split(notice!.message).length - 1).toBe(1)
    cart.destroy()
  })

  it('narrows a failed recovery to its error', async () => {
    const { cart } = await createTestCart({}, { recovery })
    const state = useRecovery('https://shop.example/recover?token=forged', cart)
    await vi.waitFor(() => expect(state.value.status).toBe('error'))
    const failed = state.value
    if (failed.status !== 'error') throw new Error(`expected an error, got ${failed.status}`)
    expect(failed.error.message).toMatch(/link/)
    expect(failed.report).toBeNull()
    cart.destroy()
  })

  it('names the missing plugin', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const NoPlugin = defineComponent(() => {
      useCartCount()
      return () => null
    })
    expect(() => mount(NoPlugin)).toThrow(/createTotePlugin/)
  })
})
