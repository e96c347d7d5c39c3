import type { Storefront } from './context.ts'
import { h } from './dom.ts'
import { chooseLanguage, LANGUAGES, type Language } from './text.ts'

/** The announcement bar and the header: the shop's name, the language, the cart button. */
export function renderHeader(shop: Storefront): HTMLElement {
  const { cart, t } = shop
  const count = h('span', { class: 'cart-count' }, '0')
  const button = h(
    'button',
    {
      class: 'cart-button',
      attrs: { type: 'button', 'aria-controls': 'cart-drawer', 'aria-expanded': 'false' },
      on: { click: () => shop.drawer.open() },
    },
    t('cart'),
    count,
    h('span', { class: 'sr-only' }, ` ${t('items')}`),
  )
  cart.$count.subscribe((value) => {
    count.textContent = String(value)
    count.classList.toggle('is-empty', value === 0)
  })
  const language = h(
    'select',
    {
      class: 'language',
      attrs: { 'aria-label': t('language') },
      on: {
        change: (event) => {
          chooseLanguage((event.target as HTMLSelectElement).value as Language)
          location.reload()
        },
      },
    },
    ...Object.entries(LANGUAGES).map(([code, { label }]) =>
      h('option', { attrs: { value: code, selected: code === shop.language } }, label),
    ),
  )
  const code = shop.catalogue.shop.discountCode
  return h(
    'header',
    { class: 'site-header' },
    code ? h('p', { class: 'announcement' }, t('announcement', { code })) : null,
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'logo', attrs: { href: '/' } }, shop.catalogue.shop.name),
      h(
        'nav',
        { class: 'main-nav', attrs: { 'aria-label': t('nav_shop') } },
        h('a', { attrs: { href: '/#collection' } }, t('nav_shop')),
        h('a', { attrs: { href: '/#about' } }, t('nav_about')),
      ),
      h('div', { class: 'bar-end' }, language, button),
    ),
  )
}

/** The footer: who the shop is, and where the merchant and development pages are. */
export function renderFooter(shop: Storefront): HTMLElement {
  const { t } = shop
  const { contact } = shop.catalogue.shop
  return h(
    'footer',
    { class: 'site-footer', attrs: { id: 'about' } },
    h(
      'div',
      { class: 'footer-inner' },
      h(
        'div',
        {},
        h('p', { class: 'logo' }, shop.catalogue.shop.name),
        h('p', {}, t('footer_about')),
      ),
      h('div', {}, h('p', {}, contact.email), contact.address ? h('p', {}, contact.address) : null),
      h(
        'ul',
        { class: 'footer-links' },
        h(
          'li',
          {},
          h('a', { attrs: { href: shop.catalogue.links.merchant } }, t('footer_merchant')),
        ),
        shop.catalogue.links.dev
          ? h('li', {}, h('a', { attrs: { href: shop.catalogue.links.dev } }, t('footer_dev')))
          : null,
      ),
    ),
  )
}
