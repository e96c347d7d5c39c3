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
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'

const CartContext = createContext<Cart | null>(null)

/**
 * Props of {@link CartProvider}.
 *
 * @example
 * const props: CartProviderProps = { cart, children: <App /> }
 */
export interface CartProviderProps {
  /** The cart the hooks below this provider read, from `createCart(...)`. */
  cart: Cart
  children?: ReactNode
}

/**
 * Makes a cart available to the Tote hooks in the tree below.
 *
 * @example
 * const cart = createCart({ adapter: createRestAdapter({ endpoint: '/api/tote' }) })
 * root.render(<CartProvider cart={cart}><App /></CartProvider>)
 */
export function CartProvider({ cart, children }: CartProviderProps): ReactNode {
  return createElement(CartContext.Provider, { value: cart }, children)
}

/**
 * The cart given as argument, else the one from the nearest {@link CartProvider}.
 *
 * @example
 * const cart = useCart()
 * return <button onClick={() => cart.add({ merchandiseId: 'variant-1' })}>Add</button>
 */
export function useCart(cart?: Cart): Cart {
  const provided = useContext(CartContext)
  const found = cart ?? provided
  if (!found) {
    throw new Error('useCart: no cart; wrap the tree in <CartProvider cart={...}> or pass the cart')
  }
  return found
}

// The server does not know the shopper's cart (it lives in their browser), so the server
// render and the hydrating render both show an empty cart; React then re-renders with the
// stored one. Reading the store as the server snapshot would make hydration mismatch.
const EMPTY_VIEW: CartView = EMPTY_CART_VIEW
const NO_NOTICES: readonly Notice[] = []
const IDLE_EMAIL: EmailCaptureState = { state: 'idle', email: null }

/** The part of a cart store a hook reads. */
interface Store<T> {
  get(): T
  listen(listener: () => void): () => void
}

function useStore<T>(store: Store<T>, serverValue: T): T {
  const subscribe = useCallback((onChange: () => void) => store.listen(onChange), [store])
  const get = useCallback(() => store.get(), [store])
  return useSyncExternalStore(subscribe, get, () => serverValue)
}

/**
 * The whole cart as the shopper sees it: lines, count, totals, pending changes.
 *
 * @example
 * const { lines, subtotal } = useCartView()
 */
export function useCartView(cart?: Cart): CartView {
  return useStore(useCart(cart).$cart, EMPTY_VIEW)
}

/**
 * One line, by line key; the component re-renders only when that line changes.
 * `undefined` when the cart has no such line.
 *
 * @example
 * function Line({ lineKey }: { lineKey: string }) {
 *   const line = useCartLine(lineKey)
 *   return line ? <li>{line.merchandise?.productTitle} × {line.quantity}</li> : null
 * }
 */
export function useCartLine(lineKey: string, cart?: Cart): CartLineView | undefined {
  const found = useCart(cart)
  const store = useMemo(() => found.line(lineKey), [found, lineKey])
  return useStore(store, undefined)
}

/**
 * The number of units in the cart.
 *
 * @example
 * const count = useCartCount()
 * return <a href="/cart">Cart ({count})</a>
 */
export function useCartCount(cart?: Cart): number {
  return useStore(useCart(cart).$count, 0)
}

/**
 * The notices to show the shopper, and a function that dismisses one.
 *
 * @example
 * const { notices, dismiss } = useNotices()
 * return notices.map((n) => <p key={n.id} onClick={() => dismiss(n.id)}>{n.message}</p>)
 */
export function useNotices(cart?: Cart): {
  notices: readonly Notice[]
  dismiss: (id: string) => void
} {
  const found = useCart(cart)
  const notices = useStore(found.$notices, NO_NOTICES)
  const dismiss = useCallback((id: string) => found.dismissNotice(id), [found])
  return { notices, dismiss }
}

/**
 * The checkout email capture state (`idle`, `saving`, `saved`, `error`) and the function
 * that captures an address. `capture` rejects with a `ToteArgumentError` for a malformed one.
 *
 * @example
 * const { state, capture } = useCheckoutEmail()
 * <input type="email" onBlur={(e) => capture(e.target.value).catch(showError)} />
 */
export function useCheckoutEmail(cart?: Cart): {
  state: EmailCaptureState
  capture: (email: string, options?: { consent?: boolean }) => Promise<void>
} {
  const found = useCart(cart)
  const state = useStore(found.$email, IDLE_EMAIL)
  const capture = useCallback(
    (email: string, options?: { consent?: boolean }) => found.captureEmail(email, options),
    [found],
  )
  return { state, capture }
}

/**
 * Opens an abandoned-cart recovery link once per link (also under StrictMode) and returns
 * the report. Pass `null` while the link is not known.
 *
 * @example
 * const { status, report } = useRecovery(new URL(location.href).searchParams.get('token'))
 */
export function useRecovery(link: string | null | undefined, cart?: Cart): RecoveryState {
  const found = useCart(cart)
  const [result, setResult] = useState<RecoveryState & { link: string | null }>({
    link: null,
    status: 'idle',
    report: null,
    error: null,
  })
  const opened = useRef<{ cart: Cart; link: string } | null>(null)
  useEffect(() => {
    if (!link || (opened.current?.cart === found && opened.current.link === link)) return
    opened.current = { cart: found, link }
    found.openRecovery(link).then(
      (report) => setResult({ link, status: 'done', report, error: null }),
      (error: unknown) => setResult({ link, status: 'error', report: null, error }),
    )
  }, [found, link])
  if (!link) return { status: 'idle', report: null, error: null }
  // Until this link's result arrives (also on the server and while hydrating), it is loading.
  if (result.link !== link) return { status: 'loading', report: null, error: null }
  return { status: result.status, report: result.report, error: result.error }
}
