/**
 * `@tote/core/email-input`: binds a checkout email `<input>` to a cart, for pages that wire
 * their own markup (the bindings and elements use it too).
 *
 * @example
 * import { bindEmailInput } from '@tote/core/email-input'
 *
 * const unbind = bindEmailInput(cart, document.querySelector('#email'))
 *
 * @module
 */
import type { Cart } from '../cart/types.ts'
import { isToteError, ToteArgumentError } from '../errors/index.ts'

type Listener = () => void

/**
 * The part of an `<input>` that {@link bindEmailInput} uses.
 *
 * @example
 * const input: EmailInputLike = document.querySelector('input[type=email]')!
 */
export interface EmailInputLike {
  value: string
  addEventListener(type: 'input' | 'blur' | 'change', listener: Listener): void
  removeEventListener(type: 'input' | 'blur' | 'change', listener: Listener): void
  /** When present (as on an `<input type="email">`), a save while typing waits until it is true. */
  checkValidity?(): boolean
}

/**
 * The part of an `<input type="checkbox">` that {@link bindEmailInput} uses for consent.
 *
 * @example
 * const consent: ConsentInputLike = document.querySelector('#marketing')!
 */
export interface ConsentInputLike {
  readonly checked: boolean
  addEventListener(type: 'change', listener: Listener): void
  removeEventListener(type: 'change', listener: Listener): void
}

/**
 * Options of {@link bindEmailInput}.
 *
 * @example
 * const options: BindEmailInputOptions = { debounceMs: 500, onError: (error) => console.warn(error) }
 */
export interface BindEmailInputOptions {
  /**
   * Save after typing pauses this long, in milliseconds (and always on blur).
   * @default 800
   */
  debounceMs?: number
  /**
   * Whether the shopper agreed to marketing email: a checkbox (read at each save; ticking or
   * unticking it saves again) or a function read at each save.
   * @default () => false
   */
  consent?: ConsentInputLike | (() => boolean)
  /**
   * Called when a save the shopper finished (on blur or change) fails: a malformed address
   * (a `ToteArgumentError`) or the backend refusing it. A half-typed address while typing is
   * not an error and is not reported.
   */
  onError?: (error: unknown) => void
  /** Timers, for tests. @default globalThis */
  timers?: {
    setTimeout(callback: () => void, ms: number): unknown
    clearTimeout(handle: unknown): void
  }
}

/**
 * Saves the checkout email typed in an `<input>` on the cart: on blur, and when typing
 * pauses; never a request per keystroke, and never the same address and consent twice. A
 * half-typed address is not sent while typing; on blur a malformed one goes to `onError`
 * (the cart's `$email` store keeps its state). Returns the function that unbinds it.
 *
 * @example
 * const unbind = bindEmailInput(cart, document.querySelector('#email'), {
 *   consent: document.querySelector('#marketing'),
 *   onError: (error) => { hint.textContent = error instanceof Error ? error.message : '' },
 * })
 */
export function bindEmailInput(
  cart: Pick<Cart, 'captureEmail'>,
  input: EmailInputLike,
  options: BindEmailInputOptions = {},
): () => void {
  if (typeof input?.addEventListener !== 'function') {
    throw new ToteArgumentError('input', 'expected an <input> element')
  }
  const { consent: consentOption, onError } = options
  if (
    consentOption !== undefined &&
    typeof consentOption !== 'function' &&
    typeof consentOption?.addEventListener !== 'function'
  ) {
    throw new ToteArgumentError(
      'options.consent',
      'expected a checkbox <input> or a function returning true or false',
    )
  }
  const debounceMs = options.debounceMs ?? 800
  if (!Number.isFinite(debounceMs) || debounceMs < 0) {
    throw new ToteArgumentError(
      'options.debounceMs',
      `expected a number of milliseconds ≥ 0, got ${String(debounceMs)}`,
    )
  }
  const timers = options.timers ?? {
    setTimeout: (callback: () => void, ms: number) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) =>
      globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const consent = (): boolean =>
    typeof consentOption === 'function' ? consentOption() : (consentOption?.checked ?? false)
  let timer: unknown = null
  let last = ''
  const cancel = () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
  }
  const save = (whileTyping: boolean) => {
    cancel()
    const email = input.value.trim()
    const agreed = consent()
    const key = `${email}|${agreed}`
    if (email === '' || key === last) return
    if (whileTyping && input.checkValidity?.() === false) return
    last = key
    cart.captureEmail(email, { consent: agreed }).catch((error: unknown) => {
      last = ''
      // A malformed address while typing is the shopper not done yet, not a failure.
      if (!(whileTyping && isToteError(error, 'invalid_argument'))) onError?.(error)
    })
  }
  const typed = () => {
    cancel()
    timer = timers.setTimeout(() => save(true), debounceMs)
  }
  const finished = () => save(false)
  const consentInput = typeof consentOption === 'function' ? undefined : consentOption
  input.addEventListener('input', typed)
  input.addEventListener('blur', finished)
  input.addEventListener('change', finished)
  consentInput?.addEventListener('change', finished)
  return () => {
    cancel()
    input.removeEventListener('input', typed)
    input.removeEventListener('blur', finished)
    input.removeEventListener('change', finished)
    consentInput?.removeEventListener('change', finished)
  }
}
