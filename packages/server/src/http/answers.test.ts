// A write's answer is stored gzipped under its key and sent so to clients that take gzip; the
// same answer replays byte for byte, gzipped or not.
import { gunzipSync } from 'node:zlib'
import { lineKey } from '@tote/core/adapter'
import { expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { describeOnEachStorage } from '../storage/each-storage.ts'

let shops = 0

describeOnEachStorage('tote_answers', (label, storage) => {
  it(`sends a write's answer gzipped when the client takes gzip, and replays the same answer either way (${label})`, async () => {
    const server = await createToteServer({
      storage: storage(),
      clock: createManualClock(),
      shop: { id: `answers-${++shops}` },
      sweepIntervalMs: 0,
    })
    const ops = Array.from({ length: 20 }, (_, n) => ({
      type: 'setLine',
      merchandiseId: 'dot-notebook-a5',
      attributes: { n: String(n) },
      quantity: 1,
      lineKey: lineKey('dot-notebook-a5', { n: String(n) }),
      lineId: null,
    }))
    const create = (encoding?: string) =>
      server.fetch(
        new Request('http://127.0.0.1/v1/carts', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': 'answers-1',
            ...(encoding ? { 'accept-encoding': encoding } : {}),
          },
          body: JSON.stringify({ ops }),
        }),
      )
    const first = await create('gzip, deflate, br')
    expect(first.status).toBe(201)
    expect(first.headers.get('content-encoding')).toBe('gzip')
    expect(first.headers.get('vary')).toMatch(/Accept-Encoding/i)
    const zipped = Buffer.from(await first.arrayBuffer())
    const text = gunzipSync(zipped).toString('utf8')
    const answer = JSON.parse(text)
    expect(answer.cart.lines).toHaveLength(20)
    // A tenth of the JSON, or less: twenty lines of one merchandise repeat themselves.
    expect(zipped.length).toBeLessThan(text.length / 5)

    const plain = await create()
    expect(plain.status).toBe(201)
    expect(plain.headers.get('idempotent-replayed')).toBe('true')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(text)

    const again = await create('gzip')
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(Buffer.from(await again.arrayBuffer()).equals(zipped)).toBe(true)
    await server.close()
  })

  it(`applies a write once when its duplicates arrive together, answering each with the first answer (${label})`, async () => {
    const server = await createToteServer({
      storage: storage(),
      clock: createManualClock(),
      shop: { id: `answers-${++shops}` },
      sweepIntervalMs: 0,
    })
    const post = (path: string, body: unknown, key: string) =>
      server.fetch(
        new Request(`http://127.0.0.1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
        }),
      )
    const created = await (await post('/v1/carts', { ops: [] }, 'dup-create')).json()
    const op = {
      type: 'setLine',
      merchandiseId: 'dot-notebook-a5',
      attributes: {},
      quantity: 2,
      lineKey: lineKey('dot-notebook-a5'),
      lineId: null,
    }
    // Another key's write between them, so a second application would show in the version.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        post(
          `/v1/carts/${created.cart.id}/ops`,
          { ops: [op] },
          n === 4 ? 'dup-other' : 'dup-write',
        ),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200))
    const bodies = await Promise.all(answers.map((answer) => answer.text()))
    const duplicates = bodies.filter((_, n) => n !== 4)
    expect(new Set(duplicates).size).toBe(1)
    expect(answers.filter((answer) => answer.headers.get('idempotent-replayed')).length).toBe(6)
    const read = await server.fetch(new Request(`http://127.0.0.1/v1/carts/${created.cart.id}`))
    // Created at 1, then one write per key: 3.
    expect((await read.json()).cart.version).toBe(created.cart.version + 2)
    await server.close()
  })
})
