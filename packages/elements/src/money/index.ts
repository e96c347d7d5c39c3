import { type FormatMoneyOptions, formatMoney as formatWith, type Money } from '@tote/core'

/**
 * The page's cart locale: the `locale` of its first `<tote-cart>` that has one, else the
 * page's `<html lang>`; `undefined` outside a browser or when neither is set.
 *
 * @example
 * pageLocale() // 'fr' on <html lang="fr">
 */
export function pageLocale(): string | undefined {
  const document = (globalThis as { document?: Document }).document
  if (!document) return undefined
  const root = document.querySelector('tote-cart[locale]')
  return root?.getAttribute('locale') || document.documentElement.lang || undefined
}

/**
 * Formats money as the cart's elements do: in `options.locale`, else the page's cart locale
 * ({@link pageLocale}), so a theme script's amounts read like the cart's ("29,00 €" on a
 * French page, not "€29.00"). This is `Tote.formatMoney` in the theme builds.
 *
 * @example
 * formatMoney({ amount: 2900, currency: 'EUR' }) // '29,00 €' under <tote-cart locale="fr">
 */
export function formatMoney(value: Money, options: FormatMoneyOptions = {}): string {
  return formatWith(value, { ...options, locale: options.locale ?? pageLocale() })
}
