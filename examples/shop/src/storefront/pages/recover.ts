import { isToteError } from '@tote/core'
import type { Storefront } from '../context.ts'
import { h, replace } from '../dom.ts'
import { renderNotices } from '../notices.ts'
import { cartSummary } from './summary.ts'

/**
 * The landing page of a recovery email: opens the link, and shows the cart as the shop has
 * it now, with a notice for every change since the shopper left (docs/domain.md R11, R12).
 */
export function recoverPage(shop: Storefront): HTMLElement {
  const { cart, t } = shop
  const lead = h('p', { class: 'lead', attrs: { role: 'status' } }, t('opening_cart'))
  const notices = h('ul', { class: 'notices', attrs: { 'data-notices': true } })
  const body = h('div', { class: 'recover-body' })
  const main = h(
    'main',
    { class: 'recover-page' },
    h('h1', {}, t('welcome_back')),
    lead,
    notices,
    body,
  )

  const link = location.href
  if (!new URL(link).searchParams.has('token')) {
    lead.textContent = t('no_link')
    replace(body, h('a', { class: 'button primary', attrs: { href: '/' } }, t('back_to_shop')))
    return main
  }
  // The token is a capability: once used, it leaves the address bar and the history.
  history.replaceState(null, '', '/recover')
  cart.openRecovery(link).then(
    (report) => {
      const changed = report.notices.length > 0
      lead.textContent = changed ? t('recovered') : t('recovered_unchanged')
      main.dataset.state = 'recovered'
      cart.$notices.subscribe((value) => renderNotices(shop, notices, value))
      replace(
        body,
        cartSummary(shop),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              class: 'button secondary',
              attrs: { type: 'button' },
              on: { click: () => shop.drawer.open() },
            },
            t('review_cart'),
          ),
          h(
            'button',
            {
              class: 'button primary',
              attrs: { type: 'button', 'data-continue': true },
              on: {
                click: async () => {
                  location.href = await cart.checkout()
                },
              },
            },
            t('continue_checkout'),
          ),
        ),
      )
    },
    (error: unknown) => {
      const reason = isToteError(error, 'invalid_recovery_link')
        ? String((error.details as { reason?: string } | undefined)?.reason ?? 'invalid')
        : error instanceof Error
          ? error.message
          : String(error)
      main.dataset.state = 'invalid'
      lead.textContent = t('link_invalid', { reason })
      replace(body, h('a', { class: 'button primary', attrs: { href: '/' } }, t('back_to_shop')))
    },
  )
  return main
}
