import type { Cart } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'

/**
 * `<tote-email-capture>`: saves the checkout email typed in the theme's own
 * `<input type="email">` on the cart — when the input loses focus, and once typing pauses
 * for `debounce` milliseconds (default 1000) on a complete-looking address; never once per
 * keystroke, and never the same address twice. An `<input type="checkbox"
 * data-tote-consent>` inside gives marketing consent (changing it saves again). The capture state is reflected in a
 * `state` attribute (`idle`, `saving`, `saved`, `error`) and the error message in a
 * `[data-tote-field="error"]` slot.
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
    const consent = this.querySelector<HTMLInputElement>('input[data-tote-consent]')
    const errorSlot = this.querySelector('[data-tote-field="error"]')
    const debounce = Number(this.getAttribute('debounce') ?? 1000)
    let timer: ReturnType<typeof setTimeout> | undefined
    // What was last sent: the address and the consent, so ticking consent afterwards sends again.
    const consentOf = () => consent?.checked ?? false
    let sent: string | null = null
    const showError = (message: string) => {
      this.setAttribute('state', 'error')
      if (errorSlot) errorSlot.textContent = message
    }
    const save = (whileTyping: boolean) => {
      clearTimeout(timer)
      const email = input.value.trim()
      // While typing, only an address the browser finds complete; on blur, any (and say why not).
      const key = `${consentOf()} ${email}`
      if (!email || key === sent || (whileTyping && !input.checkValidity())) return
      sent = key
      cart.captureEmail(email, { consent: consentOf() }).catch((error: unknown) => {
        sent = null
        showError(error instanceof Error ? error.message : String(error))
      })
    }
    const stops = [
      cart.$email.subscribe((capture) => {
        this.setAttribute('state', capture.state)
        if (errorSlot)
          errorSlot.textContent = capture.state === 'error' ? capture.error.message : ''
        if (capture.email && !input.value && this.ownerDocument.activeElement !== input) {
          input.value = capture.email
          sent = `${consentOf()} ${capture.email}`
        }
      }),
      on(input, 'input', () => {
        clearTimeout(timer)
        timer = setTimeout(() => save(true), debounce)
      }),
      on(input, 'blur', () => save(false)),
      ...(consent ? [on(consent, 'change', () => save(false))] : []),
      () => clearTimeout(timer),
    ]
    return () => stopAll(stops)
  }
}
