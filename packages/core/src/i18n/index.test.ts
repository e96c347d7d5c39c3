import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { fr } from '../messages/fr.ts'
import { nb } from '../messages/nb.ts'
import { money } from '../money/index.ts'
import type { NoticeInput } from '../notices/types.ts'
import { createTranslator, interpolate, toNotice } from './index.ts'

// Intl separates amount and symbol with a no-break space in French and Norwegian.
const NBSP = '\u00a0'

describe('interpolate', () => {
  it('replaces every placeholder, and says when a value is missing', () => {
    expect(interpolate('%{a} and %{b}, %{a}', { a: 'x', b: 'y' })).toBe('x and y, x')
    expect(interpolate('Only %{count} left', {})).toBeNull()
    expect(interpolate('no placeholders', {})).toBe('no placeholders')
  })

  it('does not read inherited properties as values', () => {
    expect(interpolate('%{constructor}', {})).toBeNull()
  })
})

describe('createTranslator', () => {
  it('formats a sold-out line in English, and in the catalogue it is given', () => {
    const input: NoticeInput = { code: 'out_of_stock', title: 'Blue mug' }
    expect(createTranslator({ locale: 'en' }).formatNotice(input)).toBe(
      'Blue mug is sold out and was removed from your cart.',
    )
    expect(createTranslator({ locale: 'fr-FR', messages: fr }).formatNotice(input)).toBe(
      `Blue mug${NBSP}: cet article est épuisé et a été retiré de votre panier.`,
    )
    expect(createTranslator({ locale: 'nb-NO', messages: nb }).formatNotice(input)).toBe(
      'Blue mug er utsolgt og ble fjernet fra handlekurven.',
    )
  })

  it('picks the plural form from the quantity left', () => {
    const t = createTranslator({ locale: 'en' })
    expect(t.formatNotice({ code: 'insufficient_stock', title: 'Mug', from: 4, to: 1 })).toBe(
      'Only 1 unit of Mug is left, so your quantity went from 4 to 1.',
    )
    expect(t.formatNotice({ code: 'insufficient_stock', title: 'Mug', from: 4, to: 3 })).toBe(
      'Only 3 units of Mug are left, so your quantity went from 4 to 3.',
    )
  })

  it('follows each language’s plural rules', () => {
    const norwegian = createTranslator({ locale: 'nb', messages: nb })
    expect(
      norwegian.formatNotice({ code: 'insufficient_stock', title: 'Kopp', from: 2, to: 1 }),
    ).toBe('Det er bare 1 stykk igjen av Kopp, så antallet ble endret fra 2 til 1.')
    expect(
      norwegian.formatNotice({ code: 'insufficient_stock', title: 'Kopp', from: 9, to: 5 }),
    ).toBe('Det er bare 5 stykker igjen av Kopp, så antallet ble endret fra 9 til 5.')
    const french = createTranslator({ locale: 'fr', messages: fr })
    expect(french.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 3, to: 1 })).toBe(
      `Bol${NBSP}: plus que 1 exemplaire en stock, la quantité passe de 3 à 1.`,
    )
    expect(french.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 3, to: 2 })).toBe(
      `Bol${NBSP}: plus que 2 exemplaires en stock, la quantité passe de 3 à 2.`,
    )
  })

  it('formats money with the locale', () => {
    const input: NoticeInput = {
      code: 'price_changed',
      title: 'Kopp',
      from: money(12_000, 'NOK'),
      to: money(123_450, 'NOK'),
    }
    expect(createTranslator({ locale: 'nb-NO', messages: nb }).formatNotice(input)).toBe(
      `Prisen på Kopp er endret fra 120,00${NBSP}kr til 1${NBSP}234,50${NBSP}kr.`,
    )
    expect(
      createTranslator({ locale: 'en-US' }).formatNotice({
        ...input,
        from: money(1250, 'EUR'),
        to: money(999, 'EUR'),
      }),
    ).toBe('The price of Kopp changed from €12.50 to €9.99.')
    expect(
      createTranslator({ locale: 'fr-FR', messages: fr }).formatNotice({
        ...input,
        from: money(1250, 'EUR'),
        to: money(1500, 'EUR'),
      }),
    ).toBe(`Kopp${NBSP}: le prix a changé, de 12,50${NBSP}€ à 15,00${NBSP}€.`)
  })

  it('names the currencies of a currency change', () => {
    const t = createTranslator({ locale: 'en' })
    expect(t.formatNotice({ code: 'currency_changed', from: 'EUR', to: 'NOK' })).toBe(
      'Prices are now shown in NOK instead of EUR.',
    )
  })

  it('names a line without a title, with a capital at the start of a sentence', () => {
    expect(createTranslator().formatNotice({ code: 'discontinued' })).toBe(
      'An item is no longer available and was removed from your cart.',
    )
    expect(
      createTranslator().formatNotice({
        code: 'price_changed',
        from: money(100, 'EUR'),
        to: money(200, 'EUR'),
      }),
    ).toBe('The price of an item changed from €1.00 to €2.00.')
  })

  it('says the cart changed when a message needs a value the notice lacks', () => {
    expect(createTranslator().formatNotice({ code: 'insufficient_stock', title: 'Mug' })).toBe(
      'Your cart has changed.',
    )
    expect(
      createTranslator({ locale: 'fr', messages: fr }).formatNotice({ code: 'discount_rejected' }),
    ).toBe('Votre panier a changé.')
  })

  it('speaks English without messages, whatever the locale, formatting with that locale', () => {
    const t = createTranslator({ locale: 'fr-FR' })
    expect(t.formatNotice({ code: 'cart_expired' })).toBe(
      'Your cart had expired, so a new one was started.',
    )
    const german = createTranslator({ locale: 'de-DE' })
    expect(german.locale).toBe('de-DE')
    expect(
      german.formatNotice({
        code: 'price_changed',
        title: 'Tasse',
        from: money(1250, 'EUR'),
        to: money(1300, 'EUR'),
      }),
    ).toBe(`The price of Tasse changed from 12,50${NBSP}€ to 13,00${NBSP}€.`)
  })

  it('formats French messages with Canadian numbers for fr-CA', () => {
    const t = createTranslator({ locale: 'fr-CA', messages: fr })
    expect(
      t.formatNotice({
        code: 'price_changed',
        title: 'Tasse',
        from: money(1250, 'CAD'),
        to: money(1300, 'CAD'),
      }),
    ).toBe(`Tasse${NBSP}: le prix a changé, de 12,50${NBSP}$ à 13,00${NBSP}$.`)
  })

  it('accepts POSIX spellings and canonicalizes the locale', () => {
    expect(createTranslator({ locale: 'nb_no' }).locale).toBe('nb-NO')
  })

  it('applies per-key overrides on top of a catalogue', () => {
    const t = createTranslator({
      locale: 'fr-CA',
      messages: {
        ...fr,
        out_of_stock: 'Rupture de stock pour %{title}.',
        insufficient_stock: { one: 'Dernier %{title}!', other: 'Plus que %{count} %{title}.' },
      },
    })
    expect(t.formatNotice({ code: 'out_of_stock', title: 'Bol' })).toBe(
      'Rupture de stock pour Bol.',
    )
    expect(t.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 5, to: 1 })).toBe(
      'Dernier Bol!',
    )
    expect(t.formatNotice({ code: 'insufficient_stock', title: 'Bol', from: 5, to: 4 })).toBe(
      'Plus que 4 Bol.',
    )
    expect(t.formatNotice({ code: 'cart_expired' })).toBe(
      'Votre panier avait expiré, un nouveau panier a été créé.',
    )
  })

  it('uses `other` when an override has no form for the category', () => {
    const t = createTranslator({ messages: { insufficient_stock: { other: '%{count} left' } } })
    expect(t.formatNotice({ code: 'insufficient_stock', from: 2, to: 1 })).toBe('1 left')
  })

  it('serves a language Tote does not ship from overrides, English for what is missing', () => {
    const t = createTranslator({
      locale: 'de',
      messages: { out_of_stock: '%{title} ist ausverkauft.' },
    })
    expect(t.formatNotice({ code: 'out_of_stock', title: 'Tasse' })).toBe('Tasse ist ausverkauft.')
    expect(t.formatNotice({ code: 'cart_completed' })).toBe(
      'Your order was placed, so your cart starts empty again.',
    )
  })

  it('rejects a bad locale or message, naming the argument', () => {
    const attempt = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        return error
      }
      throw new Error('expected a throw')
    }
    const badLocale = attempt(() => createTranslator({ locale: 'en-' }))
    expect(isToteError(badLocale, 'invalid_argument')).toBe(true)
    expect((badLocale as Error).message).toMatch(/^options\.locale: /)

    const typo = attempt(() =>
      createTranslator({ messages: { out_of_stok: 'x' } as Record<string, string> }),
    )
    expect((typo as Error).message).toMatch(/^options\.messages\.out_of_stok: unknown message key/)

    const noOther = attempt(() =>
      createTranslator({ messages: { insufficient_stock: { one: 'x' } as never } }),
    )
    expect((noOther as Error).message).toMatch(/^options\.messages\.insufficient_stock: /)
  })
})

describe('toNotice', () => {
  it('keeps the input fields and adds the id and the message', () => {
    const notice = toNotice(
      { code: 'discount_rejected', discountCode: 'SUMMER' },
      createTranslator({ locale: 'nb', messages: nb }),
      'n-7',
    )
    expect(notice).toEqual({
      code: 'discount_rejected',
      discountCode: 'SUMMER',
      id: 'n-7',
      message: 'Rabattkoden SUMMER kan ikke brukes på handlekurven din.',
    })
  })
})
