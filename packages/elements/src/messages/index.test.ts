import { fr } from '@tote/core/messages/fr'
import { nb } from '@tote/core/messages/nb'
import { describe, expect, it } from 'vitest'
import { messagesFor } from './index.ts'

describe('messagesFor', () => {
  it('picks French and Norwegian by language, whatever the region or spelling', () => {
    expect(messagesFor('fr')).toBe(fr)
    expect(messagesFor('fr-CA')).toBe(fr)
    expect(messagesFor('nb-NO')).toBe(nb)
    expect(messagesFor('NB_no')).toBe(nb)
    expect(messagesFor('no')).toBe(nb)
    expect(messagesFor('nn-NO')).toBe(nb)
  })

  it('leaves any other language to the built-in English', () => {
    expect(messagesFor('en-GB')).toBeUndefined()
    expect(messagesFor('de')).toBeUndefined()
  })
})
