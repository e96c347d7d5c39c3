import { describe, expect, it } from 'vitest'
import type { Message, Messages } from '../i18n/index.ts'
import { NOTICE_CODES } from '../notices/types.ts'
import { en } from './en.ts'
import { fr } from './fr.ts'
import { nb } from './nb.ts'

const catalogues: Record<string, Messages> = { en, fr, nb }

const placeholders = (message: Message) =>
  [
    ...new Set(
      (typeof message === 'string' ? [message] : Object.values(message)).flatMap((text) =>
        [...text.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]),
      ),
    ),
  ].sort()

describe('message catalogues', () => {
  it('have a message for every notice code, and the same keys as English', () => {
    for (const [language, messages] of Object.entries(catalogues)) {
      for (const code of NOTICE_CODES) expect(messages[code], `${language}.${code}`).toBeDefined()
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(en).sort())
    }
  })

  it('use the same placeholders in every language', () => {
    for (const key of Object.keys(en) as (keyof Messages)[]) {
      const english = placeholders(en[key])
      expect(placeholders(fr[key]), `fr.${key}`).toEqual(english)
      expect(placeholders(nb[key]), `nb.${key}`).toEqual(english)
    }
  })
})
