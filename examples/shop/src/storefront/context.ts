import type { Cart, Money } from '@tote/core'
import { formatMoney } from '@tote/core'
import type { CatalogueFile, Product } from './catalogue.ts'
import type { Language, Texts } from './text.ts'

/** What every part of the storefront works with. */
export interface Storefront {
  cart: Cart
  t: Texts
  language: Language
  locale: string
  catalogue: CatalogueFile
  products: Product[]
  /** Opens and closes the cart drawer. */
  drawer: { open(): void; close(): void }
}

/** Money in the shopper's locale. */
export function priceOf(shop: Pick<Storefront, 'locale'>, value: Money | null | undefined): string {
  return value ? formatMoney(value, { locale: shop.locale }) : '…'
}
