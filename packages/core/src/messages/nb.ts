/**
 * `@tote/core/messages/nb`: Tote's notice messages in Norwegian Bokmål, to pass to
 * `createCart`.
 *
 * @example
 * import { createCart } from '@tote/core'
 * import { nb } from '@tote/core/messages/nb'
 *
 * const cart = createCart({ adapter, locale: 'nb-NO', messages: nb })
 *
 * @module
 */
import type { Messages } from '../i18n/index.ts'

/**
 * Tote's notice messages in Norwegian Bokmål, worded like Norwegian merchants' help pages
 * ("handlekurv", "utsolgt"); Nynorsk readers read it far better than English. The cart's
 * `locale` still picks plural forms and formats money.
 *
 * @example
 * createCart({ adapter, locale: 'nb-NO', messages: nb })
 * createCart({ adapter, locale: 'nb', messages: { ...nb, out_of_stock: '%{title} er utsolgt.' } })
 */
export const nb: Messages = {
  item: 'en vare',
  changed: 'Handlekurven din er endret.',
  out_of_stock: '%{title} er utsolgt og ble fjernet fra handlekurven.',
  insufficient_stock: {
    one: 'Det er bare %{count} stykk igjen av %{title}, så antallet ble endret fra %{from} til %{to}.',
    other:
      'Det er bare %{count} stykker igjen av %{title}, så antallet ble endret fra %{from} til %{to}.',
  },
  quantity_adjusted: 'Antallet av %{title} ble endret fra %{from} til %{to}.',
  price_changed: 'Prisen på %{title} er endret fra %{from} til %{to}.',
  discontinued: '%{title} er ikke lenger tilgjengelig og ble fjernet fra handlekurven.',
  discount_rejected: 'Rabattkoden %{discountCode} kan ikke brukes på handlekurven din.',
  cart_expired: 'Handlekurven din var utløpt, så en ny ble opprettet.',
  cart_completed: 'Bestillingen din er lagt inn, så handlekurven er tom igjen.',
  currency_changed: 'Prisene vises nå i %{to} i stedet for %{from}.',
  rejected: 'Endringen i handlekurven kunne ikke utføres.',
  sync_failed: 'Handlekurven kunne ikke lagres. Vi prøver igjen.',
  storage_unavailable: 'Handlekurven blir ikke lagret på denne enheten når du forlater siden.',
  selling_plan_required: '%{title} selges bare som abonnement: velg en leveringsplan.',
  selling_plan_unavailable:
    'Abonnementet du valgte for %{title} tilbys ikke lenger, så varen ble ikke lagt til.',
  quantity_rule:
    '%{title} selges i antall på %{increment} om gangen, minst %{minimum} og høyst %{maximum}.',
}
