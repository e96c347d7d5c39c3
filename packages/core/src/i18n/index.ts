import { expected, ToteArgumentError } from '../errors/index.ts'
import { en } from '../messages/en.ts'
import { formatMoney, type Money } from '../money/index.ts'
import { NOTICE_CODES, type Notice, type NoticeCode, type NoticeInput } from '../notices/types.ts'

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
 * A complete message catalogue for one language, such as `fr` from `@tote/core/messages/fr`.
 *
 * @example
 * const messages: Partial<Messages> = { out_of_stock: '%{title} is gone.' }
 */
export type Messages = { readonly [Key in MessageKey]: Message }

const MESSAGE_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set<string>([
  ...NOTICE_CODES,
  'item',
  'changed',
])

/**
 * Options of {@link createTranslator}.
 *
 * @example
 * const options: TranslatorOptions = { locale: 'fr-CA', messages: fr }
 */
export interface TranslatorOptions {
  /**
   * The shopper's BCP 47 locale. It picks plural forms and formats money and numbers with
   * `Intl`, so `fr-CA` gets Canadian number formats.
   * @default 'en'
   */
  locale?: string
  /**
   * The messages, in the locale's language: a catalogue such as `fr`, or some keys only.
   * A key left out keeps its English message.
   */
  messages?: Partial<Messages>
}

/**
 * Turns notices into messages in one locale.
 *
 * @example
 * const t: Translator = createTranslator({ locale: 'nb', messages: nb })
 * t.formatNotice({ code: 'cart_expired' }) // 'Handlekurven din var utløpt, så en ny ble opprettet.'
 */
export interface Translator {
  /** The canonical locale used with `Intl`, such as `fr-CA`. */
  readonly locale: string
  /** The localized message of a notice. */
  formatNotice(input: NoticeInput): string
}

/** Values a template can use. */
type Values = { readonly [name: string]: string | undefined }

const PLACEHOLDER = /%\{(\w+)\}/g

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
 * Creates a translator for one locale. It formats every notice code with the given messages
 * (English for any key they leave out), picks plural forms with `Intl.PluralRules` and
 * formats money with `formatMoney` in the locale.
 *
 * @example
 * const t = createTranslator({ locale: 'fr-FR', messages: fr })
 * t.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 5, to: 3 })
 * // 'Bol : plus que 3 exemplaires en stock, la quantité passe de 5 à 3.'
 *
 * @example
 * const t = createTranslator({ locale: 'en', messages: { out_of_stock: '%{title} is gone' } })
 */
export function createTranslator(options: TranslatorOptions = {}): Translator {
  const locale = canonicalLocale(options.locale ?? 'en')
  const messages = checkMessages(options.messages)
  const plurals = new Intl.PluralRules(locale)
  const numbers = new Intl.NumberFormat(locale)

  const message = (key: MessageKey): Message =>
    (messages && Object.hasOwn(messages, key) ? messages[key] : undefined) ?? en[key]

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
        minimum: input.rule && numbers.format(input.rule.minimum),
        increment: input.rule && numbers.format(input.rule.increment),
        maximum:
          input.rule && (input.rule.maximum === null ? '∞' : numbers.format(input.rule.maximum)),
      }
      const text = render(input.code, values, count)
      // Said when even an overridden `changed` message cannot be rendered: English's.
      if (text === null) return render('changed', {}, undefined) ?? (en.changed as string)
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
  throw new ToteArgumentError('options.locale', expected('a BCP 47 locale such as "fr-FR"', locale))
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
        'expected a template string or plural forms such as { one, other }',
      )
    }
  }
  return messages as Partial<Messages>
}
