import type { Messages } from '../i18n/index.ts'

/**
 * Tote's notice messages in English: built into every cart, and what any key a catalogue
 * leaves out falls back to.
 *
 * @example
 * en.out_of_stock // '%{title} is sold out and was removed from your cart.'
 */
export const en: Messages = {
  item: 'an item',
  changed: 'Your cart has changed.',
  out_of_stock: '%{title} is sold out and was removed from your cart.',
  insufficient_stock: {
    one: 'Only %{count} unit of %{title} is left, so your quantity went from %{from} to %{to}.',
    other: 'Only %{count} units of %{title} are left, so your quantity went from %{from} to %{to}.',
  },
  quantity_adjusted: 'The quantity of %{title} was changed from %{from} to %{to}.',
  price_changed: 'The price of %{title} changed from %{from} to %{to}.',
  discontinued: '%{title} is no longer available and was removed from your cart.',
  discount_rejected: 'The discount code %{discountCode} cannot be applied to your cart.',
  cart_expired: 'Your cart had expired, so a new one was started.',
  cart_completed: 'Your order was placed, so your cart starts empty again.',
  currency_changed: 'Prices are now shown in %{to} instead of %{from}.',
  rejected: 'That change to your cart could not be made.',
  sync_failed: 'Your cart could not be saved. We will try again.',
  storage_unavailable: 'Your cart will not be kept on this device once you leave the page.',
  selling_plan_required: '%{title} is sold by subscription only: choose a delivery plan.',
  selling_plan_unavailable:
    'The subscription plan chosen for %{title} is no longer offered, so it was not added.',
  quantity_rule:
    '%{title} is sold in steps of %{increment}, at least %{minimum} and at most %{maximum}.',
}
