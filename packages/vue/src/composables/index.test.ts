// @vitest-environment happy-dom
import type { RecoveryReport } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, effectScope, h, nextTick, ref } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createTestCart } from '../test-cart.ts'
import {
  createTotePlugin,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
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

  it('names the missing plugin', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const NoPlugin = defineComponent(() => {
      useCartCount()
      return () => null
    })
    expect(() => mount(NoPlugin)).toThrow(/createTotePlugin/)
  })
})
