import type {
  Cart,
  CartLineView,
  CartStatus,
  CartView,
  EmailCaptureState,
  LineAttributes,
  Notice,
  RecoveryState,
} from '@tote/core'
import { cartStatus, EMPTY_CART_VIEW } from '@tote/core'
import {
  computed,
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
  const unsubscribe = follow(store, state, serverValue)
  if (getCurrentScope()) onScopeDispose(unsubscribe)
  return shallowReadonly(state)
}

/** A read-only ref on one part of the cart view, which changes only when that part does. */
function viewPart<T>(cart: Cart, select: (view: CartView) => T): ReadonlyRef<T> {
  const view = useStore(cart.$cart, EMPTY_VIEW)
  return computed(() => select(view.value))
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
 * What {@link useNotices} returns.
 *
 * @example
 * const { notices, dismiss }: NoticeList = useNotices()
 */
export interface NoticeList {
  /** The notices to show, oldest first. */
  notices: ReadonlyRef<readonly Notice[]>
  /** Removes a notice from the cart's `$notices`. */
  dismiss: (id: string) => void
}

/**
 * The notices to show the shopper, and a function that dismisses one.
 *
 * @example
 * const { notices, dismiss } = useNotices()
 * // <p v-for="n in notices" :key="n.id" @click="dismiss(n.id)">{{ n.message }}</p>
 */
export function useNotices(cart?: Cart): NoticeList {
  const found = useCart(cart)
  return { notices: useStore(found.$notices, []), dismiss: (id) => found.dismissNotice(id) }
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)))
const refusal = (email: EmailCaptureState) => (email.state === 'error' ? email.error : null)

/**
 * What {@link useCheckoutEmail} returns.
 *
 * @example
 * const { state, error, capture }: CheckoutEmail = useCheckoutEmail()
 */
export interface CheckoutEmail {
  /** The capture state: `idle`, `saving`, `saved` or `error`. */
  state: ReadonlyRef<EmailCaptureState>
  /** Why the last address was not saved (malformed, or refused by the backend); else `null`. */
  error: ReadonlyRef<Error | null>
  /** Saves an address: `true` once saved, `false` when not (see `error`). Never rejects. */
  capture: (email: string, options?: { consent?: boolean }) => Promise<boolean>
}

/**
 * The checkout email capture state, the error to show next to the field, and the function
 * that captures an address. `capture` never rejects: it resolves `false` when the address is
 * malformed (a `ToteArgumentError`, before anything is sent) or the backend refuses it, and
 * `error` says why until the next capture.
 *
 * @example
 * const { error, capture } = useCheckoutEmail()
 * const email = ref('')
 * // <input v-model="email" type="email" @blur="capture(email)" />
 * // <small v-if="error" role="alert">{{ error.message }}</small>
 */
export function useCheckoutEmail(cart?: Cart): CheckoutEmail {
  const found = useCart(cart)
  const state = useStore<EmailCaptureState>(found.$email, { state: 'idle', email: null })
  const failed = shallowRef<Error | null>(null)
  const capture: CheckoutEmail['capture'] = (email, options) => {
    failed.value = null
    return found.captureEmail(email, options).then(
      () => true,
      (error: unknown) => {
        failed.value = asError(error)
        return false
      },
    )
  }
  const error = computed(() => failed.value ?? refusal(state.value))
  return { state, error, capture }
}

/**
 * What {@link useCartStatus} returns.
 *
 * @example
 * const { status, retry }: CartStatusRef = useCartStatus()
 */
export interface CartStatusRef {
  /** Saving, offline, or failed with the time of the next attempt; `error` narrows the rest. */
  status: ReadonlyRef<CartStatus>
  /** Tries again at once instead of waiting for `retryAt`. */
  retry: () => void
}

/**
 * Whether the cart is saving, offline (changes kept, sent when back) or failed with the time
 * of the next attempt, and `retry` to try again at once.
 *
 * @example
 * const { status, retry } = useCartStatus()
 * // <p v-if="status.error" role="alert">Not saved. Retrying at {{ status.retryAt.toLocaleTimeString() }}</p>
 */
export function useCartStatus(cart?: Cart): CartStatusRef {
  const found = useCart(cart)
  const sync = useStore(found.$status, { state: 'idle' })
  const pending = viewPart(found, (view) => view.pending)
  return {
    status: computed(() => cartStatus(sync.value, pending.value)),
    retry: () => found.retry(),
  }
}

/**
 * What {@link useDiscountCodes} returns.
 *
 * @example
 * const { codes, apply, remove }: DiscountCodes = useDiscountCodes()
 */
export interface DiscountCodes {
  /** Each code with `applicable`: `true`, `false` once the backend refused it, `null` until it answers. */
  codes: ReadonlyRef<CartView['discountCodes']>
  apply: (code: string) => void
  remove: (code: string) => void
}

/**
 * The cart's discount codes and the functions that apply and remove one.
 *
 * @example
 * const { codes, apply, remove } = useDiscountCodes()
 * // <li v-for="c in codes" :key="c.code">{{ c.code }} <button @click="remove(c.code)">×</button></li>
 */
export function useDiscountCodes(cart?: Cart): DiscountCodes {
  const found = useCart(cart)
  return {
    codes: viewPart(found, (view) => view.discountCodes),
    apply: (code) => found.applyDiscountCode(code),
    remove: (code) => found.removeDiscountCode(code),
  }
}

/**
 * What {@link useCartNote} returns.
 *
 * @example
 * const { note, setNote }: CartNote = useCartNote()
 */
export interface CartNote {
  note: ReadonlyRef<string>
  /** Sets the note: at once in the cart, then synced like any change. */
  setNote: (note: string) => void
}

/**
 * The cart note and the function that sets it.
 *
 * @example
 * const { note, setNote } = useCartNote()
 * const draft = ref(note.value)
 * // <textarea v-model="draft" @blur="setNote(draft)" />
 */
export function useCartNote(cart?: Cart): CartNote {
  const found = useCart(cart)
  return { note: viewPart(found, (view) => view.note), setNote: (note) => found.setNote(note) }
}

/**
 * What {@link useCartAttributes} returns.
 *
 * @example
 * const { attributes, setAttributes }: CartAttributes = useCartAttributes()
 */
export interface CartAttributes {
  attributes: ReadonlyRef<LineAttributes>
  /** Replaces every cart attribute: at once in the cart, then synced like any change. */
  setAttributes: (attributes: LineAttributes) => void
}

/**
 * The cart attributes (such as a gift wrap flag or a delivery date) and the function that
 * replaces them.
 *
 * @example
 * const { attributes, setAttributes } = useCartAttributes()
 * setAttributes({ ...attributes.value, gift: 'yes' })
 */
export function useCartAttributes(cart?: Cart): CartAttributes {
  const found = useCart(cart)
  const attributes = viewPart(found, (view) => view.attributes)
  return { attributes, setAttributes: (value) => found.setAttributes(value) }
}

const IDLE: RecoveryState = { status: 'idle', report: null, error: null }
const LOADING: RecoveryState = { status: 'loading', report: null, error: null }

/**
 * Opens an abandoned-cart recovery link (a string, ref or getter) once per link and says where
 * it stands; `status` narrows the rest. Once `done`, `report.counts` says what changed since
 * the cart was abandoned; the notices for those changes are in `useNotices()`, once. In a
 * component it starts when mounted, so server rendering opens nothing.
 *
 * @example
 * const recovery = useRecovery(() => route.query.token as string | undefined)
 * // <p v-if="recovery.status === 'done'">{{ recovery.report.counts.removed }} removed</p>
 * // <p v-else-if="recovery.status === 'error'" role="alert">{{ recovery.error.message }}</p>
 */
export function useRecovery(
  link: MaybeRefOrGetter<string | null | undefined>,
  cart?: Cart,
): ReadonlyRef<RecoveryState> {
  const found = useCart(cart)
  const state = shallowRef<RecoveryState>(toValue(link) ? LOADING : IDLE)
  /** Shows `next` if `opened` is still the link. */
  const settle = (opened: string, next: RecoveryState) => {
    if (toValue(link) === opened) state.value = next
  }
  const open = (current: string | null | undefined) => {
    state.value = current ? LOADING : IDLE
    if (!current) return
    found.openRecovery(current).then(
      ({ counts }) => settle(current, { status: 'done', report: { counts }, error: null }),
      (error: unknown) => settle(current, { status: 'error', report: null, error: asError(error) }),
    )
  }
  const start = () => watch(() => toValue(link), open, { immediate: true })
  if (getCurrentInstance()) onMounted(start)
  else start()
  return shallowReadonly(state)
}
