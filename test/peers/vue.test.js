// @vitest-environment happy-dom
// Runs only in the "vue 3.4.0" project (vitest.config.ts). It fails if the aliases to the oldest
// Vue that @tote/vue claims do not reach the composables, the server renderer or the testing
// library. Plain JavaScript: Vue's types are not installed for test/, only for packages/vue.
import { createTestCart } from '@tote/testing'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h, nextTick, version } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createTotePlugin, useCartCount } from '../../packages/vue/src/index.ts'

describe('@tote/vue on its oldest Vue', () => {
  it('runs Vue 3.4.0', () => {
    expect(version).toBe('3.4.0')
  })

  it('shares one Vue between the composables, the server renderer and the testing library', async () => {
    const { cart } = createTestCart({ lines: { 'tote-natural': 2 } })
    await cart.settled()
    const Count = defineComponent(() => {
      const count = useCartCount()
      return () => h('b', String(count.value))
    })
    // With two copies of Vue the plugin's provide would not reach the composable.
    const wrapper = mount(Count, { global: { plugins: [createTotePlugin(cart)] } })
    expect(wrapper.vm.$.appContext.app.version).toBe('3.4.0')
    expect(wrapper.html()).toBe('<b>2</b>')
    cart.setQuantity('tote-natural', 3)
    await nextTick()
    expect(wrapper.html()).toBe('<b>3</b>')
    expect(await renderToString(createSSRApp(Count).use(createTotePlugin(cart)))).toBe('<b>3</b>')
    wrapper.unmount()
    await cart.settled()
    cart.destroy()
  })
})
