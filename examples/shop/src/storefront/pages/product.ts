import type { Merchandise } from '@tote/core'
import type { Product } from '../catalogue.ts'
import type { Storefront } from '../context.ts'
import { h, replace } from '../dom.ts'
import { addToCart, picture, priceTag } from './home.ts'

/** A product page: its picture, price, variants, quantity and the add-to-cart button. */
export function productPage(shop: Storefront, product: Product | undefined): HTMLElement {
  const { t } = shop
  if (!product) {
    return h(
      'main',
      { class: 'not-found' },
      h('h1', {}, t('not_found')),
      h('a', { class: 'button primary', attrs: { href: '/' } }, t('back_to_shop')),
    )
  }
  let chosen: Merchandise | undefined =
    product.offers.find((offer) => offer.available) ?? product.offers[0]
  const price = h('div', { class: 'product-price' })
  const stock = h('p', { class: 'stock', attrs: { 'aria-live': 'polite' } })
  const quantity = h('input', {
    attrs: {
      type: 'number',
      min: 1,
      max: 99,
      value: 1,
      inputmode: 'numeric',
      'aria-label': t('quantity'),
    },
  })
  const add = h(
    'button',
    {
      class: 'button primary add',
      attrs: { type: 'submit' },
    },
    t('add_to_cart'),
  )
  const optionName = product.offers[0]?.options[0]?.name ?? ''
  const pills = product.offers.map((offer) =>
    h(
      'button',
      {
        class: 'pill',
        attrs: { type: 'button', 'data-variant': offer.id, 'aria-pressed': 'false' },
        on: {
          click: () => {
            chosen = offer
            show()
          },
        },
      },
      offer.title,
      offer.available ? null : h('span', { class: 'sr-only' }, ` (${t('sold_out')})`),
    ),
  )

  function show() {
    replace(price, priceTag(shop, chosen ?? null))
    for (const pill of pills) {
      const offer = product!.offers.find((item) => item.id === pill.dataset.variant)
      pill.setAttribute('aria-pressed', String(offer === chosen))
      pill.classList.toggle('is-unavailable', !offer?.available)
    }
    const left = chosen?.quantityAvailable
    stock.textContent = !chosen?.available
      ? t('sold_out')
      : left !== null && left !== undefined && left <= 3
        ? t('only_left', { count: left })
        : ''
    add.disabled = !chosen?.available
    add.textContent = chosen?.available ? t('add_to_cart') : t('sold_out')
  }
  show()

  const form = h(
    'form',
    {
      class: 'buy',
      on: {
        submit: (event) => {
          event.preventDefault()
          const count = Number(quantity.value)
          if (chosen?.available && Number.isInteger(count) && count >= 1)
            addToCart(shop, chosen, count)
        },
      },
    },
    product.offers.length > 1
      ? h(
          'fieldset',
          { class: 'variants' },
          h('legend', {}, optionName),
          h('div', { class: 'pills' }, ...pills),
        )
      : null,
    h('div', { class: 'buy-row' }, quantity, add),
    stock,
  )

  return h(
    'main',
    { class: 'product-page', attrs: { 'data-product': product.id } },
    h(
      'nav',
      { class: 'breadcrumb', attrs: { 'aria-label': 'Breadcrumb' } },
      h('a', { attrs: { href: '/' } }, shop.catalogue.shop.name),
      ' / ',
      h('span', {}, product.title),
    ),
    h(
      'div',
      { class: 'product-layout' },
      h('div', { class: 'product-gallery' }, picture(product, 'picture large')),
      h(
        'div',
        { class: 'product-details' },
        h('h1', {}, product.title),
        price,
        h('p', { class: 'description' }, product.description),
        form,
        h(
          'ul',
          { class: 'perks' },
          h('li', {}, t('perk_shipping')),
          h('li', {}, t('perk_returns')),
          h('li', {}, t('perk_made')),
        ),
      ),
    ),
  )
}
