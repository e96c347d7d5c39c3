import type { CartWriteResult } from '@tote/core/adapter'
import { isToteError, lineKey, ToteArgumentError } from '@tote/core/adapter'
import { setLineOp } from '@tote/testing'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { type FakeStorefront, startFakeStorefront } from '../test/fake-storefront.ts'
import { backend, ctx, GIFT, MUG, TOTE } from '../test/fixtures.ts'
import { createShopifyAdapter, type ShopifyAdapterOptions } from './index.ts'
import { warningKeys } from './reconcile.ts'

// Selling plans, the buyer's context, tokens, the inventory scope, quantity rules and
// warnings by line, against the fake Storefront API (documents validated against the
// real schema by the fake itself).

const MONTHLY = 'gid://shopify/SellingPlan/1'
const WEEKLY = 'gid://shopify/SellingPlan/2'
const RETIRED = 'gid://shopify/SellingPlan/9'

const servers: FakeStorefront[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})
afterEach(() => {
  vi.unstubAllGlobals()
})

async function setup(
  fakeOptions: Partial<Parameters<typeof startFakeStorefront>[0]> = {},
  adapterOptions: Partial<ShopifyAdapterOptions> = {},
) {
  const fake = await startFakeStorefront({
    backend: backend(),
    sellingPlans: {
      [TOTE]: {
        plans: [
          { id: MONTHLY, name: 'Delivered monthly' },
          { id: WEEKLY, name: 'Delivered weekly' },
        ],
      },
      [GIFT]: { plans: [{ id: MONTHLY, name: 'Monthly' }], requiresSellingPlan: true },
    },
    ...fakeOptions,
  })
  servers.push(fake)
  const adapter = createShopifyAdapter({
    storeDomain: fake.origin,
    publicAccessToken: fake.token,
    onWarning: () => {},
    ...adapterOptions,
  } as ShopifyAdapterOptions)
  return { fake, adapter }
}

const quantities = (result: CartWriteResult) =>
  result.cart.lines.map((item) => [item.key, item.sellingPlanId ?? null, item.quantity])

describe('selling plans', () => {
  it('keeps a one-time line and a subscription line of one variant apart through add, set and remove', async () => {
    const { fake, adapter } = await setup()
    const created = await adapter.create(
      { ops: [setLineOp(TOTE, 1), setLineOp(TOTE, 2, { sellingPlanId: MONTHLY })] },
      ctx(),
    )
    expect(quantities(created)).toEqual([
      [TOTE, null, 1],
      [lineKey(TOTE, {}, MONTHLY), MONTHLY, 2],
    ])
    const sent = fake.requests.at(-1)?.variables.input as { lines: unknown[] }
    expect(sent.lines).toContainEqual(expect.objectContaining({ sellingPlanId: MONTHLY }))

    // Set the subscription line: the one-time line is neither removed nor folded into it.
    const subscription = created.cart.lines.find((item) => item.sellingPlanId === MONTHLY)
    const before = fake.requests.length
    const set = await adapter.apply(
      created.cart.id,
      [setLineOp(TOTE, 5, { sellingPlanId: MONTHLY, lineId: subscription?.id ?? null })],
      ctx(),
    )
    expect(quantities(set)).toEqual([
      [TOTE, null, 1],
      [lineKey(TOTE, {}, MONTHLY), MONTHLY, 5],
    ])
    const queries = fake.requests.slice(before).map((request) => request.query)
    expect(queries.some((query) => query.includes('cartLinesRemove'))).toBe(false)

    // Another plan is a third line; removing the one-time line leaves both plans.
    const weekly = await adapter.apply(
      created.cart.id,
      [setLineOp(TOTE, 1, { sellingPlanId: WEEKLY })],
      ctx(),
    )
    expect(weekly.cart.lines).toHaveLength(3)
    const oneTime = weekly.cart.lines.find((item) => !item.sellingPlanId)
    const removed = await adapter.apply(
      created.cart.id,
      [setLineOp(TOTE, 0, { lineId: oneTime?.id ?? null })],
      ctx(),
    )
    expect(quantities(removed)).toEqual([
      [lineKey(TOTE, {}, MONTHLY), MONTHLY, 5],
      [lineKey(TOTE, {}, WEEKLY), WEEKLY, 1],
    ])
    expect(removed.notices).toEqual([])
  })

  it('says a variant is sold by subscription only, and that a plan is no longer offered', async () => {
    const { adapter } = await setup()
    const result = await adapter.create(
      {
        ops: [
          setLineOp(MUG, 1),
          setLineOp(GIFT, 1),
          setLineOp(TOTE, 1, { sellingPlanId: RETIRED }),
        ],
      },
      ctx(),
    )
    expect(quantities(result)).toEqual([[MUG, null, 1]])
    expect(result.notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'selling_plan_required',
          lineKey: GIFT,
          title: 'Gift card',
        }),
        expect.objectContaining({
          code: 'selling_plan_unavailable',
          lineKey: lineKey(TOTE, {}, RETIRED),
        }),
      ]),
    )
    expect(result.notices.some((notice) => notice.code === 'rejected')).toBe(false)
    // With its plan, the subscription-only variant goes in.
    const added = await adapter.apply(
      result.cart.id,
      [setLineOp(GIFT, 1, { sellingPlanId: MONTHLY })],
      ctx(),
    )
    expect(quantities(added)).toContainEqual([lineKey(GIFT, {}, MONTHLY), MONTHLY, 1])
  })
})

describe('buyer context', () => {
  it('sends the language of the cart locale, the buyer and the visitor consent with @inContext on every document', async () => {
    const { fake, adapter } = await setup(
      { translations: { FR: { 'gid://shopify/Product/1': 'Cabas en lin' } } },
      {
        buyer: {
          customerAccessToken: 'customer-token',
          companyLocationId: 'gid://shopify/CompanyLocation/7',
        },
        visitorConsent: { analytics: true, marketing: false },
      },
    )
    const result = await adapter.create(
      { ops: [setLineOp(TOTE, 1)] },
      { ...ctx(), locale: 'fr-CA' },
    )
    expect(result.cart.lines[0]?.merchandise.productTitle).toBe('Cabas en lin')
    await adapter.get(result.cart.id, { ...ctx(), locale: 'fr-CA' })
    await adapter.merchandise([MUG], { ...ctx(), locale: 'fr-CA' })
    for (const request of fake.requests) {
      expect(request.query).toContain(
        '@inContext(country: $country, language: $language, buyer: $buyer, visitorConsent: $visitorConsent)',
      )
      expect(request.variables).toMatchObject({
        language: 'FR',
        buyer: {
          customerAccessToken: 'customer-token',
          companyLocationId: 'gid://shopify/CompanyLocation/7',
        },
        visitorConsent: { analytics: true, marketing: false },
      })
    }
    // The new cart belongs to the signed-in customer.
    expect(fake.requests[0]?.variables.input).toMatchObject({
      buyerIdentity: { customerAccessToken: 'customer-token' },
    })
  })

  it('re-reads checkoutUrl after a context change: the consent is carried into it', async () => {
    const { adapter } = await setup()
    const created = await adapter.create({ ops: [setLineOp(TOTE, 1)] }, ctx())
    expect(created.cart.checkoutUrl).not.toContain('_cs=')
    adapter.setContext({ visitorConsent: { analytics: true, marketing: true } })
    const after = await adapter.get(created.cart.id, ctx())
    expect(after?.checkoutUrl).toContain(`_cs=${encodeURIComponent('analytics:1,marketing:1')}`)
    adapter.setContext({ visitorConsent: null, language: 'de' })
    const cleared = await adapter.get(created.cart.id, ctx())
    expect(cleared?.checkoutUrl).toBe(created.cart.checkoutUrl)
  })

  it('refuses a malformed context with the field at fault', async () => {
    const { adapter } = await setup()
    expect(() => adapter.setContext({ language: 'français' })).toThrow(/context\.language/)
    expect(() =>
      adapter.setContext({ visitorConsent: { analytics: 'yes' as unknown as boolean } }),
    ).toThrow(/context\.visitorConsent/)
    expect(() => adapter.setContext({ buyer: { customerAccessToken: '' } })).toThrow(
      /context\.buyer/,
    )
  })
})

describe('tokens', () => {
  it('sends a private token with the buyer IP from a server', async () => {
    const { fake, adapter } = await setup(
      { privateToken: 'private-token' },
      { publicAccessToken: undefined, privateAccessToken: 'private-token', buyerIp: '203.0.113.9' },
    )
    const result = await adapter.create({ ops: [setLineOp(TOTE, 1)] }, ctx())
    expect(result.cart.lines).toHaveLength(1)
    const headers = fake.requests[0]?.headers ?? {}
    expect(headers['shopify-storefront-private-token']).toBe('private-token')
    expect(headers['shopify-storefront-buyer-ip']).toBe('203.0.113.9')
    expect(headers['x-shopify-storefront-access-token']).toBeUndefined()
  })

  it('refuses a private token in a browser, and one without the buyer IP', () => {
    const base = { storeDomain: 'shop.myshopify.com' }
    vi.stubGlobal('document', {})
    const inBrowser = (() => {
      try {
        createShopifyAdapter({ ...base, privateAccessToken: 'secret', buyerIp: '203.0.113.9' })
      } catch (error) {
        return error
      }
    })()
    expect(inBrowser).toBeInstanceOf(ToteArgumentError)
    expect(isToteError(inBrowser, 'invalid_argument')).toBe(true)
    expect((inBrowser as Error).message).toMatch(/privateAccessToken.*server-side use only/)
    vi.unstubAllGlobals()
    expect(() =>
      createShopifyAdapter({ ...base, privateAccessToken: 'secret' } as ShopifyAdapterOptions),
    ).toThrow(/options\.buyerIp/)
    expect(() =>
      createShopifyAdapter({
        ...base,
        publicAccessToken: 't',
        buyerIp: '1.2.3.4',
      } as unknown as ShopifyAdapterOptions),
    ).toThrow(/options\.buyerIp/)
  })
})

describe('a token without the inventory scope', () => {
  it('keeps writing, stops asking for stock, and says so once', async () => {
    const warnings: string[] = []
    const { fake, adapter } = await setup(
      { inventoryScope: false },
      { onWarning: (message) => warnings.push(message) },
    )
    const created = await adapter.create({ ops: [setLineOp(TOTE, 2)] }, ctx())
    expect(created.cart.lines[0]).toMatchObject({ quantity: 2 })
    expect(created.cart.lines[0]?.merchandise.quantityAvailable).toBeNull()
    const applied = await adapter.apply(created.cart.id, [setLineOp(MUG, 1)], ctx())
    expect(applied.cart.lines.map((item) => item.quantity)).toEqual([2, 1])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/unauthenticated_read_product_inventory/)
    expect(fake.requests.at(-1)?.variables.inventory).toBe(false)
  })
})

describe('quantity rules', () => {
  it('turns a quantity the rule refuses into a notice that says the rule, keeping the line', async () => {
    const { adapter } = await setup({
      quantityRules: { [TOTE]: { minimum: 6, maximum: 24, increment: 6 } },
    })
    const created = await adapter.create({ ops: [setLineOp(TOTE, 6)] }, ctx())
    const id = created.cart.lines[0]?.id ?? null
    const result = await adapter.apply(created.cart.id, [setLineOp(TOTE, 8, { lineId: id })], ctx())
    expect(quantities(result)).toEqual([[TOTE, null, 6]])
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

describe('warnings by cart line', () => {
  it('reads a warning on a line Shopify removed by its line id, as out of stock', async () => {
    const memory = backend()
    const { fake, adapter } = await setup({ backend: memory, stockErrors: 'warnings' })
    const created = await adapter.create({ ops: [setLineOp(MUG, 2), setLineOp(TOTE, 1)] }, ctx())
    const mugLine = created.cart.lines.find((item) => item.key === MUG)
    memory.setStock(MUG, 0)
    const result = await adapter.apply(
      created.cart.id,
      [setLineOp(MUG, 3, { lineId: mugLine?.id ?? null })],
      ctx(),
    )
    const body = JSON.stringify(fake.requests.map((request) => request.query))
    expect(body).toContain('warnings')
    expect(result.cart.lines.map((item) => item.key)).toEqual([TOTE])
    expect(result.notices).toContainEqual(
      expect.objectContaining({ code: 'out_of_stock', lineKey: MUG }),
    )
  })
})

describe('warningKeys', () => {
  it('finds the line a warning targets by the line id the batch named, before any merchandise id', () => {
    const plans = [
      {
        key: lineKey(TOTE, {}, MONTHLY),
        merchandiseId: TOTE,
        attributes: {},
        sellingPlanId: MONTHLY,
        quantity: 2,
        lineId: 'gid://shopify/CartLine/7',
      },
      {
        key: TOTE,
        merchandiseId: TOTE,
        attributes: {},
        sellingPlanId: null,
        quantity: 1,
        lineId: 'gid://shopify/CartLine/8',
      },
    ]
    const warning = {
      code: 'MERCHANDISE_OUT_OF_STOCK',
      message: 'Out of stock',
      target: 'gid://shopify/CartLine/7',
    }
    expect(warningKeys(warning, new Map(), plans)).toEqual([lineKey(TOTE, {}, MONTHLY)])
    // Only a target that is no line falls back to the merchandise id.
    expect(warningKeys({ ...warning, target: TOTE }, new Map(), plans)).toEqual([
      lineKey(TOTE, {}, MONTHLY),
      TOTE,
    ])
  })
})

describe('HTTP 430', () => {
  it('is retried like a 429 when the body says THROTTLED, and refused otherwise', async () => {
    const { fake, adapter } = await setup()
    const throttle = JSON.stringify({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
    })
    fake.fail({ status: 430, body: throttle })
    const throttled = await adapter
      .create({ ops: [setLineOp(TOTE, 1)] }, ctx())
      .catch((error) => error)
    expect(isToteError(throttled, 'rate_limited')).toBe(true)
    fake.fail({
      status: 430,
      body: JSON.stringify({ errors: [{ message: 'Security rejection' }] }),
    })
    const refused = await adapter
      .create({ ops: [setLineOp(TOTE, 1)] }, ctx())
      .catch((error) => error)
    expect(isToteError(refused, 'rejected')).toBe(true)
  })
})

describe('cart details', () => {
  const address = {
    firstName: 'Ada',
    address1: 'PSC 1234, Box 5678',
    city: 'APO',
    provinceCode: 'AE',
    zip: '09204',
    countryCode: 'US',
  }

  it('sets a delivery address, a phone, gift cards and metafields, and reads them back', async () => {
    const { fake, adapter } = await setup({ giftCards: ['GIFT-AAAA-1234', 'GIFT-BBBB-5678'] })
    expect(adapter.capabilities.details).toEqual([
      'deliveryAddress',
      'buyerPhone',
      'giftCardCodes',
      'metafields',
    ])
    const created = await adapter.create(
      {
        ops: [
          setLineOp(TOTE, 1),
          { type: 'setDetail', name: 'deliveryAddress', value: address },
          { type: 'setDetail', name: 'buyerPhone', value: '+16135551111' },
          { type: 'setDetail', name: 'giftCardCodes', value: ['GIFT-AAAA-1234', 'GIFT-BBBB-5678'] },
          { type: 'setDetail', name: 'metafields', value: { gift_wrap: 'yes' } },
        ],
      },
      ctx(),
    )
    expect(created.cart.details).toEqual({
      deliveryAddress: address,
      buyerPhone: '+16135551111',
      giftCardCodes: ['1234', '5678'],
    })
    const gid = created.cart.id
    expect(gid).toMatch(/^gid:\/\/shopify\/Cart\//)
    const owner = fake.requests.find((request) => request.query.includes('cartMetafieldsSet'))
    expect(owner?.variables.metafields).toEqual([
      { key: 'gift_wrap', value: 'yes', type: 'single_line_text_field', ownerId: gid },
    ])
    // The shopper removes one card: the list keeps the other's last characters.
    const removed = await adapter.apply(
      gid,
      [{ type: 'setDetail', name: 'giftCardCodes', value: ['5678'] }],
      ctx(),
    )
    expect(removed.cart.details?.giftCardCodes).toEqual(['5678'])
  })

  it('refuses a military address that breaks docs/domain.md R16 before sending anything', async () => {
    const { fake, adapter } = await setup()
    const created = await adapter.create({ ops: [setLineOp(TOTE, 1)] }, ctx())
    const before = fake.requests.length
    const broken = { ...address, address1: 'Box 5678' }
    await expect(
      adapter.apply(
        created.cart.id,
        [{ type: 'setDetail', name: 'deliveryAddress', value: broken }],
        ctx(),
      ),
    ).rejects.toThrow(/ops\.deliveryAddress\.address1.*R16.*PSC and BOX/)
    expect(fake.requests.length).toBe(before)
  })
})
