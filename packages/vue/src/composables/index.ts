import type {
  Cart,
  CartLineView,
  CartView,
  EmailCaptureState,
  Notice,
  RecoveryState,
} from '@tote/core'
import { EMPTY_CART_VIEW } from '@tote/core'
import {
  getCurrentInstance,
  getCurrentScope,
  hasInjectionContext,
  type InjectionKey,
  inject,
  type MaybeRefOrGetter,
  nextTick,
  onMounted,
  onScopeDispose,
  type Plugin,
  type ShallowRef,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
} from 'vue'

/**
 * The injection key under which {@link createTotePlugin} provides the cart.
 *
 * @example
 * const cart = inject(CartKey)
 */
export const CartKey: InjectionKey<Cart> = Symbol('tote.cart')

/** Whether the components rendered so far still show what the server rendered. */
const HydrationKey: InjectionKey<{ pending: boolean }> = Symbol('tote.hydration')

/**
 * Options of {@link createTotePlugin}.
 *
 * @example
 * createSSRApp(App).use(createTotePlugin(cart, { hydrate: true }))
 */
export interface TotePluginOptions {
  /**
   * For apps rendered on the server and hydrated: the first render, on the server and while
   * hydrating, shows an empty cart (the server cannot read the shopper's stored cart), so
   * hydration matches; each component shows the real cart once mounted.
   * @default false
   */
  hydrate?: boolean
}

/**
 * A Vue plugin that provides `cart` to every component of the app.
 *
 * @example
 * createApp(App).use(createTotePlugin(createCart({ adapter }))).mount('#app')
 */
export function createTotePlugin(cart: Cart, options: TotePluginOptions = {}): Plugin {
  return {
    install(app) {
      app.provide(CartKey, cart)
      app.provide(HydrationKey, { pending: options.hydrate ?? false })
    },
  }
}

/**
 * The cart given as argument, else the one the app's Tote plugin provides.
 *
 * @example
 * const cart = useCart()
 * cart.add({ merchandiseId: 'variant-1' })
 */
export function useCart(cart?: Cart): Cart {
  const found = cart ?? (hasInjectionContext() ? inject(CartKey, null) : null)
  if (!found) {
    throw new Error('useCart: no cart; install createTotePlugin(cart) or pass the cart')
  }
  return found
}

/**
 * A read-only shallow ref, as every composable returns.
 *
 * @example
 * const count: ReadonlyRef<number> = useCartCount()
 */
export type ReadonlyRef<T> = Readonly<ShallowRef<T>>

/** The part of a cart store a composable reads. */
interface Store<T> {
  get(): T
  subscribe(listener: (value: T) => void): () => void
  listen(listener: (value: T) => void): () => void
}

const EMPTY_VIEW: CartView = EMPTY_CART_VIEW

function stop(unsubscribe: () => void): void {
  if (getCurrentScope()) onScopeDispose(unsubscribe)
}

/** Keeps `state` on `store`; while the app hydrates, on `serverValue` until mounted. */
function follow<T>(store: Store<T>, state: ShallowRef<T>, serverValue: T): () => void {
  const hydration = hasInjectionContext() ? inject(HydrationKey, null) : null
  if (!hydration?.pending || !getCurrentInstance()) {
    return store.subscribe((value) => (state.value = value))
  }
  state.value = serverValue
  let mounted = false
  onMounted(() => {
    mounted = true
    state.value = store.get()
    // Components mounted after this first pass are not hydrated: they show the cart at once.
    void nextTick().then(() => {
      hydration.pending = false
    })
  })
  return store.listen((value) => {
    if (mounted) state.value = value
  })
}

function useStore<T>(store: Store<T>, serverValue: T): ReadonlyRef<T> {
  const state = shallowRef(serverValue)
  stop(follow(store, state, serverValue))
  return shallowReadonly(state)
}

/**
 * The whole cart as the shopper sees it.
 *
 * @example
 * const view = useCartView()
 * // <p>{{ view.lines.length }} lines</p>
 */
export function useCartView(cart?: Cart): ReadonlyRef<CartView> {
  return useStore(useCart(cart).$cart, EMPTY_VIEW)
}

/**
 * One line, by line key (a string, ref or getter); changes only when that line does.
 * `undefined` when the cart has no such line.
 *
 * @example
 * const props = defineProps<{ lineKey: string }>()
 * const line = useCartLine(() => props.lineKey)
 */
export function useCartLine(
  lineKey: MaybeRefOrGetter<string>,
  cart?: Cart,
): ReadonlyRef<CartLineView | undefined> {
  const found = useCart(cart)
  const state = shallowRef<CartLineView | undefined>()
  watch(
    () => toValue(lineKey),
    (key, _, onCleanup) => {
      onCleanup(follow(found.line(key), state, undefined))
    },
    { immediate: true },
  )
  return shallowReadonly(state)
}

/**
 * The number of units in the cart.
 *
 * @example
 * const count = useCartCount()
 * // <a href="/cart">Cart ({{ count }})</a>
 */
export function useCartCount(cart?: Cart): ReadonlyRef<number> {
  return useStore(useCart(cart).$count, 0)
}

/**
 * The notices to show the shopper, and a function that dismisses one.
 *
 * @example
 * const { notices, dismiss } = useNotices()
 * // <p v-for="n in notices" :key="n.id" @click="dismiss(n.id)">{{ n.message }}</p>
 */
export function useNotices(cart?: Cart): {
  notices: ReadonlyRef<readonly Notice[]>
  dismiss: (id: string) => void
} {
  const found = useCart(cart)
  return { notices: useStore(found.$notices, []), dismiss: (id) => found.dismissNotice(id) }
}

/**
 * The checkout email capture state (`idle`, `saving`, `saved`, `error`) and the function
 * that captures an address. `capture` rejects with a `ToteArgumentError` for a malformed one.
 *
 * @example
 * const { state, capture } = useCheckoutEmail()
 * // <input type="email" @blur="capture($event.target.value)" />
 */
export function useCheckoutEmail(cart?: Cart): {
  state: ReadonlyRef<EmailCaptureState>
  capture: (email: string, options?: { consent?: boolean }) => Promise<void>
} {
  const found = useCart(cart)
  return {
    state: useStore(found.$email, { state: 'idle', email: null }),
    capture: (email, options) => found.captureEmail(email, options),
  }
}

/**
 * Opens an abandoned-cart recovery link (a string, ref or getter) once per link and holds
 * the report. In a component it starts when mounted, so server rendering opens nothing.
 *
 * @example
 * const recovery = useRecovery(() => route.query.token as string | undefined)
 * // <p v-if="recovery.status === 'done'">{{ recovery.report.counts.removed }} removed</p>
 */
export function useRecovery(
  link: MaybeRefOrGetter<string | null | undefined>,
  cart?: Cart,
): ReadonlyRef<RecoveryState> {
  const found = useCart(cart)
  const initial = toValue(link) ? 'loading' : 'idle'
  const state = shallowRef<RecoveryState>({ status: initial, report: null, error: null })
  const start = () =>
    watch(
      () => toValue(link),
      (current) => {
        state.value = { status: current ? 'loading' : 'idle', report: null, error: null }
        if (!current) return
        found.openRecovery(current).then(
          (report) => {
            if (toValue(link) === current) state.value = { status: 'done', report, error: null }
          },
          (error: unknown) => {
            if (toValue(link) === current) state.value = { status: 'error', report: null, error }
          },
        )
      },
      { immediate: true },
    )
  if (getCurrentInstance()) onMounted(start)
  else start()
  return shallowReadonly(state)
}
