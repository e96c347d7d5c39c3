import type { Messages } from '@tote/core'
import { fr } from '@tote/core/messages/fr'
import { nb } from '@tote/core/messages/nb'

/**
 * Tote's notice messages for a page's language: French for `fr`, Norwegian Bokmål for `nb`,
 * `no` and `nn` (Nynorsk readers read Bokmål far better than English), and `undefined` for
 * any other, which leaves core's built-in English.
 *
 * @example
 * messagesFor('fr-CA') // fr
 * messagesFor('de-DE') // undefined
 */
export function messagesFor(locale: string): Messages | undefined {
  const language = locale.toLowerCase().split(/[-_]/, 1)[0]
  if (language === 'fr') return fr
  if (language === 'nb' || language === 'no' || language === 'nn') return nb
  return undefined
}

/** The shopper-facing sentences of `<tote-email-capture>`, per language. */
const EMAIL_MESSAGES = {
  en: {
    malformed: 'Enter your email address as name@example.com.',
    failed: 'Your email address could not be saved. Please try again.',
  },
  fr: {
    malformed: 'Saisissez votre adresse e-mail sous la forme nom@exemple.com.',
    failed: 'Votre adresse e-mail n’a pas pu être enregistrée. Veuillez réessayer.',
  },
  nb: {
    malformed: 'Skriv inn e-postadressen din som navn@eksempel.no.',
    failed: 'E-postadressen din kunne ikke lagres. Prøv igjen.',
  },
} as const

/**
 * What to tell the shopper when their checkout email was not saved, in the page's language
 * (French, Norwegian Bokmål, else English): a malformed address (a `ToteArgumentError`, code
 * `invalid_argument`) asks for one in the right form; any other failure asks to try again.
 * The developer-facing message stays on the error.
 *
 * @example
 * emailErrorMessage(new ToteArgumentError('email', 'malformed'), 'fr')
 * // 'Saisissez votre adresse e-mail sous la forme nom@exemple.com.'
 */
export function emailErrorMessage(error: unknown, locale: string | undefined): string {
  const messages = messagesFor(locale ?? '')
  const language = messages === fr ? 'fr' : messages === nb ? 'nb' : 'en'
  const malformed = (error as { code?: unknown } | null)?.code === 'invalid_argument'
  return EMAIL_MESSAGES[language][malformed ? 'malformed' : 'failed']
}
