import { lineKey } from '@tote/core/adapter'
import { expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { describeOnEachStorage } from '../storage/each-storage.ts'

let shops = 0
const setLine = (merchandiseId: string, quantity: number) => ({
  type: 'setLine',
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId),
  lineId: null,
})

describeOnEachStorage('tote_lines', (label, storage) => {
  async function shop() {
    const server = await createToteServer({
      storage: storage(),
      clock: createManualClock(),
      shop: { id: `lines-${++shops}` },
      sweepIntervalMs: 0,
    })
    const post = async (path: string, body: unknown) =>
      (
        await server.fetch(
          new Request(`http://127.0.0.1${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
        )
      ).json()
    const read = async (cartId: string) =>
      (await (await server.fetch(new Request(`http://127.0.0.1/v1/carts/${cartId}`))).json()).cart
    return { server, post, read }
  }
  const ids = (cart: { lines: { merchandise: { id: string } }[] }) =>
    cart.lines.map((line) => line.merchandise.id)

  it(`keeps the cart's order as written, a line removed and added again going last (${label})`, async () => {
    const { post, read } = await shop()
    const { cart } = await post('/v1/carts', {
      ops: [
        setLine('canvas-tote-natural', 1),
        setLine('dot-notebook-a5', 1),
        setLine('riso-poster-a3', 1),
      ],
    })
    const written = await post(`/v1/carts/${cart.id}/ops`, {
      ops: [
        setLine('dot-notebook-a5', 0),
        setLine('dot-notebook-a5', 2),
        setLine('enamel-mug-white', 1),
      ],
    })
    const order = ['canvas-tote-natural', 'riso-poster-a3', 'dot-notebook-a5', 'enamel-mug-white']
    expect(ids(written.cart)).toEqual(order)
    expect(ids(await read(cart.id))).toEqual(order)
    const removed = await post(`/v1/carts/${cart.id}/ops`, { ops: [setLine('riso-poster-a3', 0)] })
    expect(ids(removed.cart)).toEqual([
      'canvas-tote-natural',
      'dot-notebook-a5',
      'enamel-mug-white',
    ])
    expect(await read(cart.id)).toEqual(removed.cart)
  })

  it(`re-prices lines the write did not touch, as read back (${label})`, async () => {
    const { server, post, read } = await shop()
    const { cart } = await post('/v1/carts', {
      ops: [setLine('canvas-tote-natural', 1), setLine('dot-notebook-a5', 1)],
    })
    await server.merchant.updateVariant('canvas-tote-natural', { price: 2600 })
    const written = await post(`/v1/carts/${cart.id}/ops`, { ops: [setLine('dot-notebook-a5', 3)] })
    expect(written.cart.lines[0].cost.unitPrice.amount).toBe(2600)
    expect(await read(cart.id)).toEqual(written.cart)
  })
})
