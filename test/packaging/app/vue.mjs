// Run by test/packaging/packages.test.ts inside a blank project with the packed tarballs
// installed: @tote/vue's README example, rendered to a string with vue/server-renderer
// (createSSRApp instead of the README's createApp(…).mount('#app'), which needs a page). The
// cart is @tote/testing's test cart. Without `hydrate` the composables show the cart as it is;
// with `{ hydrate: true }` (the README's advice for server rendering) the empty cart, so
// hydration matches.
import { createTestCart } from '@tote/testing'
import { createTotePlugin, useCartCount, useCartLine } from '@tote/vue'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'

const { cart } = createTestCart({ lines: { 'pin-fox': 2 } })
await cart.settled()

/** The README's component: the count and one line. */
function shopComponent() {
  // biome-ignore-start lint/correctness/useHookAtTopLevel: a Vue setup function, not React
  return defineComponent({
    props: { lineKey: { type: String, default: 'pin-fox' } },
    setup(props) {
      const count = useCartCount() // a read-only shallow ref
      const line = useCartLine(() => props.lineKey)
      return () => h('p', `Cart (${count.value}), ${line.value?.quantity ?? 'no'} × pin-fox`)
    },
  })
  // biome-ignore-end lint/correctness/useHookAtTopLevel: a Vue setup function, not React
}
const App = shopComponent()

const html = await renderToString(createSSRApp(App).use(createTotePlugin(cart)))
const hydrated = await renderToString(
  createSSRApp(App).use(createTotePlugin(cart, { hydrate: true })),
)
cart.destroy()
console.log(JSON.stringify({ html, hydrated }))
