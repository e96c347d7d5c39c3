import type { Cart } from '../cart/types.ts'
import { isToteError, ToteArgumentError } from '../errors/index.ts'

/** The part of an `<input>` that {@link bindEmailInput} uses. */
export interface EmailInputLike {
  value: string
  addEventListener(type: 'input' | 'blur' | 'change', listener: () => void): void
  removeEventListener(type: 'input' | 'blur' | 'change', listener: () => void): void
}

/** Options of {@link bindEmailInput}. */
export interface BindEmailInputOptions {
  /**
   * Save after typing pauses this long, in milliseconds (and always on blur).
   * @default 800
   */
  debounceMs?: number
  /** Whether the shopper agreed to marketing email; read at each save. @default () => false */
  consent?: () => boolean
  /** Timers, for tests. @default globalThis */
  timers?: {
    setTimeout(callback: () => void, ms: number): unknown
    clearTimeout(handle: unknown): void
  }
}

/**
 * Saves the checkout email typed in an `<input>` on the cart: on blur, and when typing
 * pauses; never a request per keystroke. A half-typed or malformed address is not sent
 * (the cart's `$email` store keeps its state). Returns the function that unbinds it.
 *
 * @example
 * const unbind = bindEmailInput(cart, document.querySelector('#email'), {
 *   consent: () => marketingCheckbox.checked,
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
  const debounceMs = options.debounceMs ?? 800
  const timers = options.timers ?? {
    setTimeout: (callback: () => void, ms: number) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle: unknown) =>
      globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  let timer: unknown = null
  let last = ''
  const save = () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    const email = input.value.trim()
    const consent = options.consent?.() ?? false
    const key = `${email}|${consent}`
    if (email === '' || key === last) return
    cart.captureEmail(email, { consent }).then(
      () => {
        last = key
      },
      (error: unknown) => {
        // A malformed address is the shopper still typing, not a failure to report.
        if (!isToteError(error, 'invalid_argument')) last = ''
      },
    )
  }
  const typed = () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = timers.setTimeout(save, debounceMs)
  }
  input.addEventListener('input', typed)
  input.addEventListener('blur', save)
  input.addEventListener('change', save)
  return () => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    input.removeEventListener('input', typed)
    input.removeEventListener('blur', save)
    input.removeEventListener('change', save)
  }
}
