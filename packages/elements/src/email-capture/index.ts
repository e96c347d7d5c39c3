import type { Cart } from '@tote/core'
import { bindEmailInput } from '@tote/core/email-input'
import { stopAll, ToteElement } from '../base/index.ts'
import { emailErrorMessage } from '../messages/index.ts'

/**
 * `<tote-email-capture>`: saves the checkout email typed in the theme's own
 * `<input type="email">` on the cart with core's `bindEmailInput` — when the input loses focus,
 * and once typing pauses for `debounce` milliseconds (default 800) on an address the input
 * finds valid; never once per keystroke, and never the same address twice. An `<input
 * type="checkbox" data-tote-consent>` inside gives marketing consent (changing it saves
 * again). The capture state is reflected in a `state` attribute (`idle`, `saving`, `saved`,
 * `error`) and, in a `[data-tote-field="error"]` slot, a sentence for the shopper in the
 * page's language (French, Norwegian or English), such as "Enter your email address as
 * name@example.com."; the input is marked `aria-invalid` meanwhile.
 *
 * @example
 * <tote-email-capture debounce="800">
 *   <input type="email" autocomplete="email"> <small data-tote-field="error"></small>
 * </tote-email-capture>
 */
export class ToteEmailCaptureElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    const input = this.querySelector<HTMLInputElement>('input[type="email"]')
    if (!input) return () => {}
    const errorSlot = this.querySelector('[data-tote-field="error"]')
    const debounce = this.getAttribute('debounce')
    const showError = (error: unknown) => {
      if (errorSlot) errorSlot.textContent = error ? emailErrorMessage(error, this.locale) : ''
      if (error) input.setAttribute('aria-invalid', 'true')
      else input.removeAttribute('aria-invalid')
    }
    const stops = [
      cart.$email.subscribe((capture) => {
        this.setAttribute('state', capture.state)
        showError(capture.state === 'error' ? capture.error : null)
        if (capture.email && !input.value && this.ownerDocument.activeElement !== input)
          input.value = capture.email
      }),
      bindEmailInput(cart, input, {
        debounceMs: debounce === null ? undefined : Number(debounce),
        consent: this.querySelector<HTMLInputElement>('input[data-tote-consent]') ?? undefined,
        onError: (error) => {
          this.setAttribute('state', 'error')
          showError(error)
        },
      }),
    ]
    return () => stopAll(stops)
  }
}
