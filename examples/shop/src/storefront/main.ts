// The demo shop's storefront: @tote/core's cart over @tote/adapter-rest, rendered with plain
// DOM code from the cart's stores. One bundle serves every page; `<body data-page>` says
// which. Recovery and the French and Norwegian messages are loaded only where needed.
import { createRestAdapter } from '@tote/adapter-rest'
import { createCart, type Messages } from '@tote/core'
import { loadCatalogue } from './catalogue.ts'
import type { Storefront } from './context.ts'
import { append, h } from './dom.ts'
import { renderDrawer } from './drawer/index.ts'
import { renderFooter, renderHeader } from './header.ts'
import { checkoutPage } from './pages/checkout.ts'
import { homePage } from './pages/home.ts'
import { productPage } from './pages/product.ts'
import { recoverPage } from './pages/recover.ts'
import { currentLanguage, LANGUAGES, type Language, textsFor } from './text.ts'

async function messagesFor(language: Language): Promise<Partial<Messages> | undefined> {
  if (language === 'fr') return (await import('@tote/core/messages/fr')).fr
  if (language === 'nb') return (await import('@tote/core/messages/nb')).nb
  return undefined
}

async function start(): Promise<void> {
  const page = document.body.dataset.page ?? 'home'
  const language = currentLanguage()
  const locale = LANGUAGES[language].locale
  document.documentElement.lang = locale
  const adapter = createRestAdapter({ baseUrl: location.origin })
  const messages = await messagesFor(language)
  // Only the recovery page opens links, so only it loads the reconciliation code.
  const recovery = page === 'recover' ? (await import('@tote/core/recovery')).recovery : undefined
  const cart = createCart({
    adapter,
    locale,
    ...(messages ? { messages } : {}),
    ...(recovery ? { recovery } : {}),
  })
  const { file, products } = await loadCatalogue(adapter)
  const shop: Storefront = {
    cart,
    t: textsFor(language),
    language,
    locale,
    catalogue: file,
    products,
    drawer: { open: () => drawer.open(), close: () => drawer.close() },
  }
  const drawer = renderDrawer(shop)
  const path = location.pathname
  const content =
    page === 'product'
      ? productPage(
          shop,
          products.find((product) => `/products/${encodeURIComponent(product.id)}` === path),
        )
      : page === 'checkout'
        ? checkoutPage(shop, decodeURIComponent(path.split('/')[2] ?? ''))
        : page === 'recover'
          ? recoverPage(shop)
          : homePage(shop)
  document.body.replaceChildren()
  append(document.body, renderHeader(shop), content, renderFooter(shop), drawer.element)
  document.title =
    page === 'home'
      ? file.shop.name
      : `${content.querySelector('h1')?.textContent} · ${file.shop.name}`
  document.body.dataset.ready = 'true'
}

start().catch((error: unknown) => {
  document.body.replaceChildren(
    h(
      'main',
      { class: 'not-found' },
      h('h1', {}, 'The shop could not open'),
      h('p', {}, error instanceof Error ? error.message : String(error)),
    ),
  )
})
