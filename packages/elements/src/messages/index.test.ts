import { ToteArgumentError, ToteError } from '@tote/core'
import { fr } from '@tote/core/messages/fr'
import { nb } from '@tote/core/messages/nb'
import { describe, expect, it } from 'vitest'
import { emailErrorMessage, messagesFor } from './index.ts'

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

describe('emailErrorMessage', () => {
  const malformed = new ToteArgumentError(
    'email',
    'expected an email address, got a malformed address',
  )
  const refused = new ToteError('network', 'the request failed')

  it('asks for an address in the right form, in the page language', () => {
    expect(emailErrorMessage(malformed, 'fr-FR')).toBe(
      'Saisissez votre adresse e-mail sous la forme nom@exemple.com.',
    )
    expect(emailErrorMessage(malformed, 'nb')).toBe(
      'Skriv inn e-postadressen din som navn@eksempel.no.',
    )
    expect(emailErrorMessage(malformed, 'en')).toBe('Enter your email address as name@example.com.')
    expect(emailErrorMessage(malformed, undefined)).toBe(
      'Enter your email address as name@example.com.',
    )
  })

  it('asks to try again when saving failed for another reason, never showing the developer message', () => {
    expect(emailErrorMessage(refused, 'fr')).toBe(
      'Votre adresse e-mail n’a pas pu être enregistrée. Veuillez réessayer.',
    )
    expect(emailErrorMessage(refused, 'de')).not.toContain('request')
  })
})
