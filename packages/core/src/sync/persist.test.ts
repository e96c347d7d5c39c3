import { describe, expect, it } from 'vitest'
import type { StorageLike } from '../env/index.ts'
import { lineKey } from '../line-key/index.ts'
import type { CartSnapshot, Merchandise } from '../model/index.ts'
import { money } from '../money/index.ts'
import { type LoadResult, loadState, PERSIST_VERSION, type PersistedState } from './persist.ts'

const mug: Merchandise = {
  id: 'mug',
  productId: 'product-mug',
  productTitle: 'Speckled mug',
  title: 'Default',
  image: null,
  options: [],
  price: money(1800, 'EUR'),
  compareAtPrice: null,
  available: true,
  quantityAvailable: 4,
}

const cart: CartSnapshot = {
  id: 'cart-1',
  version: 2,
  status: 'active',
  currency: 'EUR',
  lines: [
    {
      key: lineKey('mug'),
      id: 'line-1',
      merchandise: mug,
      quantity: 1,
      attributes: {},
      cost: { unitPrice: mug.price, subtotal: mug.price, total: mug.price },
    },
  ],
  cost: { subtotal: mug.price, total: mug.price, discount: null, tax: null },
  email: null,
  note: '',
  attributes: {},
  discountCodes: [],
  checkoutUrl: null,
  updatedAt: '2026-11-23T09:00:00Z',
}

function state(overrides: Partial<PersistedState> = {}): PersistedState {
  return {
    v: PERSIST_VERSION,
    epoch: '0001',
    cartId: 'cart-1',
    confirmedSeq: '0002',
    cart,
    intents: [
      {
        kind: 'line',
        slot: 'line:mug?gift=yes',
        seq: '0003',
        key: lineKey('mug', { gift: 'yes' }),
        merchandiseId: 'mug',
        attributes: { gift: 'yes' },
        quantity: 2,
        merchandise: mug,
      },
      { kind: 'note', slot: 'note', seq: '0004', note: 'Leave at the door' },
      { kind: 'attributes', slot: 'attributes', seq: '0005', attributes: { channel: 'web' } },
      { kind: 'discounts', slot: 'discounts', seq: '0006', codes: ['WELCOME10'] },
    ],
    acked: { 'line:mug': '0002' },
    ...overrides,
  }
}

/** Loads `stored` (a value to serialize, or raw text) from a one-key storage. */
function load(stored: unknown): LoadResult {
  const raw = typeof stored === 'string' ? stored : JSON.stringify(stored)
  const storage: StorageLike = {
    getItem: (key) => (key === 'tote:cart' ? raw : null),
    setItem: () => {},
    removeItem: () => {},
  }
  return loadState(storage, 'tote:cart')
}

/** The reason a stored value was discarded. */
function discarded(stored: unknown): string {
  const result = load(stored)
  expect(result.kind).toBe('discarded')
  return result.kind === 'discarded' ? result.reason : ''
}

describe('loadState', () => {
  it('reads back a state with a cart and every kind of intent', () => {
    expect(load(state())).toEqual({ kind: 'ok', state: state() })
  })

  it('reads an empty storage as empty, and one that throws on read too', () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
      setItem: () => {},
      removeItem: () => {},
    }
    expect(loadState(throwing, 'tote:cart')).toEqual({ kind: 'empty' })
    expect(load(state()).kind).toBe('ok')
    const empty: StorageLike = { getItem: () => null, setItem: () => {}, removeItem: () => {} }
    expect(loadState(empty, 'tote:cart')).toEqual({ kind: 'empty' })
  })

  it('reads a state without a cart, with an email and a pending creation', () => {
    const creating = { key: 'create-1', sent: [state().intents[1]!] }
    const pending = state({ cart: null, cartId: null, email: 'ada@example.com', creating })
    expect(load(pending)).toEqual({ kind: 'ok', state: pending })
  })

  it('leaves out fields it does not know', () => {
    const stored = { ...state(), extra: 1, intents: [{ ...state().intents[1]!, quantity: 3 }] }
    expect(load(stored)).toEqual({
      kind: 'ok',
      state: state({ intents: [state().intents[1]!] }),
    })
  })

  it('discards corrupt JSON and salvages the cart id to fetch the cart again', () => {
    const raw = JSON.stringify(state())
    const result = load(raw.slice(0, raw.length / 2))
    expect(result).toMatchObject({ kind: 'discarded', cartId: 'cart-1' })
    expect(result.kind === 'discarded' && result.reason).toMatch(/^unreadable JSON/)
  })

  it('discards an unknown version, or what has none', () => {
    expect(discarded({ ...state(), v: 2 })).toBe('unknown version 2')
    expect(discarded({ ...state(), v: '1' })).toBe('unknown version 1')
    for (const value of [null, [], '"cart"', 7]) {
      expect(discarded(value), JSON.stringify(value)).toBe('unknown version undefined')
    }
  })

  it('discards prototype keys anywhere', () => {
    const raw = JSON.stringify(state())
    for (const spoilt of [
      raw.replace('"acked":{', '"acked":{"__proto__":{"x":"1"},'),
      raw.replace('"attributes":{}', '"attributes":{"constructor":"x"}'),
      raw.replace('"note":""', '"note":"","prototype":{}'),
    ]) {
      expect(discarded(spoilt)).toMatch(/^unreadable JSON \(forbidden key/)
    }
  })

  it('discards a wrong shape, naming the field', () => {
    expect(discarded({ ...state(), intents: {} })).toBe('invalid shape (intents: expected array)')
    expect(discarded({ ...state(), epoch: 1 })).toBe('invalid shape (epoch: expected string)')
  })

  it('discards a cart that breaks the rules of the model', () => {
    const twoCurrencies = { ...cart, cost: { ...cart.cost, tax: money(10, 'USD') } }
    expect(discarded(state({ cart: twoCurrencies }))).toMatch(/^invalid shape \(cart\.cost\.tax: /)
    const badDate = { ...cart, updatedAt: '2026-02-30T00:00:00Z' }
    expect(discarded(state({ cart: badDate }))).toMatch(/^invalid shape \(cart\.updatedAt: /)
    const float = { ...cart, lines: [{ ...cart.lines[0]!, quantity: 1.5 }] }
    expect(discarded(state({ cart: float }))).toMatch(/^invalid shape \(cart\.lines\.0\.quantity: /)
  })

  it('discards sequence numbers that are empty or too long', () => {
    expect(discarded({ ...state(), epoch: '' })).toMatch(/^invalid shape \(epoch: /)
    expect(discarded({ ...state(), confirmedSeq: 'x'.repeat(65) })).toMatch(/confirmedSeq: /)
    expect(discarded({ ...state(), acked: { note: '' } })).toMatch(/\(acked\.note: /)
    expect(discarded({ ...state(), acked: { note: 4 } })).toMatch(/\(acked\.note: /)
    expect(discarded({ ...state(), acked: [] })).toMatch(/\(acked: /)
    expect(discarded({ ...state(), cartId: '' })).toMatch(/\(cartId: /)
  })

  it('discards an intent of an unknown kind, or without the fields of its kind', () => {
    const [line, note, attributes, discounts] = state().intents as [
      PersistedState['intents'][number],
      ...PersistedState['intents'],
    ]
    const withIntent = (intent: unknown) => ({ ...state(), intents: [intent] })
    expect(discarded(withIntent({ ...note, kind: 'email' }))).toMatch(/\(intents\.0\.kind: /)
    expect(discarded(withIntent({ ...note, kind: 'constructor' }))).toMatch(/intents\.0\.kind/)
    expect(discarded(withIntent({ ...note, kind: undefined }))).toMatch(/intents\.0\.kind/)
    expect(discarded(withIntent(null))).toMatch(/\(intents\.0\.kind: /)
    expect(discarded(withIntent({ ...note, note: undefined }))).toMatch(/\(intents\.0\.note: /)
    expect(discarded(withIntent({ ...line, merchandise: undefined }))).toMatch(
      /\(intents\.0\.merchandise: /,
    )
    expect(discarded(withIntent({ ...discounts, codes: [1] }))).toMatch(/intents\.0\.codes\.0/)
    expect(discarded(withIntent({ ...attributes, attributes: { a: 1 } }))).toMatch(
      /\(intents\.0\.attributes\.a: /,
    )
  })

  it('discards a note, attributes or discounts intent outside its own slot', () => {
    const [, note] = state().intents
    expect(discarded({ ...state(), intents: [{ ...note, slot: 'line:mug' }] })).toBe(
      'invalid shape (intents.0.slot: expected "note")',
    )
  })

  it('checks line intents: quantity from 0, ids, attributes and merchandise', () => {
    const [line] = state().intents
    const withLine = (overrides: Record<string, unknown>) => ({
      ...state(),
      intents: [{ ...line, ...overrides }],
    })
    expect(load(withLine({ quantity: 0, merchandise: null })).kind).toBe('ok')
    for (const [overrides, path] of [
      [{ quantity: -1 }, 'intents.0.quantity'],
      [{ quantity: 0.5 }, 'intents.0.quantity'],
      [{ quantity: 1_000_001 }, 'intents.0.quantity'],
      [{ key: '' }, 'intents.0.key'],
      [{ merchandiseId: '' }, 'intents.0.merchandiseId'],
      [{ attributes: null }, 'intents.0.attributes'],
      [
        { merchandise: { ...mug, price: { amount: 1.5, currency: 'EUR' } } },
        'intents.0.merchandise.price.amount',
      ],
    ] as const) {
      expect(discarded(withLine(overrides)), JSON.stringify(overrides)).toMatch(
        new RegExp(`^invalid shape \\(${path.replaceAll('.', '\\.')}: `),
      )
    }
  })

  it('checks the intents of a pending creation', () => {
    const creating = { key: 'create-1', sent: [{ kind: 'note', slot: 'note', seq: '1' }] }
    expect(discarded(state({ cartId: null, creating } as never))).toMatch(
      /\(creating\.sent\.0\.note: /,
    )
    const keyless = { key: '', sent: [] }
    expect(discarded(state({ cartId: null, creating: keyless }))).toMatch(/\(creating\.key: /)
  })
})
