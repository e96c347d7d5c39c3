import { type Cart, type CartAdapter, type CartOptions, createCart } from '@tote/core'
import { messagesFor } from '../messages/index.ts'

/**
 * The cart a `<tote-cart>` describes, over `adapter`: `locale` (else the page's
 * `<html lang>`, with Tote's French or Norwegian messages for `fr` or `nb`), `storage-key` and
 * `country` go to `createCart`, with `recovery` when given.
 *
 * @example
 * root.cart = cartFromAttributes(root, createRestAdapter({ baseUrl: 'https://api.shop.example' }))
 */
export function cartFromAttributes(
  root: HTMLElement,
  adapter: CartAdapter,
  recovery?: CartOptions['recovery'],
): Cart {
  const locale = root.getAttribute('locale') || root.ownerDocument.documentElement.lang || undefined
  const messages = locale === undefined ? undefined : messagesFor(locale)
  return createCart({
    adapter,
    locale,
    ...(messages && { messages }),
    ...(recovery && { recovery }),
    storageKey: root.getAttribute('storage-key') ?? undefined,
    country: root.getAttribute('country') ?? undefined,
  })
}
