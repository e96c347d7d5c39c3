import { type CartWriteResult, isToteError, lineKey, ToteAdapterError } from '@tote/core/adapter'
import { setLineOp } from '@tote/testing'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type FakeTheme,
  sessionFetch,
  startFakeTheme,
  type ThemeLanguage,
} from '../test/fake-theme.ts'
import { backend, catalogue, ctx, GIFT, MUG, SOLD_OUT, TOTE } from '../test/fixtures.ts'
import { createShopifyAjaxAdapter } from './index.ts'

// Selling plans on the theme cart, 422s read without their words (the shop's language is
// not the adapter's business), quantity rules and 430 throttles.

const MONTHLY = '1'
const WEEKLY = '2'

const servers: FakeTheme[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

async function setup(
  language?: ThemeLanguage,
  extra: Partial<Parameters<typeof startFakeTheme>[0]> = {},
) {
  const fake = await startFakeTheme({
    backend: backend(),
    catalogue: catalogue(),
    ...(language ? { language } : {}),
    sellingPlans: {
      [TOTE]: {
        plans: [
          { id: MONTHLY, name: 'Monthly' },
          { id: WEEKLY, name: 'Weekly' },
        ],
      },
      [GIFT]: { plans: [{ id: MONTHLY, name: 'Monthly' }], requiresSellingPlan: true },
    },
    ...extra,
  })
  servers.push(fake)
  const adapter = createShopifyAjaxAdapter({ root: fake.root, fetch: sessionFetch() })
  return { fake, adapter }
}

const quantities = (result: CartWriteResult) =>
  result.cart.lines.map((item) => [item.key, item.sellingPlanId ?? null, item.quantity])

describe('selling plans on the theme cart', () => {
  it('posts selling_plan, and never folds or zeroes the one-time item of the same variant', async () => {
    const { fake, adapter } = await setup()
    const created = await adapter.create(
      { ops: [setLineOp(TOTE, 1), setLineOp(TOTE, 2, { sellingPlanId: MONTHLY })] },
      ctx(),
    )
    expect(fake.bodies[0]).toEqual({
      items: [
        { id: 101, quantity: 1 },
        { id: 101, quantity: 2, selling_plan: 1 },
      ],
    })
    expect(quantities(created)).toEqual([
      [TOTE, null, 1],
      [lineKey(TOTE, {}, MONTHLY), MONTHLY, 2],
    ])
    const subscription = created.cart.lines.find((item) => item.sellingPlanId === MONTHLY)
    const set = await adapter.apply(
      created.cart.id,
      [setLineOp(TOTE, 4, { sellingPlanId: MONTHLY, lineId: subscription?.id ?? null })],
      ctx(),
    )
    expect(quantities(set)).toEqual([
      [TOTE, null, 1],
      [lineKey(TOTE, {}, MONTHLY), MONTHLY, 4],
    ])
    // No request set the one-time item to anything.
    const oneTime = created.cart.lines.find((item) => !item.sellingPlanId)?.id as string
    for (const body of fake.bodies) {
      expect((body.updates as Record<string, number> | undefined)?.[oneTime]).toBeUndefined()
    }
    const weekly = await adapter.apply(
      created.cart.id,
      [setLineOp(TOTE, 1, { sellingPlanId: WEEKLY })],
      ctx(),
    )
    expect(weekly.cart.lines).toHaveLength(3)
    expect(weekly.notices).toEqual([])
  })

  it('says a variant needs a subscription, and that a plan is not offered, in any language', async () => {
    for (const language of ['en', 'ja'] as const) {
      const { adapter } = await setup(language)
      const { cart } = await adapter.create({ ops: [] }, ctx())
      const required = await adapter.apply(cart.id, [setLineOp(GIFT, 1)], ctx())
      expect(required.notices).toEqual([
        expect.objectContaining({
          code: 'selling_plan_required',
          lineKey: GIFT,
          title: 'Gift card',
        }),
      ])
      const gone = await adapter.apply(cart.id, [setLineOp(TOTE, 1, { sellingPlanId: '9' })], ctx())
      expect(gone.notices).toEqual([
        expect.objectContaining({
          code: 'selling_plan_unavailable',
          lineKey: lineKey(TOTE, {}, '9'),
          title: 'Linen tote',
        }),
      ])
    }
  })
})

describe('422s in the shop language', () => {
  for (const language of ['fr', 'de', 'es', 'ja'] as const) {
    it(`reads sold out, a partial add and the maximum already in the cart from a ${language} theme`, async () => {
      const { adapter } = await setup(language)
      const { cart } = await adapter.create({ ops: [] }, ctx())
      const soldOut = await adapter.apply(cart.id, [setLineOp(SOLD_OUT, 1)], ctx())
      expect(soldOut.notices).toEqual([
        expect.objectContaining({ code: 'out_of_stock', lineKey: SOLD_OUT, title: 'Rare print' }),
      ])
      const partial = await adapter.apply(cart.id, [setLineOp(MUG, 5)], ctx())
      expect(partial.notices).toEqual([
        expect.objectContaining({ code: 'insufficient_stock', lineKey: MUG, from: 5, to: 2 }),
      ])
      const mug = partial.cart.lines.find((item) => item.key === MUG)
      const maximum = await adapter.apply(
        cart.id,
        [setLineOp(MUG, 3, { lineId: mug?.id ?? null })],
        ctx(),
      )
      expect(maximum.notices).toEqual([
        expect.objectContaining({ code: 'insufficient_stock', lineKey: MUG, from: 3, to: 2 }),
      ])
    })
  }
})

describe('quantity rules', () => {
  it('says the rule a quantity breaks, in any language', async () => {
    const { adapter } = await setup('de', {
      quantityRules: { [TOTE]: { min: 6, max: 24, increment: 6 } },
    })
    const { cart } = await adapter.create({ ops: [setLineOp(TOTE, 6)] }, ctx())
    const tote = cart.lines[0]
    const result = await adapter.apply(
      cart.id,
      [setLineOp(TOTE, 8, { lineId: tote?.id ?? null })],
      ctx(),
    )
    expect(result.cart.lines[0]?.quantity).toBe(6)
    expect(result.notices).toEqual([
      expect.objectContaining({
        code: 'quantity_rule',
        lineKey: TOTE,
        from: 8,
        to: 6,
        rule: { minimum: 6, maximum: 24, increment: 6 },
      }),
    ])
  })
})

describe('HTTP 430', () => {
  it('is retried like a 429 when its JSON body says throttled, and refused otherwise', async () => {
    const { fake, adapter } = await setup()
    const { cart } = await adapter.create({ ops: [] }, ctx())
    fake.fail({
      status: 430,
      path: '/cart/add.js',
      body: JSON.stringify({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      }),
      headers: { 'content-type': 'application/json' },
    })
    const throttled = await adapter
      .apply(cart.id, [setLineOp(MUG, 1)], ctx())
      .catch((error) => error)
    expect(isToteError(throttled, 'rate_limited')).toBe(true)
    fake.fail({
      status: 430,
      path: '/cart/add.js',
      body: JSON.stringify({ message: 'Security rejection' }),
      headers: { 'content-type': 'application/json' },
    })
    const refused = await adapter.apply(cart.id, [setLineOp(MUG, 1)], ctx()).catch((error) => error)
    expect(refused).toBeInstanceOf(ToteAdapterError)
    expect(isToteError(refused, 'rate_limited')).toBe(false)
  })
})
