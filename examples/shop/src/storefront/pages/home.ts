import type { Merchandise } from '@tote/core'
import { type Product, summary } from '../catalogue.ts'
import { priceOf, type Storefront } from '../context.ts'
import { h, safeImageUrl } from '../dom.ts'

/** A product's price: the lowest of its variants, with the compare-at price struck through. */
export function priceTag(shop: Storefront, offer: Merchandise | null): HTMLElement {
  return h(
    'p',
    { class: 'price' },
    h('span', { class: 'amount' }, priceOf(shop, offer?.price)),
    offer?.compareAtPrice && offer.compareAtPrice.amount > offer.price.amount
      ? h('s', { class: 'compare-at' }, priceOf(shop, offer.compareAtPrice))
      : null,
  )
}

/** The picture of a product, from its merchandise (the server's image URL). */
export function picture(product: Product, className: string): HTMLElement {
  const url = safeImageUrl(product.offers[0]?.image?.url)
  return url
    ? h('img', {
        class: className,
        attrs: { src: url, alt: product.imageAlt, width: 600, height: 600, loading: 'lazy' },
      })
    : h('div', {
        class: `${className} no-picture`,
        attrs: { role: 'img', 'aria-label': product.imageAlt },
      })
}

/** Adds one unit and opens the drawer; the line shows at once (the merchandise is known). */
export function addToCart(shop: Storefront, offer: Merchandise, quantity = 1): void {
  shop.cart.add({ merchandiseId: offer.id, quantity, merchandise: offer })
  shop.drawer.open()
}

function productCard(shop: Storefront, product: Product): HTMLElement {
  const { t } = shop
  const { from, available, fewLeft } = summary(product)
  const href = `/products/${encodeURIComponent(product.id)}`
  const single = product.offers.length === 1 ? product.offers[0]! : null
  const action = !available
    ? h(
        'button',
        { class: 'button secondary', attrs: { type: 'button', disabled: true } },
        t('sold_out'),
      )
    : single
      ? h(
          'button',
          {
            class: 'button secondary',
            attrs: { type: 'button', 'data-add': single.id },
            on: { click: () => addToCart(shop, single) },
          },
          t('add_to_cart'),
        )
      : h('a', { class: 'button secondary', attrs: { href } }, t('choose_options'))
  return h(
    'article',
    { class: 'product-card', attrs: { 'data-product': product.id } },
    h(
      'a',
      { class: 'card-picture', attrs: { href, tabindex: -1, 'aria-hidden': 'true' } },
      picture(product, 'picture'),
      !available
        ? h('span', { class: 'badge sold-out' }, t('sold_out'))
        : fewLeft
          ? h('span', { class: 'badge few-left' }, t('only_left', { count: fewLeft }))
          : null,
    ),
    h(
      'div',
      { class: 'card-body' },
      h('h3', {}, h('a', { class: 'card-title', attrs: { href } }, product.title)),
      priceTag(shop, from),
      action,
    ),
  )
}

/** The home page: a hero and the product grid. */
export function homePage(shop: Storefront): HTMLElement {
  const { t } = shop
  return h(
    'main',
    { class: 'home' },
    h(
      'section',
      { class: 'hero' },
      h(
        'div',
        { class: 'hero-text' },
        h('h1', {}, t('hero_title')),
        h('p', {}, t('hero_text')),
        h('a', { class: 'button primary', attrs: { href: '#collection' } }, t('hero_cta')),
      ),
      h(
        'div',
        { class: 'hero-pictures', attrs: { 'aria-hidden': 'true' } },
        ...shop.products.slice(0, 3).map((product) => picture(product, 'hero-picture')),
      ),
    ),
    h(
      'section',
      { class: 'collection', attrs: { id: 'collection', 'aria-labelledby': 'collection-title' } },
      h('h2', { attrs: { id: 'collection-title' } }, t('collection')),
      h('div', { class: 'grid' }, ...shop.products.map((product) => productCard(shop, product))),
    ),
  )
}
