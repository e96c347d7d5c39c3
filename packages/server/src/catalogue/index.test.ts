import { isToteError, lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToteServer, type ToteServer } from '../server/index.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'
import { DEMO_CATALOGUE, type SeedProduct } from './index.ts'

let storage: Storage
let shops = 0

beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

const APRON: SeedProduct = {
  id: 'linen-apron',
  title: 'Linen apron',
  description: 'Stonewashed linen, one size.',
  imageUrl: 'https://cdn.atelier.example/apron.jpg',
  variants: [
    {
      id: 'linen-apron-sand',
      title: 'Sand',
      options: [{ name: 'Colour', value: 'Sand' }],
      price: 3200,
      compareAtPrice: 3900,
      stock: 2,
    },
    { id: 'linen-apron-rust', title: 'Rust', options: [], price: 3200, stock: null },
  ],
}

function serve(options: Partial<Parameters<typeof createToteServer>[0]> = {}) {
  return createToteServer({
    storage,
    shop: { id: `catalogue-${++shops}` },
    sweepIntervalMs: 0,
    ...options,
  })
}

function post(server: ToteServer, path: string, body: unknown) {
  return server.fetch(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  )
}

async function lookup(server: ToteServer, ids: string[]) {
  const response = await post(server, '/v1/merchandise/lookup', { ids })
  expect(response.status).toBe(200)
  return ((await response.json()) as { merchandise: { id: string; image: { url: string } }[] })
    .merchandise
}

/** What `createToteServer` throws for `options`, as `{ name, code, message }`. */
async function refusal(options: Partial<Parameters<typeof createToteServer>[0]>) {
  try {
    await serve(options)
  } catch (error) {
    expect(isToteError(error)).toBe(true)
    const { name, code, message } = error as { name: string; code: string; message: string }
    return { name, code, message }
  }
  throw new Error('createToteServer accepted the options')
}

const withVariant = (change: Partial<SeedProduct['variants'][number]>): SeedProduct => ({
  ...APRON,
  variants: [{ ...APRON.variants[0]!, ...change }],
})

describe('createToteServer({ catalogue })', () => {
  it('serves the given catalogue instead of the demo one', async () => {
    const server = await serve({ catalogue: [APRON], discountCodes: [] })
    const found = await lookup(server, ['linen-apron-sand', 'linen-apron-rust', 'enamel-mug-white'])
    expect(found.sort((a, b) => b.id.localeCompare(a.id))).toEqual([
      {
        id: 'linen-apron-sand',
        productId: 'linen-apron',
        productTitle: 'Linen apron',
        title: 'Sand',
        image: { url: 'https://cdn.atelier.example/apron.jpg', alt: 'Linen apron' },
        options: [{ name: 'Colour', value: 'Sand' }],
        price: { amount: 3200, currency: 'EUR' },
        compareAtPrice: { amount: 3900, currency: 'EUR' },
        available: true,
        quantityAvailable: 2,
      },
      expect.objectContaining({ id: 'linen-apron-rust', quantityAvailable: null }),
    ])

    // The seeded stock applies (5 wanted, 2 left), and TOTE10 came with the demo only.
    const response = await post(server, '/v1/carts', {
      ops: [
        {
          type: 'setLine',
          merchandiseId: 'linen-apron-sand',
          attributes: {},
          quantity: 5,
          lineKey: lineKey('linen-apron-sand'),
          lineId: null,
        },
        { type: 'setDiscountCodes', codes: ['TOTE10'] },
      ],
    })
    expect(response.status).toBe(201)
    const { cart, notices } = await response.json()
    expect(cart.lines.map((line: { quantity: number }) => line.quantity)).toEqual([2])
    expect(notices.map((notice: { code: string }) => notice.code)).toEqual([
      'insufficient_stock',
      'discount_rejected',
    ])
  })

  it('serves the placeholder picture of a product seeded without an image URL', async () => {
    const server = await serve({ catalogue: [{ ...APRON, imageUrl: undefined }] })
    const [sand] = await lookup(server, ['linen-apron-sand'])
    expect(sand!.image.url).toBe('http://127.0.0.1:8787/assets/products/linen-apron.svg')
    const picture = await server.fetch(
      new Request('http://127.0.0.1/assets/products/linen-apron.svg'),
    )
    expect(picture.status).toBe(200)
    expect(await picture.text()).toContain('Linen apron')
  })

  it('seeds the demo catalogue and TOTE10 by default', async () => {
    const server = await serve()
    const ids = DEMO_CATALOGUE.flatMap((product) => product.variants.map((variant) => variant.id))
    expect((await lookup(server, ids)).map((item) => item.id).sort()).toEqual(
      // The sold-out candle is in the catalogue too: lookups leave out only discontinued ids.
      [...ids].sort(),
    )
  })

  it('keeps the products of a shop that already has some', async () => {
    const id = `catalogue-${++shops}`
    await createToteServer({ storage, shop: { id }, sweepIntervalMs: 0 })
    const again = await createToteServer({
      storage,
      shop: { id },
      sweepIntervalMs: 0,
      catalogue: [APRON],
    })
    expect(await lookup(again, ['linen-apron-sand'])).toEqual([])
    expect(await lookup(again, ['enamel-mug-white'])).toHaveLength(1)
  })

  it.each([
    [
      'an empty title',
      [{ ...APRON, title: '  ' }],
      'options.catalogue[0].title: expected a non-empty title',
    ],
    [
      'a negative price',
      [withVariant({ price: -100 })],
      'options.catalogue[0].variants[0].price: expected price ≥ 0, got -100',
    ],
    [
      'a price that is not in minor units',
      [withVariant({ price: 12.5 })],
      'options.catalogue[0].variants[0].price: expected price as a whole number of minor units, got 12.5',
    ],
    [
      'negative stock',
      [withVariant({ stock: -1 })],
      'options.catalogue[0].variants[0].stock: expected stock ≥ 0 or null, got -1',
    ],
    [
      'a duplicate variant id across products',
      [APRON, { ...APRON, id: 'linen-apron-kids' }],
      'options.catalogue[1].variants[0].id: duplicate variant id "linen-apron-sand" (and 1 more)',
    ],
    [
      'a duplicate product id',
      [APRON, { ...APRON, variants: [{ ...APRON.variants[0]!, id: 'other' }] }],
      'options.catalogue[1].id: duplicate product id "linen-apron"',
    ],
    [
      'a product without variants',
      [{ ...APRON, variants: [] }],
      'options.catalogue[0].variants: expected at least one variant',
    ],
    [
      'an image URL that is not http(s)',
      [{ ...APRON, imageUrl: 'javascript:alert(1)' }],
      'options.catalogue[0].imageUrl: expected an absolute http(s) URL, got "javascript:alert(1)"',
    ],
    [
      'a product id its picture URL could not carry',
      [{ ...APRON, id: 'Linen Apron' }],
      'options.catalogue[0].id: expected a product id of 1–100 lower-case letters, digits or -, got "Linen Apron"',
    ],
    [
      'an empty catalogue',
      [],
      'options.catalogue: expected at least one product (seedDemo: false seeds none)',
    ],
  ])('refuses a catalogue with %s, naming it', async (_, catalogue, message) => {
    expect(await refusal({ catalogue: catalogue as SeedProduct[] })).toEqual({
      name: 'ToteArgumentError',
      code: 'invalid_argument',
      message,
    })
  })

  it('refuses discount codes that repeat or take more than the whole subtotal', async () => {
    expect((await refusal({ discountCodes: [{ code: 'SPRING', percentOff: 120 }] })).message).toBe(
      'options.discountCodes[0].percentOff: expected percentOff between 1 and 100, got 120',
    )
    expect(
      (
        await refusal({
          discountCodes: [
            { code: 'spring', percentOff: 10 },
            { code: 'SPRING', percentOff: 20 },
          ],
        })
      ).message,
    ).toBe(
      'options.discountCodes[1].code: duplicate code "SPRING" (codes match case-insensitively)',
    )
  })

  it('refuses a catalogue with seedDemo: false, which would seed nothing', async () => {
    expect((await refusal({ catalogue: [APRON], seedDemo: false })).message).toBe(
      'options.catalogue: seedDemo: false seeds nothing; leave one of them out',
    )
  })
})
