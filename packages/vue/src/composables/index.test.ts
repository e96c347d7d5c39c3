// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, effectScope, h, nextTick, ref } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createFakeCart, fakeLine } from '../fake-cart.ts'
import {
  createTotePlugin,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
  useNotices,
  useRecovery,
} from './index.ts'

describe('@tote/vue', () => {
  it('renders the count and lines from the plugin and follows changes', async () => {
    const cart = createFakeCart([fakeLine('a', 1)])
    const Summary = defineComponent({
      setup() {
        const count = useCartCount()
        const view = useCartView()
        return () => h('p', `${count.value}: ${view.value.lines.map((l) => l.key).join(',')}`)
      },
    })
    const wrapper = mount(Summary, { global: { plugins: [createTotePlugin(cart)] } })
    expect(wrapper.text()).toBe('1: a')
    cart.add({ merchandiseId: 'b', quantity: 2 })
    await nextTick()
    expect(wrapper.text()).toBe('3: a,b')
  })

  it('re-renders only the line that changed, and follows a changing line key', async () => {
    const cart = createFakeCart([fakeLine('a', 1), fakeLine('b', 1)])
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
    const which = ref('a')
    const wrapper = mount(
      defineComponent(() => () => [h(Line, { lineKey: which.value }), h(Line, { lineKey: 'b' })]),
      { global: { plugins: [createTotePlugin(cart)] } },
    )
    cart.setQuantity('b', 4)
    await nextTick()
    expect(wrapper.text()).toBe('a×1b×4')
    expect(renders).toEqual({ a: 1, b: 2 })
    which.value = 'b'
    await nextTick()
    await nextTick()
    expect(wrapper.text()).toBe('b×4b×4')
  })

  it('unsubscribes when the scope is disposed', () => {
    const cart = createFakeCart([fakeLine('a', 1)])
    const scope = effectScope()
    const count = scope.run(() => useCartCount(cart))!
    const line = scope.run(() => useCartLine('a', cart))!
    cart.setQuantity('a', 2)
    expect([count.value, line.value?.quantity]).toEqual([2, 2])
    scope.stop()
    cart.setQuantity('a', 7)
    expect([count.value, line.value?.quantity]).toEqual([2, 2])
  })

  it('returns read-only refs', () => {
    const cart = createFakeCart([fakeLine('a', 1)])
    const count = useCartCount(cart)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    // @ts-expect-error the ref is read-only
    count.value = 5
    expect(count.value).toBe(1)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/readonly/), expect.anything())
    warn.mockRestore()
  })

  it('lists and dismisses notices, and captures the email', async () => {
    const cart = createFakeCart()
    const { notices, dismiss } = useNotices(cart)
    const email = useCheckoutEmail(cart)
    cart.pushNotice({ code: 'price_changed', message: 'Mug now costs €12' })
    expect(notices.value.map((n) => n.message)).toEqual(['Mug now costs €12'])
    dismiss(notices.value[0]!.id)
    expect(notices.value).toEqual([])
    await email.capture('ada@example.com')
    expect(email.state.value).toEqual({ state: 'saved', email: 'ada@example.com' })
  })

  it('opens a recovery link once per link, after mounting', async () => {
    const cart = createFakeCart()
    const link = ref<string | null>('https://shop.example/recover?token=t1')
    const Recovery = defineComponent(() => {
      const recovery = useRecovery(link, cart)
      return () => h('p', `${recovery.value.status} ${recovery.value.report?.counts.removed ?? ''}`)
    })
    const html = await renderToString(createSSRApp(Recovery))
    expect(html).toBe('<p>loading </p>')
    expect(cart.calls).toEqual([])

    cart.recovery = async () => ({
      notices: [],
      counts: { removed: 2, lowered: 0, repriced: 0, currencyChanged: 0 },
    })
    const wrapper = mount(Recovery)
    await flushPromises()
    expect(wrapper.text()).toBe('done 2')
    cart.recovery = () => Promise.reject(new Error('expired link'))
    link.value = 'https://shop.example/recover?token=t2'
    await flushPromises()
    expect(wrapper.text()).toBe('error')
    expect(cart.calls.map((call) => call.args[0])).toEqual([
      'https://shop.example/recover?token=t1',
      'https://shop.example/recover?token=t2',
    ])
  })

  it('names the missing plugin', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const NoPlugin = defineComponent(() => {
      useCartCount()
      return () => null
    })
    expect(() => mount(NoPlugin)).toThrow(/createTotePlugin/)
    vi.restoreAllMocks()
  })
})
