import { bindEmailInput } from '@tote/core/email-input'
import type { Storefront } from '../context.ts'
import { h } from '../dom.ts'

/**
 * The checkout email (docs/domain.md R3), saved by `bindEmailInput` on blur and when typing
 * pauses, with the consent checkbox and what became of the address.
 */
export function renderEmailCapture(shop: Storefront): HTMLElement {
  const { cart, t } = shop
  const email = h('input', {
    attrs: {
      id: 'checkout-email',
      type: 'email',
      autocomplete: 'email',
      placeholder: 'you@example.com',
      'aria-describedby': 'email-status',
    },
  })
  const consent = h('input', { attrs: { type: 'checkbox' } })
  const status = h('p', {
    class: 'email-status',
    attrs: { id: 'email-status', 'data-email-status': true, 'aria-live': 'polite' },
  })
  bindEmailInput(cart, email, {
    consent,
    onError: () => {
      status.textContent = t('email_invalid')
      status.dataset.state = 'error'
    },
  })
  cart.$email.subscribe((state) => {
    status.dataset.state = state.state
    status.textContent =
      state.state === 'saving'
        ? t('email_saving')
        : state.state === 'saved'
          ? t('email_saved')
          : state.state === 'error'
            ? t('email_invalid')
            : ''
  })
  // The address is not kept in the browser: it arrives with the cart from the server.
  cart.$cart.subscribe((view) => {
    if (view.email && !email.value && document.activeElement !== email) email.value = view.email
  })
  return h(
    'div',
    { class: 'email-capture' },
    h('label', { attrs: { for: 'checkout-email' } }, t('email_label')),
    email,
    h('label', { class: 'consent' }, consent, ' ', t('email_consent')),
    status,
  )
}
