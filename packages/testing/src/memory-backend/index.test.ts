import type { CartOp, CartSnapshot, LineAttributes } from '@tote/core/adapter'
import { isToteError, lineKey, money, parseCartSnapshot } from '@tote/core/adapter'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { demoCatalogue } from '../demo-catalogue/index.ts'
import { createMemoryBackend, type MemoryBackendOptions } from './index.ts'

const DAY = 24 * 60 * 60 * 1000

function setLine(merchandiseId: string, quantity: number, attributes: LineAttributes = {}): CartOp {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    quantity,
    lineKey: lineKey(merchandiseId, attributes),
    lineId: null,
  }
}

function valid(cart: CartSnapshot): CartSnapshot {
  expect(parseCartSnapshot(cart)).toEqual(cart)
  return cart
}

function setup(options: MemoryBackendOptions = {}) {
  let time = Date.UTC(2026, 0, 1)
  const clock = {
    now: () => time,
    advance: (ms: number) => {
      time += ms
    },
  }
  let seed = 1
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock, random, ...options })
  return { backend, clock }
}

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('createMemoryBackend', () => {
  it('creates a cart with its first ops in one call, at version 1', () => {
    const { backend } = setup()
    const { cart, notices } = backend.createCart({ ops: [setLine('tee-black-m', 2)] })
    valid(cart)
    expect(cart.version).toBe(1)
    expect(cart.status).toBe('active')
    expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([['tee-black-m', 2]])
    expect(cart.cost.subtotal).toEqual(money(5000, 'EUR'))
    expect(cart.updatedAt).toBe('2026-01-01T00:00:00.000Z')
    expect(notices).toEqual([])
  })

  it('merges the same merchandise and attributes into one line', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [] })
    const after = backend.applyOps(cart.id, [
      setLine('pin-fox', 1, { engraving: 'Ada' }),
      setLine('pin-fox', 3, { engraving: 'Ada' }),
      setLine('pin-fox', 1),
    ]).cart
    valid(after)
    expect(after.lines.map((line) => [line.key, line.quantity])).toEqual([
      ['pin-fox?engraving=Ada', 3],
      ['pin-fox', 1],
    ])
  })

  it('sets absolute quantities, keeps the line id, and removes a line at 0', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('tee-black-m', 1)] })
    const id = cart.lines[0]?.id
    const twice = backend.applyOps(cart.id, [setLine('tee-black-m', 4)]).cart
    expect(twice.lines[0]).toMatchObject({ id, quantity: 4 })
    const again = backend.applyOps(cart.id, [setLine('tee-black-m', 4)]).cart
    expect(again.lines[0]?.quantity).toBe(4)
    expect(valid(backend.applyOps(cart.id, [setLine('tee-black-m', 0)]).cart).lines).toEqual([])
  })

  it('bumps the version and update time on a change, not on a no-op', () => {
    const { backend, clock } = setup()
    const { cart } = backend.createCart({ ops: [] })
    clock.advance(60_000)
    const changed = backend.applyOps(cart.id, [{ type: 'setNote', note: 'Gift wrap' }]).cart
    expect(changed.version).toBe(2)
    expect(changed.updatedAt).toBe('2026-01-01T00:01:00.000Z')
    clock.advance(60_000)
    const same = backend.applyOps(cart.id, [{ type: 'setNote', note: 'Gift wrap' }]).cart
    expect(same.version).toBe(2)
    expect(same.updatedAt).toBe(changed.updatedAt)
  })

  it('sets note and attributes', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({
      ops: [
        { type: 'setNote', note: 'Leave at the door' },
        { type: 'setAttributes', attributes: { gift: 'yes' } },
      ],
    })
    expect(valid(cart)).toMatchObject({ note: 'Leave at the door', attributes: { gift: 'yes' } })
  })

  it('accepts known discount codes and rejects unknown ones with a notice', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('tote-natural', 2)] })
    const { cart: after, notices } = backend.applyOps(cart.id, [
      { type: 'setDiscountCodes', codes: ['welcome10', 'NOPE'] },
    ])
    valid(after)
    expect(after.discountCodes).toEqual([
      { code: 'welcome10', applicable: true },
      { code: 'NOPE', applicable: false },
    ])
    expect(notices).toEqual([{ code: 'discount_rejected', discountCode: 'NOPE' }])
    expect(after.cost.discount).toEqual(money(580, 'EUR'))
    expect(after.cost.total).toEqual(money(5220, 'EUR'))
  })

  it('clamps a quantity to the stock left with an insufficient_stock notice', () => {
    const { backend } = setup()
    const { cart, notices } = backend.createCart({ ops: [setLine('mug-speckled', 5)] })
    expect(cart.lines[0]?.quantity).toBe(2)
    expect(notices).toEqual([
      {
        code: 'insufficient_stock',
        lineKey: 'mug-speckled',
        merchandiseId: 'mug-speckled',
        title: 'Stoneware mug',
        from: 5,
        to: 2,
      },
    ])
  })

  it('leaves out sold-out merchandise with an out_of_stock notice', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('beanie-forest', 1)] })
    backend.sellOut('beanie-forest')
    const { cart: after, notices } = backend.applyOps(cart.id, [setLine('beanie-forest', 2)])
    expect(after.lines).toEqual([])
    expect(notices).toMatchObject([{ code: 'out_of_stock', lineKey: 'beanie-forest', to: 0 }])
    backend.setStock('pin-fox', 0)
    const added = backend.applyOps(cart.id, [setLine('pin-fox', 1)])
    expect(added.cart.lines).toEqual([])
    expect(added.notices).toMatchObject([{ code: 'out_of_stock', merchandiseId: 'pin-fox' }])
  })

  it('never limits untracked stock', () => {
    const { backend } = setup()
    const { cart, notices } = backend.createCart({ ops: [setLine('gift-card-50', 500)] })
    expect(cart.lines[0]?.quantity).toBe(500)
    expect(notices).toEqual([])
  })

  it('rejects a bad batch as a whole and changes nothing', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 1)] })
    for (const quantity of [-1, 1.5, Number.NaN, 2_000_000]) {
      const error = thrown(() =>
        backend.applyOps(cart.id, [setLine('tee-black-m', 1), setLine('pin-fox', quantity)]),
      )
      expect(isToteError(error, 'rejected')).toBe(true)
    }
    const bad = [{ type: 'explode' }] as unknown as CartOp[]
    expect(
      isToteError(
        thrown(() => backend.applyOps(cart.id, bad)),
        'rejected',
      ),
    ).toBe(true)
    expect(backend.getCart(cart.id)).toEqual(cart)
  })

  it('refuses a catalogue entry that is not valid merchandise, naming the field', () => {
    const [entry] = demoCatalogue()
    const catalogue = [{ ...entry!, price: { amount: 12.5, currency: 'EUR' } }]
    expect(() => createMemoryBackend({ catalogue })).toThrow(
      /^catalogue: entry "[^"]+" is not valid merchandise: price\.amount: expected a safe integer/,
    )
  })

  it('gives null for a missing cart and cart_not_found on a write', () => {
    const { backend } = setup()
    expect(backend.getCart('cart-404')).toBeNull()
    const error = thrown(() => backend.applyOps('cart-404', [setLine('pin-fox', 1)]))
    expect(isToteError(error, 'cart_not_found')).toBe(true)
  })

  it('refuses writes to a completed cart (docs/domain.md R17)', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 1)] })
    const completed = valid(backend.completeCart(cart.id))
    expect(completed.status).toBe('completed')
    expect(backend.getCart(cart.id)?.status).toBe('completed')
    const error = thrown(() => backend.applyOps(cart.id, [setLine('pin-fox', 2)]))
    expect(isToteError(error, 'cart_completed')).toBe(true)
    const email = thrown(() => backend.captureEmail(cart.id, { email: 'a@b.co', consent: true }))
    expect(isToteError(email, 'cart_completed')).toBe(true)
  })

  it('expires a cart some time after its last update', () => {
    const { backend, clock } = setup({ cartLifetimeMs: DAY })
    const { cart } = backend.createCart({ ops: [] })
    clock.advance(DAY - 1)
    backend.applyOps(cart.id, [{ type: 'setNote', note: 'still here' }])
    clock.advance(DAY - 1)
    expect(backend.getCart(cart.id)).not.toBeNull()
    clock.advance(1)
    expect(backend.getCart(cart.id)).toBeNull()
    const error = thrown(() => backend.applyOps(cart.id, []))
    expect(isToteError(error, 'cart_expired')).toBe(true)
  })

  it('captures the email with the consent flag (docs/domain.md R3, R13)', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [] })
    const { cart: after } = backend.captureEmail(cart.id, {
      email: ' ada@example.com ',
      consent: true,
    })
    expect(valid(after).email).toBe('ada@example.com')
    expect(backend.inspectCart(cart.id)?.emailConsent).toBe(true)
    const error = thrown(() => backend.captureEmail(cart.id, { email: 'nope', consent: false }))
    expect(isToteError(error, 'rejected')).toBe(true)
  })

  it('returns fresh copies that callers cannot use to change the backend', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 1)] })
    ;(cart.lines[0] as { quantity: number }).quantity = 99
    const merchandise = backend.getMerchandise(['pin-fox'])
    ;(merchandise[0] as { price: { amount: number } }).price.amount = 1
    expect(backend.getCart(cart.id)?.lines[0]?.quantity).toBe(1)
    expect(backend.getMerchandise(['pin-fox'])[0]?.price.amount).toBe(650)
  })

  it('looks merchandise up, leaving unknown ids out', () => {
    const { backend } = setup()
    const found = backend.getMerchandise(['pin-fox', 'nope', 'gift-card-50'])
    expect(found.map((item) => item.id)).toEqual(['pin-fox', 'gift-card-50'])
    expect(found[1]?.quantityAvailable).toBeNull()
  })

  it('reprices lines on the next write, keeping the old price until then', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 2)] })
    backend.setPrice('pin-fox', money(700, 'EUR'))
    expect(backend.getCart(cart.id)?.lines[0]?.cost.unitPrice).toEqual(money(650, 'EUR'))
    const after = backend.applyOps(cart.id, [{ type: 'setNote', note: 'x' }]).cart
    expect(after.lines[0]?.cost).toMatchObject({
      unitPrice: money(700, 'EUR'),
      subtotal: money(1400, 'EUR'),
    })
  })

  it('drops discontinued lines on the next write with a notice', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({
      ops: [setLine('pin-fox', 2), setLine('tote-natural', 1)],
    })
    backend.discontinue('pin-fox')
    const { cart: after, notices } = backend.applyOps(cart.id, [setLine('tote-natural', 2)])
    expect(after.lines.map((line) => line.key)).toEqual(['tote-natural'])
    expect(notices).toMatchObject([{ code: 'discontinued', lineKey: 'pin-fox' }])
  })

  it('prices a market in its own currency (docs/domain.md R19)', () => {
    const { backend } = setup()
    backend.setCurrency('NOK', { country: 'NO', rate: 11.5 })
    backend.setPrice('pin-fox', money(7900, 'NOK'))
    const { cart } = backend.createCart({
      country: 'NO',
      ops: [setLine('pin-fox', 1), setLine('tote-natural', 1)],
    })
    valid(cart)
    expect(cart.currency).toBe('NOK')
    expect(cart.lines.map((line) => line.cost.unitPrice)).toEqual([
      money(7900, 'NOK'),
      money(33350, 'NOK'),
    ])
    expect(backend.getMerchandise(['pin-fox'])[0]?.price).toEqual(money(650, 'EUR'))
  })

  it('moves a cart to its market’s new currency on the next write', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 1)] })
    backend.setCurrency('JPY', { rate: 160 })
    const after = valid(backend.applyOps(cart.id, [setLine('pin-fox', 2)]).cart)
    expect(after.currency).toBe('JPY')
    expect(after.cost.subtotal).toEqual(money(2080, 'JPY'))
  })

  describe('idempotency keys', () => {
    it('gives the first result again without applying twice', () => {
      const { backend } = setup()
      const { cart } = backend.createCart({ ops: [] })
      const ops = [setLine('pin-fox', 2)]
      const first = backend.applyOps(cart.id, ops, { idempotencyKey: 'k1' })
      const second = backend.applyOps(cart.id, ops, { idempotencyKey: 'k1' })
      expect(second).toEqual(first)
      expect(backend.getCart(cart.id)?.version).toBe(first.cart.version)
    })

    it('creates one cart for one key', () => {
      const { backend } = setup()
      const first = backend.createCart({ ops: [] }, { idempotencyKey: 'create-1' })
      const second = backend.createCart({ ops: [] }, { idempotencyKey: 'create-1' })
      expect(second.cart.id).toBe(first.cart.id)
      expect(backend.cartIds()).toHaveLength(1)
    })

    it('refuses the same key with other content as a conflict', () => {
      const { backend } = setup()
      const { cart } = backend.createCart({ ops: [] })
      backend.applyOps(cart.id, [setLine('pin-fox', 2)], { idempotencyKey: 'k1' })
      const error = thrown(() =>
        backend.applyOps(cart.id, [setLine('pin-fox', 3)], { idempotencyKey: 'k1' }),
      )
      expect(isToteError(error, 'conflict')).toBe(true)
    })
  })

  describe('recovery', () => {
    function abandoned() {
      const context = setup()
      const { backend } = context
      const { cart } = backend.createCart({
        ops: [setLine('pin-fox', 2), setLine('mug-speckled', 2), setLine('tote-natural', 1)],
      })
      backend.captureEmail(cart.id, { email: 'ada@example.com', consent: false })
      return { ...context, cartId: cart.id }
    }

    it('gives the cart with the prices the shopper saw and the merchandise now (docs/domain.md R12)', () => {
      const { backend, cartId } = abandoned()
      const link = backend.createRecoveryLink(cartId)
      expect(link).toMatch(/^https:\/\/shop\.example\/recover\?token=/)
      backend.setPrice('pin-fox', money(800, 'EUR'))
      backend.setStock('mug-speckled', 1)
      backend.discontinue('tote-natural')
      const { cart, merchandise } = backend.recover(link)
      valid(cart)
      expect(cart.id).toBe(cartId)
      expect(cart.lines.map((line) => [line.key, line.cost.unitPrice.amount])).toEqual([
        ['pin-fox', 650],
        ['mug-speckled', 1800],
        ['tote-natural', 2900],
      ])
      expect(
        merchandise.map((item) => [item.id, item.price.amount, item.quantityAvailable]),
      ).toEqual([
        ['pin-fox', 800, 100],
        ['mug-speckled', 1800, 1],
      ])
    })

    it('accepts a bare token', () => {
      const { backend, cartId } = abandoned()
      expect(backend.recover(backend.createRecoveryToken(cartId)).cart.id).toBe(cartId)
    })

    it('names why a link is refused', () => {
      const { backend, cartId, clock } = abandoned()
      const token = backend.createRecoveryToken(cartId)
      const reason = (link: string) => {
        const error = thrown(() => backend.recover(link))
        expect(isToteError(error, 'invalid_recovery_link')).toBe(true)
        return (error as { details: { reason: string } }).details.reason
      }
      expect(reason('')).toBe('malformed')
      expect(reason('not a token')).toBe('malformed')
      expect(reason('/cart/pin-fox:0')).toBe('malformed')
      expect(reason('/cart/pin-fox')).toBe('malformed')
      expect(reason('/checkout/thing')).toBe('malformed')
      expect(reason(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`)).toBe('tampered')
      expect(reason(token.replace(/\.\d+\./, '.999.'))).toBe('unknown')
      expect(reason('/cart/no-such-thing:1')).toBe('unknown')
      const other = createMemoryBackend({ random: () => 0.5 })
      const otherCart = other.createCart({ ops: [] }).cart
      expect(reason(other.createRecoveryToken(otherCart.id))).toBe('unknown')
      clock.advance(7 * DAY)
      expect(reason(token)).toBe('expired')
    })

    it('refuses the link of a completed cart', () => {
      const { backend, cartId } = abandoned()
      const link = backend.createRecoveryLink(cartId)
      backend.completeCart(cartId)
      const error = thrown(() => backend.recover(link))
      expect(error).toMatchObject({
        code: 'invalid_recovery_link',
        details: { reason: 'completed' },
      })
    })

    it('builds a cart from a Shopify-style permalink', () => {
      const { backend } = setup()
      backend.setStock('mug-speckled', 1)
      const link = backend.permalink([
        { merchandiseId: 'pin-fox', quantity: 3 },
        { merchandiseId: 'mug-speckled', quantity: 2 },
      ])
      expect(link).toBe('/cart/pin-fox:3,mug-speckled:2')
      const { cart, merchandise } = backend.recover(`https://shop.example${link}?discount=SAVE5`)
      valid(cart)
      expect(cart.lines.map((line) => [line.key, line.quantity])).toEqual([
        ['pin-fox', 3],
        ['mug-speckled', 2],
      ])
      expect(cart.discountCodes).toEqual([{ code: 'SAVE5', applicable: true }])
      expect(merchandise.find((item) => item.id === 'mug-speckled')?.quantityAvailable).toBe(1)
      expect(backend.getCart(cart.id)).toEqual(cart)
    })
  })
})

describe('createMemoryBackend edge cases', () => {
  it('refuses prototype keys in attributes', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [] })
    const attributes = JSON.parse('{"__proto__":"x"}') as Record<string, string>
    const error = thrown(() => backend.applyOps(cart.id, [{ type: 'setAttributes', attributes }]))
    expect(isToteError(error, 'rejected')).toBe(true)
    expect(Object.getPrototypeOf(backend.getCart(cart.id)?.attributes)).toBe(Object.prototype)
  })

  it('refuses a line key that does not match the merchandise and attributes', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [] })
    const op = { ...setLine('pin-fox', 1), lineKey: 'tee-black-m' }
    expect(
      isToteError(
        thrown(() => backend.applyOps(cart.id, [op])),
        'rejected',
      ),
    ).toBe(true)
  })

  it('untracks stock with null', () => {
    const { backend } = setup()
    backend.setStock('mug-speckled', null)
    const { cart, notices } = backend.createCart({ ops: [setLine('mug-speckled', 50)] })
    expect(cart.lines[0]?.quantity).toBe(50)
    expect(notices).toEqual([])
  })

  it('merges repeated and percent-encoded ids of a permalink', () => {
    const { backend } = setup()
    backend.addMerchandise({
      id: 'gid://shop/Variant/1',
      productId: 'p1',
      productTitle: 'Odd id',
      title: 'Default',
      price: money(100, 'EUR'),
    })
    const link = backend.permalink([
      { merchandiseId: 'gid://shop/Variant/1', quantity: 1 },
      { merchandiseId: 'gid://shop/Variant/1', quantity: 2 },
    ])
    const { cart } = backend.recover(link)
    expect(valid(cart).lines.map((line) => [line.key, line.quantity])).toEqual([
      ['gid://shop/Variant/1', 3],
    ])
  })

  it('reports merchandise in the market’s new currency after a currency change', () => {
    const { backend } = setup()
    const { cart } = backend.createCart({ ops: [setLine('pin-fox', 1)] })
    const link = backend.createRecoveryLink(cart.id)
    backend.setCurrency('SEK', { rate: 11 })
    const recovered = backend.recover(link)
    expect(recovered.cart.currency).toBe('EUR')
    expect(recovered.merchandise[0]?.price).toEqual(money(7150, 'SEK'))
  })

  it('refuses a recovery link once the cart itself expired', () => {
    const { backend, clock } = setup({ cartLifetimeMs: DAY, recoveryTokenLifetimeMs: null })
    const { cart } = backend.createCart({ ops: [] })
    const link = backend.createRecoveryLink(cart.id)
    clock.advance(DAY)
    expect(thrown(() => backend.recover(link))).toMatchObject({ details: { reason: 'expired' } })
  })

  it('holds and recovers a 250-line cart', () => {
    const catalogue = Array.from({ length: 250 }, (_, index) => ({
      id: `variant-${index}`,
      productId: `product-${index}`,
      productTitle: `Product ${index}`,
      title: 'Default',
      price: money(100 + index, 'EUR'),
      quantityAvailable: 10,
    }))
    const backend = createMemoryBackend({ catalogue })
    const { cart } = backend.createCart({
      ops: catalogue.map((entry) => setLine(entry.id, 2)),
    })
    expect(valid(cart).lines).toHaveLength(250)
    const { cart: recovered, merchandise } = backend.recover(backend.createRecoveryToken(cart.id))
    expect(recovered).toEqual(cart)
    expect(merchandise).toHaveLength(250)
  })

  it('keeps its invariants under any sequence of writes and world changes', () => {
    const ids = ['pin-fox', 'mug-speckled', 'gift-card-50', 'tee-black-m']
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        id: fc.constantFrom(...ids),
        quantity: fc.integer({ min: 0, max: 60 }),
        engraved: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('stock' as const),
        id: fc.constantFrom(...ids),
        quantity: fc.option(fc.integer({ min: 0, max: 5 })),
      }),
      fc.record({
        kind: fc.constant('price' as const),
        id: fc.constantFrom(...ids),
        amount: fc.integer({ min: 0, max: 10_000 }),
      }),
      fc.record({
        kind: fc.constant('codes' as const),
        codes: fc.subarray(['SAVE5', 'WELCOME10', 'X']),
      }),
    )
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const { backend } = setup()
        let last = backend.createCart({ ops: [] }).cart
        for (const step of actions) {
          if (step.kind === 'stock') backend.setStock(step.id, step.quantity)
          else if (step.kind === 'price') backend.setPrice(step.id, money(step.amount, 'EUR'))
          else {
            const op: CartOp =
              step.kind === 'codes'
                ? { type: 'setDiscountCodes', codes: step.codes }
                : setLine(step.id, step.quantity, step.engraved ? { engraving: 'Ada' } : {})
            const { cart, notices } = backend.applyOps(last.id, [op])
            valid(cart)
            expect(cart.version).toBeGreaterThanOrEqual(last.version)
            for (const line of cart.lines) {
              const stock = line.merchandise.quantityAvailable
              if (op.type === 'setLine' && line.key === op.lineKey) {
                expect(line.quantity).toBe(
                  stock === null ? op.quantity : Math.min(op.quantity, stock),
                )
              }
            }
            if (op.type === 'setLine' && !cart.lines.some((line) => line.key === op.lineKey)) {
              const explained = notices.some((notice) => notice.lineKey === op.lineKey)
              expect(op.quantity === 0 || explained).toBe(true)
            }
            expect(cart.cost.total.amount).toBeGreaterThanOrEqual(0)
            last = cart
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})
