import type { Storefront } from '../context.ts'
import { h } from '../dom.ts'
import { renderNotices } from '../notices.ts'
import { renderDiscount } from './discount.ts'
import { renderEmailCapture } from './email-capture.ts'
import { renderLines } from './line-row.ts'
import { renderTotals } from './totals.ts'

/**
 * The cart drawer: notices, lines with quantity steppers, the discount code, totals, the
 * checkout email and the checkout button. Everything is rendered from the cart's stores.
 */
export function renderDrawer(shop: Storefront): {
  element: HTMLElement
  open(): void
  close(): void
} {
  const { cart, t } = shop
  const notices = h('ul', { class: 'notices', attrs: { 'aria-live': 'polite' } })
  cart.$notices.subscribe((value) => renderNotices(shop, notices, value))
  const empty = h(
    'div',
    { class: 'cart-empty' },
    h('p', {}, t('cart_empty')),
    h(
      'button',
      { class: 'button secondary', attrs: { type: 'button' }, on: { click: () => close() } },
      t('keep_shopping'),
    ),
  )

  const status = h('p', { class: 'sync-status', attrs: { role: 'status' } })
  cart.$status.subscribe((value) => {
    status.textContent =
      value.state === 'offline'
        ? t('status_offline')
        : value.state === 'error'
          ? t('status_error')
          : ''
  })

  const checkout = h(
    'button',
    {
      class: 'button primary checkout',
      attrs: { type: 'button' },
      on: {
        click: async () => {
          checkout.disabled = true
          checkout.textContent = t('checking_out')
          try {
            // Sends what is pending first; the server gives the checkout page of the cart.
            location.href = await cart.checkout()
          } catch {
            checkout.disabled = false
            checkout.textContent = t('checkout')
          }
        },
      },
    },
    t('checkout'),
  )

  const footer = h(
    'div',
    { class: 'drawer-footer' },
    renderDiscount(shop),
    renderTotals(shop),
    h('p', { class: 'fine-print' }, t('taxes_note')),
    renderEmailCapture(shop),
    checkout,
    status,
  )

  const closeButton = h(
    'button',
    {
      class: 'close',
      attrs: { type: 'button', 'aria-label': t('close') },
      on: { click: () => close() },
    },
    '×',
  )
  const heading = h('h2', { attrs: { id: 'drawer-title' } }, t('your_cart'))
  cart.$count.subscribe((count) => {
    heading.textContent = count > 0 ? `${t('your_cart')} (${count})` : t('your_cart')
    empty.hidden = count > 0
    footer.hidden = count === 0
  })
  const panel = h(
    'div',
    {
      class: 'drawer',
      attrs: {
        id: 'cart-drawer',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'drawer-title',
        tabindex: -1,
      },
      on: {
        keydown: (event) => {
          if ((event as KeyboardEvent).key === 'Escape') close()
        },
      },
    },
    h('div', { class: 'drawer-header' }, heading, closeButton),
    notices,
    h('div', { class: 'drawer-body' }, renderLines(shop), empty),
    footer,
  )
  const backdrop = h('div', { class: 'backdrop', on: { click: () => close() } })
  const element = h('div', { class: 'drawer-root', attrs: { hidden: true } }, backdrop, panel)

  let returnFocus: HTMLElement | null = null
  function open() {
    returnFocus = document.activeElement as HTMLElement | null
    element.hidden = false
    document.body.classList.add('drawer-open')
    document.querySelector('.cart-button')?.setAttribute('aria-expanded', 'true')
    closeButton.focus()
  }
  function close() {
    element.hidden = true
    document.body.classList.remove('drawer-open')
    document.querySelector('.cart-button')?.setAttribute('aria-expanded', 'false')
    returnFocus?.focus()
  }

  return { element, open, close }
}
