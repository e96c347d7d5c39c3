// The shop's own words in English, French and Norwegian Bokmål. Tote's notices (sold out,
// price changed…) come localized from @tote/core/messages/fr and /nb; these are the rest.

/** The languages of the shop. */
export const LANGUAGES = {
  en: { label: 'English', locale: 'en' },
  fr: { label: 'Français', locale: 'fr-FR' },
  nb: { label: 'Norsk bokmål', locale: 'nb-NO' },
} as const
/** A language of the shop: `en`, `fr` or `nb`. */
export type Language = keyof typeof LANGUAGES

const en = {
  announcement: 'Free shipping over €50 · 10 % off your first order with code %{code}',
  nav_shop: 'Shop',
  nav_about: 'About',
  language: 'Language',
  cart: 'Cart',
  items: 'items',
  hero_title: 'Everyday goods, made to last',
  hero_text:
    'Canvas, enamel, paper and wax from small workshops. Fill a cart, give your email at checkout, and leave: Tote brings you back to it.',
  hero_cta: 'Shop the collection',
  collection: 'The collection',
  sold_out: 'Sold out',
  only_left: 'Only %{count} left',
  add_to_cart: 'Add to cart',
  choose_options: 'Choose options',
  quantity: 'Quantity',
  one_less: 'One less',
  one_more: 'One more',
  remove: 'Remove',
  close: 'Close',
  your_cart: 'Your cart',
  cart_empty: 'Your cart is empty.',
  keep_shopping: 'Continue shopping',
  discount_code: 'Discount code',
  apply: 'Apply',
  discount_applied: '%{code} applied',
  discount_invalid: '%{code} is not a valid code',
  discount_checking: 'Checking %{code}…',
  remove_code: 'Remove code %{code}',
  subtotal: 'Subtotal',
  discount: 'Discount',
  total: 'Total',
  updating: 'updating…',
  taxes_note: 'Taxes included. Shipping calculated at checkout.',
  email_label: 'Email for your order',
  email_consent: 'Email me news and offers',
  email_saving: 'Saving…',
  email_saved: 'Saved. If you leave before ordering, we will email you a link back to this cart.',
  email_invalid: 'Please check this email address.',
  checkout: 'Check out',
  checking_out: 'One moment…',
  status_offline: 'You are offline: your changes are kept and sent when you are back.',
  status_error: 'The shop cannot be reached; trying again…',
  dismiss: 'Dismiss',
  not_found: 'This product is not in the shop.',
  back_to_shop: 'Back to the shop',
  details: 'Details',
  perk_returns: 'Free returns within 30 days',
  perk_shipping: 'Ships in 2 working days',
  perk_made: 'Made in small workshops',
  checkout_title: 'Checkout',
  contact: 'Contact',
  order_summary: 'Order summary',
  place_order: 'Place order',
  placing_order: 'Placing your order…',
  demo_payment:
    'This demo takes no payment: placing the order completes the cart on the Tote server.',
  email_required: 'Give an email address for your order first.',
  thank_you: 'Thank you!',
  order_placed: 'Your order %{order} is placed.',
  order_failed: 'Your order could not be placed: %{reason}',
  not_your_checkout: 'This checkout belongs to another cart.',
  welcome_back: 'Welcome back',
  opening_cart: 'Opening your cart…',
  recovered: 'Here is your cart, as the shop has it now.',
  recovered_unchanged: 'Here is your cart, just as you left it.',
  no_link: 'This page opens the link of an email about your cart.',
  link_invalid:
    'This link cannot open a cart any more (%{reason}). Your current cart is unchanged.',
  review_cart: 'Review your cart',
  continue_checkout: 'Continue to checkout',
  footer_about: 'A demo shop on Tote, the storefront cart that never loses a click.',
  footer_merchant: 'Merchant pages',
  footer_dev: 'Outbox and clock (development)',
}

/** The name of one of the shop's texts. */
export type TextKey = keyof typeof en

const fr: Record<TextKey, string> = {
  announcement:
    'Livraison offerte dès 50 € · 10 % sur votre première commande avec le code %{code}',
  nav_shop: 'Boutique',
  nav_about: 'À propos',
  language: 'Langue',
  cart: 'Panier',
  items: 'articles',
  hero_title: 'Des objets du quotidien, faits pour durer',
  hero_text:
    'Toile, émail, papier et cire de petits ateliers. Remplissez un panier, donnez votre e-mail au paiement, partez : Tote vous y ramène.',
  hero_cta: 'Voir la collection',
  collection: 'La collection',
  sold_out: 'Épuisé',
  only_left: 'Plus que %{count}',
  add_to_cart: 'Ajouter au panier',
  choose_options: 'Choisir',
  quantity: 'Quantité',
  one_less: 'Un de moins',
  one_more: 'Un de plus',
  remove: 'Retirer',
  close: 'Fermer',
  your_cart: 'Votre panier',
  cart_empty: 'Votre panier est vide.',
  keep_shopping: 'Continuer mes achats',
  discount_code: 'Code de réduction',
  apply: 'Appliquer',
  discount_applied: '%{code} appliqué',
  discount_invalid: "%{code} n'est pas un code valable",
  discount_checking: 'Vérification de %{code}…',
  remove_code: 'Retirer le code %{code}',
  subtotal: 'Sous-total',
  discount: 'Réduction',
  total: 'Total',
  updating: 'mise à jour…',
  taxes_note: 'TVA incluse. Livraison calculée au paiement.',
  email_label: 'E-mail pour votre commande',
  email_consent: 'Recevoir les nouveautés et offres par e-mail',
  email_saving: 'Enregistrement…',
  email_saved:
    'Enregistré. Si vous partez avant de commander, nous vous enverrons un lien vers ce panier.',
  email_invalid: 'Vérifiez cette adresse e-mail.',
  checkout: 'Commander',
  checking_out: 'Un instant…',
  status_offline: 'Vous êtes hors ligne : vos changements sont gardés et envoyés à votre retour.',
  status_error: 'La boutique est injoignable ; nouvel essai…',
  dismiss: 'Fermer',
  not_found: "Ce produit n'est pas dans la boutique.",
  back_to_shop: 'Retour à la boutique',
  details: 'Détails',
  perk_returns: 'Retours gratuits sous 30 jours',
  perk_shipping: 'Expédié sous 2 jours ouvrés',
  perk_made: 'Fabriqué dans de petits ateliers',
  checkout_title: 'Paiement',
  contact: 'Contact',
  order_summary: 'Récapitulatif',
  place_order: 'Passer la commande',
  placing_order: 'Commande en cours…',
  demo_payment:
    'Cette démo ne prend aucun paiement : passer la commande termine le panier sur le serveur Tote.',
  email_required: "Donnez d'abord une adresse e-mail pour votre commande.",
  thank_you: 'Merci !',
  order_placed: 'Votre commande %{order} est passée.',
  order_failed: "Votre commande n'a pas pu être passée : %{reason}",
  not_your_checkout: 'Ce paiement appartient à un autre panier.',
  welcome_back: 'Bon retour',
  opening_cart: 'Ouverture de votre panier…',
  recovered: "Voici votre panier, tel que la boutique l'a aujourd'hui.",
  recovered_unchanged: 'Voici votre panier, tel que vous l’avez laissé.',
  no_link: "Cette page ouvre le lien d'un e-mail au sujet de votre panier.",
  link_invalid:
    "Ce lien ne peut plus ouvrir de panier (%{reason}). Votre panier actuel n'a pas changé.",
  review_cart: 'Voir mon panier',
  continue_checkout: 'Passer au paiement',
  footer_about: 'Une boutique de démonstration sur Tote, le panier qui ne perd aucun clic.',
  footer_merchant: 'Pages marchand',
  footer_dev: 'Boîte d’envoi et horloge (développement)',
}

const nb: Record<TextKey, string> = {
  announcement: 'Fri frakt over 50 € · 10 % på første bestilling med koden %{code}',
  nav_shop: 'Butikk',
  nav_about: 'Om oss',
  language: 'Språk',
  cart: 'Handlekurv',
  items: 'varer',
  hero_title: 'Hverdagsting som varer',
  hero_text:
    'Lerret, emalje, papir og voks fra små verksteder. Fyll en handlekurv, oppgi e-post i kassen og gå: Tote tar deg tilbake.',
  hero_cta: 'Se kolleksjonen',
  collection: 'Kolleksjonen',
  sold_out: 'Utsolgt',
  only_left: 'Bare %{count} igjen',
  add_to_cart: 'Legg i handlekurven',
  choose_options: 'Velg',
  quantity: 'Antall',
  one_less: 'Én færre',
  one_more: 'Én til',
  remove: 'Fjern',
  close: 'Lukk',
  your_cart: 'Handlekurven din',
  cart_empty: 'Handlekurven er tom.',
  keep_shopping: 'Handle videre',
  discount_code: 'Rabattkode',
  apply: 'Bruk',
  discount_applied: '%{code} er brukt',
  discount_invalid: '%{code} er ikke en gyldig kode',
  discount_checking: 'Sjekker %{code}…',
  remove_code: 'Fjern koden %{code}',
  subtotal: 'Delsum',
  discount: 'Rabatt',
  total: 'Totalt',
  updating: 'oppdaterer…',
  taxes_note: 'Inkludert mva. Frakt beregnes i kassen.',
  email_label: 'E-post for bestillingen',
  email_consent: 'Send meg nyheter og tilbud',
  email_saving: 'Lagrer…',
  email_saved: 'Lagret. Går du før du bestiller, sender vi deg en lenke tilbake til handlekurven.',
  email_invalid: 'Sjekk e-postadressen.',
  checkout: 'Til kassen',
  checking_out: 'Et øyeblikk…',
  status_offline: 'Du er frakoblet: endringene dine tas vare på og sendes når du er tilbake.',
  status_error: 'Butikken svarer ikke; prøver igjen…',
  dismiss: 'Lukk',
  not_found: 'Dette produktet finnes ikke i butikken.',
  back_to_shop: 'Tilbake til butikken',
  details: 'Detaljer',
  perk_returns: 'Gratis retur innen 30 dager',
  perk_shipping: 'Sendes innen 2 virkedager',
  perk_made: 'Laget i små verksteder',
  checkout_title: 'Kasse',
  contact: 'Kontakt',
  order_summary: 'Sammendrag',
  place_order: 'Bestill',
  placing_order: 'Bestiller…',
  demo_payment:
    'Denne demoen tar ingen betaling: bestillingen fullfører handlekurven på Tote-serveren.',
  email_required: 'Oppgi først en e-postadresse for bestillingen.',
  thank_you: 'Takk!',
  order_placed: 'Bestillingen din %{order} er registrert.',
  order_failed: 'Bestillingen kunne ikke gjennomføres: %{reason}',
  not_your_checkout: 'Denne kassen hører til en annen handlekurv.',
  welcome_back: 'Velkommen tilbake',
  opening_cart: 'Åpner handlekurven…',
  recovered: 'Her er handlekurven din, slik butikken har den nå.',
  recovered_unchanged: 'Her er handlekurven din, akkurat slik du forlot den.',
  no_link: 'Denne siden åpner lenken i en e-post om handlekurven din.',
  link_invalid:
    'Denne lenken kan ikke lenger åpne en handlekurv (%{reason}). Handlekurven din er uendret.',
  review_cart: 'Se handlekurven',
  continue_checkout: 'Gå til kassen',
  footer_about: 'En demobutikk på Tote, handlekurven som aldri mister et klikk.',
  footer_merchant: 'Butikksider',
  footer_dev: 'Utboks og klokke (utvikling)',
}

const CATALOGUES: Record<Language, Record<TextKey, string>> = { en, fr, nb }

/** Where the shopper's language choice is kept. */
const LANGUAGE_KEY = 'tote-demo:language'

/** The shopper's language: their choice, else the browser's when the shop has it, else English. */
export function currentLanguage(): Language {
  const chosen = localStorage.getItem(LANGUAGE_KEY)
  if (chosen && chosen in LANGUAGES) return chosen as Language
  const browser = navigator.language.slice(0, 2)
  if (browser === 'fr') return 'fr'
  if (browser === 'nb' || browser === 'no' || browser === 'nn') return 'nb'
  return 'en'
}

/** Keeps the shopper's language choice. */
export function chooseLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language)
}

/** The shop's words in one language, with `%{name}` placeholders filled. */
export function textsFor(language: Language) {
  const catalogue = CATALOGUES[language]
  return (key: TextKey, values: Record<string, string | number> = {}) =>
    catalogue[key].replace(/%\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    )
}

/** A function from a text key (and placeholder values) to the shop's words. */
export type Texts = ReturnType<typeof textsFor>
