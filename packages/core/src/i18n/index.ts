import { ToteArgumentError } from '../errors/index.ts'
import { formatMoney, type Money } from '../money/index.ts'
import { NOTICE_CODES, type Notice, type NoticeCode, type NoticeInput } from '../notices/types.ts'

/**
 * The languages Tote ships messages for. Any other locale falls back to English.
 *
 * @example
 * const language: Language = resolveLanguage('nb-NO') // 'nb'
 */
export type Language = 'en' | 'fr' | 'nb'

/**
 * A message with one form per plural category (`Intl.PluralRules`), chosen by `%{count}`.
 * Only `other` is required; a missing category falls back to it.
 *
 * @example
 * const lowered: PluralMessage = { one: 'Only %{count} unit left', other: 'Only %{count} units left' }
 */
export type PluralMessage = { readonly [Category in Intl.LDMLPluralRule]?: string } & {
  readonly other: string
}

/**
 * A message template: `%{name}` is replaced by a value of the notice (`title`, `from`, `to`,
 * `count`, `discountCode`).
 *
 * @example
 * const soldOut: Message = '%{title} is sold out.'
 */
export type Message = string | PluralMessage

/**
 * The keys of a catalogue: one per notice code, plus `item` (how to name a line whose notice
 * has no title) and `changed` (said when a message needs a value the notice lacks).
 *
 * @example
 * const key: MessageKey = 'price_changed'
 */
export type MessageKey = NoticeCode | 'item' | 'changed'

/**
 * A complete message catalogue for one language.
 *
 * @example
 * const french: Messages = MESSAGES.fr
 */
export type Messages = { readonly [Key in MessageKey]: Message }

const MESSAGE_KEYS: ReadonlySet<string> = new Set<string>([...NOTICE_CODES, 'item', 'changed'])

/**
 * The built-in catalogues in English, French and Norwegian Bokmål. The wording follows the
 * French and Norwegian merchant help pages Tote's rules come from ("panier", "épuisé",
 * "handlekurv", "utsolgt").
 *
 * @example
 * MESSAGES.nb.out_of_stock // '%{title} er utsolgt og ble fjernet fra handlekurven.'
 */
export const MESSAGES: { readonly [L in Language]: Messages } = {
  en: {
    item: 'an item',
    changed: 'Your cart has changed.',
    out_of_stock: '%{title} is sold out and was removed from your cart.',
    insufficient_stock: {
      one: 'Only %{count} unit of %{title} is left, so your quantity went from %{from} to %{to}.',
      other:
        'Only %{count} units of %{title} are left, so your quantity went from %{from} to %{to}.',
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
  },
  fr: {
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
  },
  nb: {
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
  },
}

/**
 * The language of Tote's messages for a BCP 47 locale: `fr-CA` → `fr`; `nb-NO`, `no` and
 * `nn` → `nb`; anything else → `en`.
 *
 * @example
 * resolveLanguage('fr-CA') // 'fr'
 * resolveLanguage('de-DE') // 'en'
 */
export function resolveLanguage(locale: string): Language {
  const language = locale.toLowerCase().split(/[-_]/, 1)[0]
  if (language === 'fr') return 'fr'
  // Norwegian: `no` is the macro language, `nn` (Nynorsk) reads Bokmål far better than English.
  if (language === 'nb' || language === 'no' || language === 'nn') return 'nb'
  return 'en'
}

/**
 * Options of {@link createTranslator}.
 *
 * @example
 * const options: TranslatorOptions = { locale: 'fr-CA', messages: { cart_expired: 'Panier expiré.' } }
 */
export interface TranslatorOptions {
  /**
   * The shopper's BCP 47 locale. It picks the messages' language and formats money and
   * numbers with `Intl`, so `fr-CA` gets French messages and Canadian number formats.
   * @default 'en'
   */
  locale?: string
  /**
   * Per-key overrides of the messages, in the locale's language. A key left out keeps the
   * built-in message; a language Tote does not ship can be supplied here in full (any key
   * still missing falls back to English).
   */
  messages?: Partial<Messages>
}

/**
 * Turns notices into messages in one locale.
 *
 * @example
 * const t: Translator = createTranslator({ locale: 'nb' })
 * t.formatNotice({ code: 'cart_expired' }) // 'Handlekurven din var utløpt, så en ny ble opprettet.'
 */
export interface Translator {
  /** The canonical locale used with `Intl`, such as `fr-CA`. */
  readonly locale: string
  /** The language of the built-in messages in use. */
  readonly language: Language
  /** The localized message of a notice. */
  formatNotice(input: NoticeInput): string
}

/** Values a template can use. */
type Values = { readonly [name: string]: string | undefined }

const PLACEHOLDER = /%\{(\w+)\}/g

// Said when even an overridden `changed` message cannot be rendered.
const CHANGED = 'Your cart has changed.'

/**
 * Replaces each `%{name}` in a template by its value. Returns `null` when a value the
 * template uses is missing, so the caller can say something less specific instead.
 *
 * @example
 * interpolate('Only %{count} left', { count: '3' }) // 'Only 3 left'
 * interpolate('Only %{count} left', {}) // null
 */
export function interpolate(template: string, values: Values): string | null {
  let missing = false
  const text = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value === undefined) missing = true
    return value ?? ''
  })
  return missing ? null : text
}

/**
 * Creates a translator for one locale. It formats every notice code in English, French or
 * Norwegian Bokmål, picks plural forms with `Intl.PluralRules`, formats money with
 * `formatMoney` in the locale and applies the developer's per-key overrides.
 *
 * @example
 * const t = createTranslator({ locale: 'fr-FR' })
 * t.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 5, to: 3 })
 * // 'Bol : plus que 3 exemplaires en stock, la quantité passe de 5 à 3.'
 *
 * @example
 * const t = createTranslator({ locale: 'en', messages: { out_of_stock: '%{title} is gone' } })
 */
export function createTranslator(options: TranslatorOptions = {}): Translator {
  const locale = canonicalLocale(options.locale ?? 'en')
  const language = resolveLanguage(locale)
  const overrides = checkMessages(options.messages)
  const builtIn = MESSAGES[language]
  const plurals = new Intl.PluralRules(locale)
  const numbers = new Intl.NumberFormat(locale)

  const message = (key: MessageKey): Message =>
    (overrides && Object.hasOwn(overrides, key) ? overrides[key] : undefined) ??
    builtIn[key] ??
    MESSAGES.en[key]

  const render = (key: MessageKey, values: Values, count: number | undefined): string | null => {
    const template = message(key)
    if (typeof template === 'string') return interpolate(template, values)
    const category = count === undefined ? 'other' : plurals.select(count)
    return interpolate(template[category] ?? template.other, values)
  }

  const display = (value: NoticeInput['from']): string | undefined => {
    if (value === undefined) return undefined
    if (typeof value === 'number') return numbers.format(value)
    if (typeof value === 'string') return value
    return formatMoney(value as Money, { locale })
  }

  return {
    locale,
    language,
    formatNotice(input) {
      const count =
        typeof input.to === 'number'
          ? input.to
          : typeof input.from === 'number'
            ? input.from
            : undefined
      // A line without a title is "an item"; at the start of a sentence it takes a capital.
      const item = input.title ? undefined : (render('item', {}, undefined) ?? '')
      const values: Values = {
        title: input.title || item,
        from: display(input.from),
        to: display(input.to),
        count: count === undefined ? undefined : numbers.format(count),
        discountCode: input.discountCode,
      }
      const text = render(input.code, values, count)
      if (text === null) return render('changed', {}, undefined) ?? CHANGED
      return item && text.startsWith(item) ? text.charAt(0).toUpperCase() + text.slice(1) : text
    },
  }
}

/**
 * Makes a shopper-facing {@link Notice}: the input, an id and its localized message.
 *
 * @example
 * toNotice({ code: 'out_of_stock', title: 'Blue mug' }, createTranslator(), 'n1')
 * // { code: 'out_of_stock', title: 'Blue mug', id: 'n1',
 * //   message: 'Blue mug is sold out and was removed from your cart.' }
 */
export function toNotice(input: NoticeInput, translator: Translator, id: string): Notice {
  return { ...input, id, message: translator.formatNotice(input) }
}

function canonicalLocale(locale: unknown): string {
  if (typeof locale === 'string' && locale.trim() !== '') {
    try {
      // `nb_NO` is a common spelling (POSIX); Intl wants `nb-NO`.
      const [canonical] = Intl.getCanonicalLocales(locale.trim().replaceAll('_', '-'))
      if (canonical) return canonical
    } catch {
      // An invalid tag is reported below, with the argument's name.
    }
  }
  throw new ToteArgumentError(
    'options.locale',
    `expected a BCP 47 locale such as "fr-FR", got ${JSON.stringify(locale) ?? typeof locale}`,
  )
}

function checkMessages(messages: unknown): Partial<Messages> | undefined {
  if (messages === undefined) return undefined
  if (typeof messages !== 'object' || messages === null) {
    throw new ToteArgumentError('options.messages', 'expected an object of messages by key')
  }
  for (const [key, value] of Object.entries(messages)) {
    const argument = `options.messages.${key}`
    if (!MESSAGE_KEYS.has(key)) {
      throw new ToteArgumentError(
        argument,
        `unknown message key; expected one of ${[...MESSAGE_KEYS].join(', ')}`,
      )
    }
    const valid =
      typeof value === 'string' ||
      (typeof value === 'object' &&
        value !== null &&
        typeof (value as { other?: unknown }).other === 'string' &&
        Object.values(value).every((form) => typeof form === 'string'))
    if (!valid) {
      throw new ToteArgumentError(
        argument,
        'expected a template string or plural forms such as { one: "...", other: "..." }',
      )
    }
  }
  return messages as Partial<Messages>
}
