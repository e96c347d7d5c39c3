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
