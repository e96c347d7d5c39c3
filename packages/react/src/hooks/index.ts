import type {
  Cart,
  CartLineView,
  CartStatus,
  CartSyncStatus,
  CartView,
  EmailCaptureState,
  LineAttributes,
  Notice,
  RecoveryState,
} from '@tote/core'
import { cartStatus, EMPTY_CART_VIEW } from '@tote/core'
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
 * const cart = createCart({ adapter: createRestAdapter({ baseUrl: 'https://api.shop.example' }) })
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
const IDLE_STATUS: CartSyncStatus = { state: 'idle' }

/** The part of a cart store a hook reads. */
interface Store<T> {
  get(): T
  listen(listener: () => void): () => void
}

/** The store's value, or the part `select` picks (re-renders only when that part changes). */
function useStore<T, S = T>(
  store: Store<T>,
  serverValue: S,
  select: (value: T) => S = (value) => value as unknown as S,
): S {
  const subscribe = useCallback((onChange: () => void) => store.listen(onChange), [store])
  return useSyncExternalStore(
    subscribe,
    () => select(store.get()),
    () => serverValue,
  )
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
 * What {@link useNotices} returns.
 *
 * @example
 * const { notices, dismiss }: NoticeList = useNotices()
 */
export interface NoticeList {
  /** The notices to show, oldest first. */
  notices: readonly Notice[]
  /** Removes a notice from the cart's `$notices`. */
  dismiss: (id: string) => void
}

/**
 * The notices to show the shopper, and a function that dismisses one.
 *
 * @example
 * const { notices, dismiss } = useNotices()
 * return notices.map((n) => <p key={n.id} onClick={() => dismiss(n.id)}>{n.message}</p>)
 */
export function useNotices(cart?: Cart): NoticeList {
  const found = useCart(cart)
  const notices = useStore(found.$notices, NO_NOTICES)
  const dismiss = useCallback((id: string) => found.dismissNotice(id), [found])
  return { notices, dismiss }
}

/**
 * What {@link useCheckoutEmail} returns.
 *
 * @example
 * const { state, error, capture }: CheckoutEmail = useCheckoutEmail()
 */
export interface CheckoutEmail {
  /** The capture state: `idle`, `saving`, `saved` or `error`. */
  state: EmailCaptureState
  /** Why the last address was not saved (malformed, or refused by the backend); else `null`. */
  error: Error | null
  /** Saves an address: `true` once saved, `false` when not (see `error`). Never rejects. */
  capture: (email: string, options?: { consent?: boolean }) => Promise<boolean>
}

/**
 * The checkout email capture state (`idle`, `saving`, `saved`, `error`), the error to show
 * next to the field, and the function that captures an address. `capture` never rejects: it
 * resolves `true` once the address is saved and `false` when it is malformed (a
 * `ToteArgumentError`, before anything is sent) or the backend refuses it; `error` says why
 * until the next capture.
 *
 * @example
 * const { error, capture } = useCheckoutEmail()
 * <input type="email" onBlur={(e) => capture(e.target.value)} aria-invalid={error !== null} />
 * {error && <small role="alert">{error.message}</small>}
 */
export function useCheckoutEmail(cart?: Cart): CheckoutEmail {
  const found = useCart(cart)
  const state = useStore(found.$email, IDLE_EMAIL)
  const [failed, setFailed] = useState<Error | null>(null)
  const capture = useCallback(
    (email: string, options?: { consent?: boolean }) => {
      setFailed(null)
      return found.captureEmail(email, options).then(
        () => true,
        (error: unknown) => {
          setFailed(error instanceof Error ? error : new Error(String(error)))
          return false
        },
      )
    },
    [found],
  )
  return { state, error: failed ?? (state.state === 'error' ? state.error : null), capture }
}

/**
 * What {@link useCartStatus} returns: the {@link CartStatus} and `retry`, which tries again
 * at once instead of waiting for `retryAt`.
 *
 * @example
 * const { saving, offline, error, retry }: CartStatusWithRetry = useCartStatus()
 */
export type CartStatusWithRetry = CartStatus & { readonly retry: () => void }

/**
 * Whether the cart is saving, offline (changes kept, sent when back) or failed with the time
 * of the next attempt, and `retry` to try again at once. `error` narrows the rest.
 *
 * @example
 * const status = useCartStatus()
 * if (status.error) return <p role="alert">Not saved. Retrying at {status.retryAt.toLocaleTimeString()}</p>
 * return <p role="status">{status.offline ? 'Offline: saved on this device' : status.saving ? 'Saving…' : ''}</p>
 */
export function useCartStatus(cart?: Cart): CartStatusWithRetry {
  const found = useCart(cart)
  const status = useStore(found.$status, IDLE_STATUS)
  const pending = useStore(found.$cart, false, (view) => view.pending)
  return useMemo(
    () => ({ ...cartStatus(status, pending), retry: () => found.retry() }),
    [found, status, pending],
  )
}

/**
 * What {@link useDiscountCodes} returns.
 *
 * @example
 * const { codes, apply, remove }: DiscountCodes = useDiscountCodes()
 */
export interface DiscountCodes {
  /** Each code with `applicable`: `true`, `false` once the backend refused it, `null` until it answers. */
  codes: CartView['discountCodes']
  apply: (code: string) => void
  remove: (code: string) => void
}

/**
 * The cart's discount codes (each with `applicable`: `true`, `false` once the backend refused
 * it, `null` until it answers) and the functions that apply and remove one.
 *
 * @example
 * const { codes, apply, remove } = useDiscountCodes()
 * <form onSubmit={(e) => { e.preventDefault(); apply(new FormData(e.currentTarget).get('code') as string) }}>
 */
export function useDiscountCodes(cart?: Cart): DiscountCodes {
  const found = useCart(cart)
  const codes = useStore(found.$cart, EMPTY_VIEW.discountCodes, (view) => view.discountCodes)
  const apply = useCallback((code: string) => found.applyDiscountCode(code), [found])
  const remove = useCallback((code: string) => found.removeDiscountCode(code), [found])
  return { codes, apply, remove }
}

/**
 * What {@link useCartNote} returns.
 *
 * @example
 * const { note, setNote }: CartNote = useCartNote()
 */
export interface CartNote {
  note: string
  /** Sets the note: at once in the cart, then synced like any change. */
  setNote: (note: string) => void
}

/**
 * The cart note and the function that sets it (saved like any change: at once in the view,
 * then synced).
 *
 * @example
 * const { note, setNote } = useCartNote()
 * <textarea defaultValue={note} onBlur={(e) => setNote(e.target.value)} />
 */
export function useCartNote(cart?: Cart): CartNote {
  const found = useCart(cart)
  const note = useStore(found.$cart, EMPTY_VIEW.note, (view) => view.note)
  const setNote = useCallback((value: string) => found.setNote(value), [found])
  return { note, setNote }
}

/**
 * What {@link useCartAttributes} returns.
 *
 * @example
 * const { attributes, setAttributes }: CartAttributes = useCartAttributes()
 */
export interface CartAttributes {
  attributes: LineAttributes
  /** Replaces every cart attribute: at once in the cart, then synced like any change. */
  setAttributes: (attributes: LineAttributes) => void
}

/**
 * The cart attributes (such as a gift wrap flag or a delivery date) and the function that
 * replaces them.
 *
 * @example
 * const { attributes, setAttributes } = useCartAttributes()
 * <input type="checkbox" checked={attributes.gift === 'yes'}
 *   onChange={(e) => setAttributes({ ...attributes, gift: e.target.checked ? 'yes' : 'no' })} />
 */
export function useCartAttributes(cart?: Cart): CartAttributes {
  const found = useCart(cart)
  const attributes = useStore(found.$cart, EMPTY_VIEW.attributes, (view) => view.attributes)
  const setAttributes = useCallback((value: LineAttributes) => found.setAttributes(value), [found])
  return { attributes, setAttributes }
}

const IDLE: RecoveryState = { status: 'idle', report: null, error: null }
const LOADING: RecoveryState = { status: 'loading', report: null, error: null }

/**
 * Opens an abandoned-cart recovery link once per link (also under StrictMode) and says where
 * it stands; `status` narrows the rest. Once `done`, `report.counts` says what changed since
 * the cart was abandoned; the notices for those changes are in `useNotices()`, once. Pass
 * `null` while the link is not known.
 *
 * @example
 * const recovery = useRecovery(new URL(location.href).searchParams.get('token'))
 * if (recovery.status === 'error') return <p role="alert">{recovery.error.message}</p>
 * if (recovery.status === 'done') return <p>{recovery.report.counts.removed} removed</p>
 */
export function useRecovery(link: string | null | undefined, cart?: Cart): RecoveryState {
  const found = useCart(cart)
  const [result, setResult] = useState<{ link: string | null; state: RecoveryState }>({
    link: null,
    state: IDLE,
  })
  const opened = useRef<{ cart: Cart; link: string } | null>(null)
  useEffect(() => {
    if (!link || (opened.current?.cart === found && opened.current.link === link)) return
    opened.current = { cart: found, link }
    found.openRecovery(link).then(
      ({ counts }) =>
        setResult({ link, state: { status: 'done', report: { counts }, error: null } }),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error))
        setResult({ link, state: { status: 'error', report: null, error: failure } })
      },
    )
  }, [found, link])
  if (!link) return IDLE
  // Until this link's result arrives (also on the server and while hydrating), it is loading.
  return result.link === link ? result.state : LOADING
}
