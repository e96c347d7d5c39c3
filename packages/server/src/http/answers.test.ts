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
})
