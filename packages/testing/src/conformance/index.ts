import type {
  AdapterContext,
  CartAdapter,
  CartOp,
  CartSnapshot,
  CartWriteResult,
  LineAttributes,
  Money,
  NoticeInput,
} from '@tote/core/adapter'
import {
  isToteError,
  lineKey,
  parseCartSnapshot,
  parseMerchandiseList,
  parseRecoveryResult,
  parseWriteResult,
} from '@tote/core/adapter'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

/**
 * What the conformance suite needs to drive the backend behind an adapter. Adapter authors
 * implement it over their backend's admin or test API.
 */
export interface ConformanceControl {
  /**
   * At least two merchandise ids, available with at least 10 units each (or untracked),
   * priced in one currency. The suite changes their stock: `setup` must give each test a
   * fresh backend, or `teardown` must restore it.
   */
  merchandiseIds: readonly string[]
  /** Sets the units left of one merchandise; `0` sells it out. */
  setStock(merchandiseId: string, quantity: number): void | Promise<void>
  /** Turns the cart into an order, as a finished checkout does (docs/domain.md R17). */
  completeCart(cartId: string): void | Promise<void>
  /**
   * Makes the cart expire, as the backend's own cart lifetime would (a test clock moved past
   * it, say). Without it, the `expired` case is skipped.
   */
  expireCart?(cartId: string): void | Promise<void>
  /** Removes the cart from the backend. Without it the suite uses `missingCartId`. */
  deleteCart?(cartId: string): void | Promise<void>
  /** A well-formed id of a cart the backend does not have. Used when `deleteCart` is absent. */
  missingCartId?: string
  /**
   * A well-formed merchandise id the backend does not know.
   * @default 'tote-conformance-unknown'
   */
  unknownMerchandiseId?: string
  /**
   * A link (URL or token) that the adapter's `recover` resolves to this cart. Without it,
   * the recovery cases are skipped.
   */
  recoveryLink?(cartId: string): string | Promise<string>
  /**
   * A selling plan (subscription) the first of `merchandiseIds` is offered on. With it and
   * `capabilities.sellingPlans`, the suite checks that lines differing by plan stay apart.
   */
  sellingPlanId?: string
  /** Sets a merchandise's price. When present, the recovery case also checks repricing. */
  setPrice?(merchandiseId: string, price: Money): void | Promise<void>
  /** Runs after each test: stop servers, drop data. */
  teardown?(): void | Promise<void>
}

/** What `setup` gives each test of the conformance suite. */
export interface ConformanceFixture {
  adapter: CartAdapter
  control: ConformanceControl
}

/** Builds a fresh adapter and its control before each test. */
export type ConformanceSetup = () => ConformanceFixture | Promise<ConformanceFixture>

/** The cases of the conformance suite, for `options.skip`. */
export const CONFORMANCE_CASES = [
  'create',
  'get',
  'get-missing',
  'batch',
  'merge',
  'attributes-apart',
  'selling-plans-apart',
  'delivery-address',
  'buyer-phone',
  'remove',
  'note',
  'cart-attributes',
  'discount-rejected',
  'email',
  'email-invalid',
  'merchandise',
  'recover',
  'recover-invalid',
  'completed',
  'expired',
  'missing',
  'out-of-stock',
  'insufficient-stock',
  'idempotent-retry',
  'idempotency-conflict',
  'malformed-input',
] as const

/** One case of the conformance suite. */
export type ConformanceCase = (typeof CONFORMANCE_CASES)[number]

/** Options of {@link describeAdapterConformance}. */
export interface ConformanceOptions {
  /**
   * Cases the backend cannot pass, skipped with their name in the report. Say why in your
   * adapter's documentation.
   * @default []
   */
  skip?: readonly ConformanceCase[]
}

let contexts = 0

function context(idempotencyKey?: string): AdapterContext {
  contexts += 1
  return {
    signal: new AbortController().signal,
    idempotencyKey:
      idempotencyKey ??
      // Unique across workers and runs that share one backend.
      `tote-conformance-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${contexts}`,
  }
}

/** A `setLine` op for the suite: the wanted quantity of one line. */
function setLine(
  merchandiseId: string,
  quantity: number,
  attributes: LineAttributes = {},
  sellingPlanId?: string,
): CartOp {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    ...(sellingPlanId ? { sellingPlanId } : {}),
    quantity,
    lineKey: lineKey(merchandiseId, attributes, sellingPlanId),
    lineId: null,
  }
}

/**
 * Runs one of core's parsers on an answer, as the sync engine does, and fails the test with
 * its message when the answer does not fit Tote's model.
 */
function parsed<T>(what: string, parse: () => T): T {
  try {
    return parse()
  } catch (error) {
    return expect.fail(`the adapter returned ${what}: ${(error as Error).message}`)
  }
}

/** Asserts the snapshot passes `parseCartSnapshot` and returns it as parsed. */
function valid(cart: CartSnapshot | null | undefined): CartSnapshot {
  return parsed('an invalid cart snapshot', () => parseCartSnapshot(cart))
}

/**
 * Asserts a write result passes `parseWriteResult` and returns it as parsed. The engine drops
 * a notice it cannot read; here it fails the test, as the shopper would never see it.
 */
function validResult(result: CartWriteResult): CartWriteResult {
  const read = parsed('an invalid write result', () => parseWriteResult(result))
  expect(Array.isArray(result.notices), 'notices must be an array').toBe(true)
  for (const notice of result.notices) {
    const kept = parseWriteResult({ cart: read.cart, notices: [notice] }).notices
    if (kept.length === 0) expect.fail(`invalid notice ${JSON.stringify(notice)}`)
  }
  return read
}

function quantities(cart: CartSnapshot): Record<string, number> {
  return Object.fromEntries(cart.lines.map((line) => [line.key, line.quantity]))
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`),
    (error: unknown) => error,
  )
}

function hasNotice(notices: readonly NoticeInput[], code: string, key: string): boolean {
  return notices.some(
    (notice) => notice.code === code && (notice.lineKey === undefined || notice.lineKey === key),
  )
}

/**
 * Declares the adapter conformance suite in the calling vitest file: create, get, batched
 * apply, the merge rule, email, merchandise lookup, recovery, completed and missing carts,
 * stock notices, idempotent retries and malformed input. Every answer is parsed as the sync
 * engine parses it (`parseWriteResult`, `parseCartSnapshot`, `parseRecoveryResult`) and must
 * pass, notices included.
 *
 * @example
 * describeAdapterConformance('rest', async () => {
 *   const server = await startTestServer()
 *   return { adapter: createRestAdapter({ baseUrl: server.url }), control: server.control }
 * })
 */
export function describeAdapterConformance(
  name: string,
  setup: ConformanceSetup,
  options: ConformanceOptions = {},
): void {
  const skipped = new Set<string>(options.skip ?? [])

  describe(`${name}: adapter conformance`, () => {
    let fixture: ConformanceFixture | undefined

    beforeEach(async () => {
      fixture = await setup()
      if (!fixture?.adapter || !fixture.control) {
        throw new TypeError('setup() must return { adapter, control }')
      }
      if ((fixture.control.merchandiseIds?.length ?? 0) < 2) {
        throw new TypeError('control.merchandiseIds must hold at least two ids')
      }
    })

    afterEach(async () => {
      await fixture?.control.teardown?.()
      fixture = undefined
    })

    function current(): ConformanceFixture & { a: string; b: string } {
      const value = fixture as ConformanceFixture
      const [a, b] = value.control.merchandiseIds as [string, string]
      return { ...value, a, b }
    }

    function test(
      id: ConformanceCase,
      title: string,
      body: (skip: (note: string) => void) => Promise<void>,
    ): void {
      if (skipped.has(id)) {
        it.skip(`${title} [${id}]`, () => {})
        return
      }
      it(`${title} [${id}]`, async (testContext) => {
        await body((note) => testContext.skip(note))
      })
    }

    async function newCart(ops: CartOp[] = []): Promise<CartSnapshot> {
      const { adapter } = current()
      return validResult(await adapter.create({ ops }, context())).cart
    }

    async function missingCartId(): Promise<string | null> {
      const { control } = current()
      if (control.deleteCart) {
        const cart = await newCart()
        await control.deleteCart(cart.id)
        return cart.id
      }
      return control.missingCartId ?? null
    }

    test('create', 'creates a cart with its first lines in one call', async () => {
      const { adapter, a, b } = current()
      const result = validResult(
        await adapter.create({ ops: [setLine(a, 1), setLine(b, 2)] }, context()),
      )
      expect(result.cart.status).toBe('active')
      expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 1, [lineKey(b)]: 2 })
      expect(result.cart.cost.subtotal.currency).toBe(result.cart.currency)
    })

    test('get', 'reads a cart back as the last write left it', async () => {
      const { adapter, a } = current()
      const created = await newCart([setLine(a, 2)])
      const read = valid(await adapter.get(created.id, context()))
      expect(read.id).toBe(created.id)
      expect(quantities(read)).toEqual(quantities(created))
      expect(read.version).toBeGreaterThanOrEqual(created.version)
    })

    test('get-missing', 'gives null for a cart the backend does not have', async (skip) => {
      const { adapter } = current()
      const id = await missingCartId()
      if (id === null) return skip('control has neither deleteCart nor missingCartId')
      expect(await adapter.get(id, context())).toBeNull()
    })

    test('batch', 'applies several ops in one batch', async () => {
      const { adapter, a, b } = current()
      const cart = await newCart()
      const result = validResult(
        await adapter.apply(cart.id, [setLine(a, 3), setLine(b, 1)], context()),
      )
      expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 3, [lineKey(b)]: 1 })
      expect(result.cart.version).toBeGreaterThanOrEqual(cart.version)
      const line = result.cart.lines.find((item) => item.key === lineKey(a))
      expect(line?.cost.subtotal.amount).toBe((line?.cost.unitPrice.amount ?? 0) * 3)
    })

    test('merge', 'keeps one line per merchandise and attributes (the merge rule)', async () => {
      const { adapter, a } = current()
      const cart = await newCart([setLine(a, 1)])
      const result = validResult(
        await adapter.apply(cart.id, [setLine(a, 2), setLine(a, 4)], context()),
      )
      expect(result.cart.lines).toHaveLength(1)
      expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 4 })
      const again = validResult(await adapter.apply(cart.id, [setLine(a, 4)], context()))
      expect(quantities(again.cart)).toEqual({ [lineKey(a)]: 4 })
    })

    test(
      'attributes-apart',
      'keeps lines of the same merchandise with other attributes apart',
      async (skip) => {
        const { adapter, a } = current()
        if (!adapter.capabilities.attributes) return skip('the adapter has no attributes')
        const cart = await newCart()
        const result = validResult(
          await adapter.apply(
            cart.id,
            [setLine(a, 1), setLine(a, 2, { engraving: 'Ada' })],
            context(),
          ),
        )
        expect(quantities(result.cart)).toEqual({
          [lineKey(a)]: 1,
          [lineKey(a, { engraving: 'Ada' })]: 2,
        })
      },
    )

    test(
      'selling-plans-apart',
      'keeps a one-time line and a subscription line of the same merchandise apart',
      async (skip) => {
        const { adapter, a, control } = current()
        const plan = control.sellingPlanId
        if (!adapter.capabilities.sellingPlans || !plan) {
          return skip('the adapter has no selling plans, or the control names none')
        }
        const cart = await newCart()
        const result = validResult(
          await adapter.apply(cart.id, [setLine(a, 1), setLine(a, 2, {}, plan)], context()),
        )
        expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 1, [lineKey(a, {}, plan)]: 2 })
        const planned = result.cart.lines.find((line) => line.sellingPlanId === plan)
        const set = setLine(a, 3, {}, plan)
        const again = validResult(
          await adapter.apply(
            cart.id,
            [{ ...set, lineId: planned?.id ?? null } as CartOp],
            context(),
          ),
        )
        expect(quantities(again.cart)).toEqual({ [lineKey(a)]: 1, [lineKey(a, {}, plan)]: 3 })
      },
    )

    test('delivery-address', 'sets and clears the delivery address', async (skip) => {
      const { adapter } = current()
      if (!adapter.capabilities.details?.includes('deliveryAddress')) {
        return skip('the adapter cannot set a delivery address')
      }
      const cart = await newCart()
      const address = {
        address1: '1 Rue de Rivoli',
        city: 'Paris',
        zip: '75001',
        countryCode: 'FR',
      }
      const set = validResult(
        await adapter.apply(
          cart.id,
          [{ type: 'setDetail', name: 'deliveryAddress', value: address }],
          context(),
        ),
      )
      expect(set.cart.details?.deliveryAddress).toMatchObject(address)
      const cleared = validResult(
        await adapter.apply(
          cart.id,
          [{ type: 'setDetail', name: 'deliveryAddress', value: null }],
          context(),
        ),
      )
      expect(cleared.cart.details?.deliveryAddress ?? null).toBeNull()
    })

    test('buyer-phone', "sets the buyer's phone", async (skip) => {
      const { adapter } = current()
      if (!adapter.capabilities.details?.includes('buyerPhone')) {
        return skip('the adapter cannot set a phone')
      }
      const cart = await newCart()
      const result = validResult(
        await adapter.apply(
          cart.id,
          [{ type: 'setDetail', name: 'buyerPhone', value: '+16135551111' }],
          context(),
        ),
      )
      expect(result.cart.details?.buyerPhone).toBe('+16135551111')
    })

    test('remove', 'removes a line set to 0', async () => {
      const { adapter, a, b } = current()
      const cart = await newCart([setLine(a, 2), setLine(b, 1)])
      const result = validResult(await adapter.apply(cart.id, [setLine(a, 0)], context()))
      expect(quantities(result.cart)).toEqual({ [lineKey(b)]: 1 })
    })

    test('note', 'sets the note', async (skip) => {
      const { adapter } = current()
      if (!adapter.capabilities.notes) return skip('the adapter has no notes')
      const cart = await newCart()
      const result = validResult(
        await adapter.apply(cart.id, [{ type: 'setNote', note: 'Leave at the door' }], context()),
      )
      expect(result.cart.note).toBe('Leave at the door')
    })

    test('cart-attributes', 'sets cart attributes', async (skip) => {
      const { adapter } = current()
      if (!adapter.capabilities.attributes) return skip('the adapter has no attributes')
      const cart = await newCart()
      const result = validResult(
        await adapter.apply(
          cart.id,
          [{ type: 'setAttributes', attributes: { gift: 'yes' } }],
          context(),
        ),
      )
      expect(result.cart.attributes).toMatchObject({ gift: 'yes' })
    })

    test(
      'discount-rejected',
      'reports an unknown discount code as data, not an error',
      async (skip) => {
        const { adapter } = current()
        if (!adapter.capabilities.discounts) return skip('the adapter has no discounts')
        const cart = await newCart()
        const code = 'TOTE-CONFORMANCE-NO-SUCH-CODE'
        const result = validResult(
          await adapter.apply(cart.id, [{ type: 'setDiscountCodes', codes: [code] }], context()),
        )
        const refused =
          result.notices.some((notice) => notice.code === 'discount_rejected') ||
          result.cart.discountCodes.some((entry) => entry.code === code && !entry.applicable)
        expect(refused, 'an unknown code must be refused by a notice or applicable: false').toBe(
          true,
        )
        expect(result.cart.discountCodes.some((entry) => entry.applicable)).toBe(false)
      },
    )

    test('email', 'captures the checkout email (docs/domain.md R3, R13)', async (skip) => {
      const { adapter, a } = current()
      if (!adapter.capabilities.email) return skip('the adapter does not capture email')
      const cart = await newCart([setLine(a, 1)])
      const result = validResult(
        await adapter.captureEmail(
          cart.id,
          { email: 'shopper@example.com', consent: true },
          context(),
        ),
      )
      expect(result.cart.email).toBe('shopper@example.com')
      expect(quantities(result.cart)).toEqual(quantities(cart))
      expect(valid(await adapter.get(cart.id, context())).email).toBe('shopper@example.com')
    })

    test('email-invalid', 'refuses an invalid email with a ToteError', async (skip) => {
      const { adapter } = current()
      if (!adapter.capabilities.email) return skip('the adapter does not capture email')
      const cart = await newCart()
      const error = await rejection(
        adapter.captureEmail(cart.id, { email: 'not an email', consent: false }, context()),
      )
      expect(isToteError(error), String(error)).toBe(true)
    })

    test('merchandise', 'looks merchandise up and leaves unknown ids out', async () => {
      const { adapter, control, a, b } = current()
      const unknown = control.unknownMerchandiseId ?? 'tote-conformance-unknown'
      const answered = await adapter.merchandise([a, unknown, b], context())
      const found = parsed('invalid merchandise', () => parseMerchandiseList(answered))
      expect(found.map((item) => item.id).sort()).toEqual([a, b].sort())
      for (const item of found) expect(item.available).toBe(true)
    })

    test(
      'recover',
      'recovers a cart as it was, with the merchandise as it is now (docs/domain.md R11, R12)',
      async (skip) => {
        const { adapter, control, a, b } = current()
        if (!adapter.capabilities.recovery || !control.recoveryLink) {
          return skip('the adapter or its control has no recovery')
        }
        const cart = await newCart([setLine(a, 2), setLine(b, 1)])
        const seen = cart.lines.find((line) => line.key === lineKey(a))?.cost.unitPrice as Money
        if (adapter.capabilities.email) {
          // A recoverable cart is one whose shopper reached checkout and gave an email (R3).
          await adapter.captureEmail(
            cart.id,
            { email: 'shopper@example.com', consent: true },
            context(),
          )
        }
        const link = await control.recoveryLink(cart.id)
        await control.setStock(b, 0)
        const repriced = { amount: seen.amount + 100, currency: seen.currency }
        if (control.setPrice) await control.setPrice(a, repriced)
        const answered = await adapter.recover(link, context())
        const result = parsed('an invalid recovery', () => parseRecoveryResult(answered))
        const recovered = result.cart
        expect(quantities(recovered)).toEqual({ [lineKey(a)]: 2, [lineKey(b)]: 1 })
        const line = recovered.lines.find((item) => item.key === lineKey(a))
        expect(line?.cost.unitPrice, 'the cart keeps the price the shopper saw').toEqual(seen)
        const now = new Map(result.merchandise.map((item) => [item.id, item]))
        const soldOut = now.get(b)
        expect(
          soldOut === undefined || !soldOut.available || soldOut.quantityAvailable === 0,
          'the sold-out merchandise is reported as it is now',
        ).toBe(true)
        if (control.setPrice) expect(now.get(a)?.price).toEqual(repriced)
      },
    )

    test(
      'recover-invalid',
      'refuses a malformed recovery link with a typed error',
      async (skip) => {
        const { adapter } = current()
        if (!adapter.capabilities.recovery) return skip('the adapter has no recovery')
        const error = await rejection(adapter.recover('tote-conformance-not-a-link', context()))
        expect(isToteError(error, 'invalid_recovery_link'), String(error)).toBe(true)
      },
    )

    test('completed', 'refuses writes to a completed cart (docs/domain.md R17)', async () => {
      const { adapter, control, a } = current()
      const cart = await newCart([setLine(a, 1)])
      await control.completeCart(cart.id)
      const error = await rejection(adapter.apply(cart.id, [setLine(a, 2)], context()))
      expect(isToteError(error, 'cart_completed'), String(error)).toBe(true)
      const read = await adapter.get(cart.id, context())
      if (read !== null) expect(valid(read).status).toBe('completed')
    })

    test(
      'expired',
      'refuses writes to an expired cart with cart_expired, and never reads it as active',
      async (skip) => {
        const { adapter, control, a } = current()
        if (!control.expireCart) return skip('control has no expireCart')
        const cart = await newCart([setLine(a, 1)])
        await control.expireCart(cart.id)
        const error = await rejection(adapter.apply(cart.id, [setLine(a, 2)], context()))
        expect(isToteError(error, 'cart_expired'), String(error)).toBe(true)
        // A read may answer `null` (gone) or throw cart_expired; both make the client start over.
        const read = await adapter.get(cart.id, context()).catch((caught: unknown) => caught)
        if (read !== null) expect(isToteError(read, 'cart_expired'), String(read)).toBe(true)
      },
    )

    test('missing', 'refuses writes to a missing cart with cart_not_found', async (skip) => {
      const { adapter, a } = current()
      const id = await missingCartId()
      if (id === null) return skip('control has neither deleteCart nor missingCartId')
      const error = await rejection(adapter.apply(id, [setLine(a, 1)], context()))
      expect(isToteError(error, 'cart_not_found'), String(error)).toBe(true)
    })

    test('out-of-stock', 'reports sold-out merchandise as a notice, not a throw', async () => {
      const { adapter, control, a, b } = current()
      const cart = await newCart([setLine(a, 1)])
      await control.setStock(b, 0)
      const result = validResult(await adapter.apply(cart.id, [setLine(b, 1)], context()))
      expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 1 })
      expect(hasNotice(result.notices, 'out_of_stock', lineKey(b))).toBe(true)
    })

    test('insufficient-stock', 'clamps a quantity to the stock left, with a notice', async () => {
      const { adapter, control, a } = current()
      const cart = await newCart()
      await control.setStock(a, 3)
      const result = validResult(await adapter.apply(cart.id, [setLine(a, 5)], context()))
      expect(quantities(result.cart)).toEqual({ [lineKey(a)]: 3 })
      expect(hasNotice(result.notices, 'insufficient_stock', lineKey(a))).toBe(true)
    })

    test(
      'idempotent-retry',
      'never doubles a line when a batch is retried after a lost answer',
      async () => {
        const { adapter, a } = current()
        const cart = await newCart()
        const retried = context()
        await adapter.apply(cart.id, [setLine(a, 2)], retried)
        const again = validResult(await adapter.apply(cart.id, [setLine(a, 2)], retried))
        expect(quantities(again.cart)).toEqual({ [lineKey(a)]: 2 })
        // A retry under a new key (backends without keys) is still a target, not a delta.
        const fresh = validResult(await adapter.apply(cart.id, [setLine(a, 2)], context()))
        expect(quantities(fresh.cart)).toEqual({ [lineKey(a)]: 2 })
        expect(quantities(valid(await adapter.get(cart.id, context())))).toEqual({
          [lineKey(a)]: 2,
        })
      },
    )

    test(
      'idempotency-conflict',
      'refuses the same idempotency key with other content',
      async (skip) => {
        const { adapter, a } = current()
        if (!adapter.capabilities.idempotency) return skip('the adapter has no idempotency keys')
        const cart = await newCart()
        const key = context()
        await adapter.apply(cart.id, [setLine(a, 1)], key)
        const error = await rejection(
          adapter.apply(cart.id, [setLine(a, 3)], context(key.idempotencyKey)),
        )
        expect(isToteError(error, 'conflict'), String(error)).toBe(true)
      },
    )

    test(
      'malformed-input',
      'refuses malformed ops with a ToteError and changes nothing',
      async () => {
        const { adapter, a } = current()
        const cart = await newCart([setLine(a, 1)])
        const bad: CartOp[] = [
          setLine(a, -1),
          setLine(a, 1.5),
          setLine(a, Number.NaN),
          setLine('', 1),
        ]
        for (const op of bad) {
          const error = await rejection(adapter.apply(cart.id, [op], context()))
          expect(isToteError(error), `${JSON.stringify(op)}: ${String(error)}`).toBe(true)
        }
        expect(quantities(valid(await adapter.get(cart.id, context())))).toEqual({
          [lineKey(a)]: 1,
        })
      },
    )
  })
}
