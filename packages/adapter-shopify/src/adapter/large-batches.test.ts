import { type CartOp, isToteError, lineKey } from '@tote/core/adapter'
import { afterAll, describe, expect, it } from 'vitest'
import type { BatchStep } from '../documents/index.ts'
import { type FakeStorefront, startFakeStorefront } from '../test/fake-storefront.ts'
import { backend, ctx, GIFT, SOLD_OUT, setLine } from '../test/fixtures.ts'
import { createShopifyAdapter, MAX_LINES_PER_MUTATION, splitBatch } from './index.ts'

const servers: FakeStorefront[] = []

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

async function setup() {
  const memory = backend()
  const fake = await startFakeStorefront({ backend: memory })
  servers.push(fake)
  const adapter = createShopifyAdapter({ storeDomain: fake.origin, publicAccessToken: fake.token })
  return { fake, memory, adapter }
}

/** Line `n`: the untracked gift card with its own attribute, so every `n` is its own line. */
const line = (n: number, quantity = 1, lineId: string | null = null): CartOp =>
  setLine(GIFT, quantity, { n: String(n) }, lineId)
const keyOf = (n: number) => lineKey(GIFT, { n: String(n) })
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) => from + index)

const LISTS = {
  cartLinesRemove: 'lineIds',
  cartLinesUpdate: 'updateLines',
  cartLinesAdd: 'addLines',
}

/** The mutations of every write request the fake executed, in order, with their sizes. */
function mutations(fake: FakeStorefront): Array<Array<[string, number]>> {
  return fake.requests
    .filter((request) => request.query.startsWith('mutation'))
    .map((request) => {
      if (request.query.includes('cartCreate(')) {
        const lines = (request.variables.input as { lines?: unknown[] }).lines ?? []
        return [['cartCreate', lines.length]]
      }
      const fields = [...request.query.matchAll(/^ {2}\w+: (cart\w+)\(/gm)].map((match) => match[1])
      return fields.map((field) => {
        const list = LISTS[field as keyof typeof LISTS]
        const values = list ? (request.variables[list] as unknown[]) : []
        return [field as string, values.length]
      })
    })
}

/** A cart with lines 0..count-1 (quantity 1 each); returns its id and line ids by n. */
async function cartWith(adapter: ReturnType<typeof createShopifyAdapter>, count: number) {
  const { cart } = await adapter.create({ ops: range(0, count).map((n) => line(n)) }, ctx())
  const ids = new Map(cart.lines.map((item) => [Number(item.attributes.n), item.id as string]))
  return { cartId: cart.id, ids }
}

describe('splitBatch', () => {
  const steps = (entries: Array<[BatchStep, Record<string, unknown>]>) => new Map(entries)
  const shape = (requests: ReturnType<typeof splitBatch>) =>
    requests.map((parts) =>
      parts.map(({ step, values, offset }) => {
        const list = Object.values(values).find(Array.isArray) as unknown[] | undefined
        return `${step}:${offset}+${step === 'note' ? 1 : (list?.length ?? 1)}`
      }),
    )

  it('keeps a batch within the limit in one request', () => {
    const requests = splitBatch(
      steps([
        ['linesAdd', { addLines: range(0, MAX_LINES_PER_MUTATION) }],
        ['note', { note: 'x' }],
      ]),
    )
    expect(shape(requests)).toEqual([['linesAdd:0+250', 'note:0+1']])
  })

  it('sends every removal before any update or addition, other steps last', () => {
    const requests = splitBatch(
      steps([
        ['note', { note: 'x' }],
        ['linesAdd', { addLines: range(0, 300) }],
        ['linesUpdate', { updateLines: range(0, 10) }],
        ['linesRemove', { lineIds: range(0, 600) }],
      ]),
    )
    expect(shape(requests)).toEqual([
      ['linesRemove:0+250'],
      ['linesRemove:250+250'],
      ['linesRemove:500+100', 'linesUpdate:0+10', 'linesAdd:0+250'],
      ['linesAdd:250+50', 'note:0+1'],
    ])
    const sent = requests.flat().flatMap(({ values }) => Object.values(values).flat())
    expect(sent).toEqual([...range(0, 600), ...range(0, 10), ...range(0, 300), 'x'])
  })
})

describe('batches over the per-mutation limit', () => {
  it('creates a cart with more lines than cartCreate takes, then adds the rest', async () => {
    const { adapter, fake, memory } = await setup()
    const { cart } = await adapter.create(
      { ops: [...range(0, 320).map((n) => line(n, 2)), { type: 'setNote', note: 'big' }] },
      ctx(),
    )
    expect(mutations(fake)).toEqual([[['cartCreate', 250]], [['cartLinesAdd', 70]]])
    expect(cart.lines).toHaveLength(320)
    expect(cart.lines.every((item) => item.quantity === 2)).toBe(true)
    expect(cart.note).toBe('big')
    const stored = memory.inspectCart(memory.cartIds()[0] as string)?.snapshot
    expect(stored?.lines.map((item) => Number(item.attributes.n)).sort((a, b) => a - b)).toEqual(
      range(0, 320),
    )
  })

  it('applies 600 ops as successive mutations, in order, and returns the final cart', async () => {
    const { adapter, fake, memory } = await setup()
    const { cartId, ids } = await cartWith(adapter, 300)
    fake.requests.length = 0
    // Remove lines 0..299 by id, add lines 300..599 at quantity 3, set the note.
    const ops: CartOp[] = [
      ...range(0, 300).map((n) => line(n, 0, ids.get(n) as string)),
      ...range(300, 600).map((n) => line(n, 3)),
      { type: 'setNote', note: 'swapped' },
    ]
    const { cart, notices } = await adapter.apply(cartId, ops, ctx())
    expect(mutations(fake)).toEqual([
      [['cartLinesRemove', 250]],
      [
        ['cartLinesRemove', 50],
        ['cartLinesAdd', 250],
      ],
      [
        ['cartLinesAdd', 50],
        ['cartNoteUpdate', 0],
      ],
    ])
    // The slices are sent in the order of the batch.
    const sentIds = fake.requests.flatMap(
      (request) => (request.variables.lineIds as string[]) ?? [],
    )
    expect(sentIds).toEqual(range(0, 300).map((n) => ids.get(n)))
    const added = fake.requests.flatMap(
      (request) =>
        (request.variables.addLines as Array<{ attributes: Array<{ value: string }> }>) ?? [],
    )
    expect(added.map((input) => Number(input.attributes[0]?.value))).toEqual(range(300, 600))
    expect(notices).toEqual([])
    expect(cart.note).toBe('swapped')
    expect(cart.lines.map((item) => item.key).sort()).toEqual(range(300, 600).map(keyOf).sort())
    expect(cart.lines.every((item) => item.quantity === 3)).toBe(true)
    const stored = memory.inspectCart(memory.cartIds()[0] as string)?.snapshot
    expect(stored?.lines).toHaveLength(300)
    expect(stored?.note).toBe('swapped')
  })

  it('reads a refused line of a later slice at its place in the batch', async () => {
    const { adapter, fake } = await setup()
    const { cartId } = await cartWith(adapter, 1)
    fake.requests.length = 0
    // The sold-out variant is the 280th addition: index 29 of the second slice.
    const ops = range(1, 300).map((n) => line(n))
    ops.splice(279, 0, setLine(SOLD_OUT, 1))
    const { cart, notices } = await adapter.apply(cartId, ops, ctx())
    expect(notices).toEqual([
      expect.objectContaining({ code: 'out_of_stock', lineKey: SOLD_OUT, from: 1, to: 0 }),
    ])
    expect(cart.lines).toHaveLength(300)
    expect(cart.lines.some((item) => item.merchandise.id === SOLD_OUT)).toBe(false)
  })
})

describe('a failure partway through a split batch', () => {
  const swap = (ids: Map<number, string>): CartOp[] => [
    ...range(0, 300).map((n) => line(n, 0, ids.get(n) as string)),
    ...range(300, 600).map((n) => line(n, 2)),
    { type: 'setNote', note: 'after' },
  ]

  it.each([
    ['server_error', { status: 503, body: 'upstream' }],
    ['timeout', null],
    ['rate_limited', { status: 429, body: '{}', headers: { 'retry-after': '2' } }],
  ] as const)(
    'throws %s, and the same batch sent again reaches the targets',
    async (code, fault) => {
      const { adapter, fake, memory } = await setup()
      const { cartId, ids } = await cartWith(adapter, 300)
      const backendId = memory.cartIds()[0] as string
      const controller = new AbortController()
      if (fault) fake.fail({ ...fault, after: 1 })
      else {
        // Abort while the second request is on its way.
        const original = fake.requests.push.bind(fake.requests)
        let seen = 0
        fake.requests.push = (...items) => {
          if (items[0]?.query.startsWith('mutation') && ++seen === 2) controller.abort()
          return original(...items)
        }
      }
      const error = await adapter.apply(cartId, swap(ids), ctx(controller.signal)).then(
        () => null,
        (caught: unknown) => caught,
      )
      expect(isToteError(error, code)).toBe(true)
      // The first slice was applied: that is why the engine looks again (or waits) and resends.
      const partial = memory.inspectCart(backendId)?.snapshot
      expect(partial?.lines.length).toBeLessThan(300)
      expect(partial?.note).toBe('')
      const { cart, notices } = await adapter.apply(cartId, swap(ids), ctx())
      expect(notices).toEqual([])
      expect(cart.lines.map((item) => item.key).sort()).toEqual(range(300, 600).map(keyOf).sort())
      expect(cart.lines.every((item) => item.quantity === 2)).toBe(true)
      expect(cart.note).toBe('after')
    },
  )

  it('returns the cart as it is when a later request is refused, with a notice per target not reached', async () => {
    const { adapter, fake, memory } = await setup()
    const { cartId, ids } = await cartWith(adapter, 300)
    fake.requests.length = 0
    fake.fail({
      status: 200,
      body: JSON.stringify({ errors: [{ message: 'Refused' }] }),
      after: 1,
    })
    const { cart, notices } = await adapter.apply(cartId, swap(ids), ctx())
    // Only the first slice (250 removals) was applied, and nothing is resent.
    expect(mutations(fake)).toEqual([[['cartLinesRemove', 250]]])
    const stored = memory.inspectCart(memory.cartIds()[0] as string)?.snapshot
    expect(cart.lines.map((item) => item.key).sort()).toEqual(
      stored?.lines.map((item) => item.key).sort(),
    )
    expect(cart.lines.map((item) => item.key).sort()).toEqual(range(250, 300).map(keyOf).sort())
    const byCode = (code: string) => notices.filter((notice) => notice.code === code)
    // 50 removals and 300 additions not reached, and the note.
    expect(byCode('rejected').filter((notice) => notice.lineKey)).toHaveLength(350)
    expect(byCode('rejected').filter((notice) => !notice.lineKey)).toHaveLength(1)
    expect(notices.find((notice) => notice.lineKey === keyOf(260))).toMatchObject({
      from: 0,
      to: 1,
    })
    expect(notices.find((notice) => notice.lineKey === keyOf(400))).toMatchObject({
      from: 2,
      to: 0,
    })
    expect(notices.some((notice) => notice.lineKey === keyOf(10))).toBe(false)
  })

  it('throws when the first request is refused: nothing was applied', async () => {
    const { adapter, fake, memory } = await setup()
    const { cartId, ids } = await cartWith(adapter, 300)
    fake.fail({ status: 200, body: JSON.stringify({ errors: [{ message: 'Refused' }] }) })
    const error = await adapter.apply(cartId, swap(ids), ctx()).catch((caught: unknown) => caught)
    expect(isToteError(error, 'rejected')).toBe(true)
    expect(memory.inspectCart(memory.cartIds()[0] as string)?.snapshot.lines).toHaveLength(300)
  })
})
