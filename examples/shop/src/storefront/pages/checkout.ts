import { bindEmailInput } from '@tote/core/email-input'
import type { Storefront } from '../context.ts'
import { h, replace } from '../dom.ts'
import { cartSummary } from './summary.ts'

/** What `POST /v1/carts/{cartId}/complete` answers. */
interface PlacedOrder {
  order: { id: string }
}

/**
 * The checkout page of a cart: contact email and the order summary. This demo takes no
 * payment: placing the order completes the cart on the server (docs/domain.md R17), and the
 * storefront's next change starts a new cart.
 */
export function checkoutPage(shop: Storefront, cartId: string): HTMLElement {
  const { cart, t } = shop
  const main = h('main', { class: 'checkout-page' })
  const view = cart.$cart.get()
  if (view.id !== cartId) {
    replace(
      main,
      h('h1', {}, t('checkout_title')),
      h('p', {}, t('not_your_checkout')),
      h('a', { class: 'button primary', attrs: { href: '/' } }, t('back_to_shop')),
    )
    return main
  }

  const email = h('input', {
    attrs: { id: 'contact-email', type: 'email', autocomplete: 'email', required: true },
  })
  bindEmailInput(cart, email)
  // The address is not kept in the browser: it arrives with the cart from the server.
  cart.$cart.subscribe(({ email: saved }) => {
    if (saved && !email.value && document.activeElement !== email) email.value = saved
  })
  const message = h('p', { class: 'form-message', attrs: { role: 'alert' } })
  const place = h(
    'button',
    {
      class: 'button primary place-order',
      attrs: { type: 'submit', 'data-place-order': true },
    },
    t('place_order'),
  )

  const form = h(
    'form',
    {
      class: 'checkout-form',
      on: {
        submit: async (event) => {
          event.preventDefault()
          if (!email.checkValidity() || !email.value) {
            message.textContent = t('email_required')
            return
          }
          place.disabled = true
          place.textContent = t('placing_order')
          message.textContent = ''
          try {
            await cart.captureEmail(email.value.trim())
            await cart.settled()
            const response = await fetch(`/v1/carts/${encodeURIComponent(cartId)}/complete`, {
              method: 'POST',
              headers: { 'idempotency-key': crypto.randomUUID() },
            })
            const body = (await response.json()) as PlacedOrder & { message?: string }
            if (!response.ok) throw new Error(body.message ?? String(response.status))
            replace(
              main,
              h(
                'section',
                { class: 'confirmation' },
                h('h1', {}, t('thank_you')),
                h(
                  'p',
                  { attrs: { 'data-order-id': body.order.id } },
                  t('order_placed', { order: body.order.id }),
                ),
                h('a', { class: 'button primary', attrs: { href: '/' } }, t('keep_shopping')),
              ),
            )
            // The ordered cart is done: the store drops it, and the next add starts a new one.
            await cart.refresh()
          } catch (error) {
            message.textContent = t('order_failed', {
              reason: error instanceof Error ? error.message : String(error),
            })
            place.disabled = false
            place.textContent = t('place_order')
          }
        },
      },
    },
    h('h2', {}, t('contact')),
    h('label', { attrs: { for: 'contact-email' } }, t('email_label')),
    email,
    h('p', { class: 'fine-print' }, t('demo_payment')),
    message,
    place,
  )

  replace(
    main,
    h('h1', {}, t('checkout_title')),
    h(
      'div',
      { class: 'checkout-layout' },
      form,
      h('aside', { class: 'order-summary' }, h('h2', {}, t('order_summary')), cartSummary(shop)),
    ),
  )
  return main
}
