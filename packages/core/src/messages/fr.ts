/**
 * `@tote/core/messages/fr`: Tote's notice messages in French, to pass to `createCart`.
 *
 * @example
 * import { createCart } from '@tote/core'
 * import { fr } from '@tote/core/messages/fr'
 *
 * const cart = createCart({ adapter, locale: 'fr-FR', messages: fr })
 *
 * @module
 */
import type { Messages } from '../i18n/index.ts'

/**
 * Tote's notice messages in French, worded like French merchants' help pages ("panier",
 * "épuisé"). The cart's `locale` still picks plural forms and formats money, so `fr-CA`
 * gets Canadian number formats.
 *
 * @example
 * createCart({ adapter, locale: 'fr-FR', messages: fr })
 * createCart({ adapter, locale: 'fr', messages: { ...fr, out_of_stock: '%{title} est épuisé.' } })
 */
export const fr: Messages = {
  item: 'un article',
  changed: 'Votre panier a changé.',
  out_of_stock: '%{title}\u00a0: cet article est épuisé et a été retiré de votre panier.',
  insufficient_stock: {
    one: '%{title}\u00a0: plus que %{count} exemplaire en stock, la quantité passe de %{from} à %{to}.',
    other:
      '%{title}\u00a0: plus que %{count} exemplaires en stock, la quantité passe de %{from} à %{to}.',
  },
  quantity_adjusted: '%{title}\u00a0: la quantité est passée de %{from} à %{to}.',
  price_changed: '%{title}\u00a0: le prix a changé, de %{from} à %{to}.',
  discontinued: '%{title}\u00a0: cet article n’est plus proposé et a été retiré de votre panier.',
  discount_rejected: 'Le code de réduction %{discountCode} ne s’applique pas à votre panier.',
  cart_expired: 'Votre panier avait expiré, un nouveau panier a été créé.',
  cart_completed: 'Votre commande a été passée : votre panier repart à zéro.',
  currency_changed: 'Les prix sont maintenant affichés en %{to} au lieu de %{from}.',
  rejected: 'Cette modification de votre panier n’a pas pu être effectuée.',
  sync_failed: 'Votre panier n’a pas pu être enregistré. Nouvel essai en cours.',
  storage_unavailable:
    'Votre panier ne sera pas conservé sur cet appareil une fois la page quittée.',
  selling_plan_required:
    '%{title}\u00a0: cet article est vendu uniquement par abonnement, choisissez une fréquence de livraison.',
  selling_plan_unavailable:
    '%{title}\u00a0: la formule d’abonnement choisie n’est plus proposée, l’article n’a pas été ajouté.',
  quantity_rule:
    '%{title}\u00a0: vendu par lots de %{increment}, au moins %{minimum} et au plus %{maximum}.',
}
