// The embedded database's queue is bounded: past `maxQueue` waiting, requests are refused at
// once with 503 and Retry-After, and nothing is stored.
import { expect, it } from 'vitest'
import { createToteServer } from '../server/index.ts'
import { createEmbeddedStorage, StorageBusyError } from './index.ts'

it('answers 503 server_busy with Retry-After when the embedded queue is full, and serves again once it drains', async () => {
  const storage = await createEmbeddedStorage({ maxQueue: 1 })
  const server = await createToteServer({ storage, sweepIntervalMs: 0, shop: { id: 'busy' } })
  const createCart = () =>
    server.fetch(
      new Request('http://127.0.0.1/v1/carts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'busy-1' },
        body: JSON.stringify({ ops: [] }),
      }),
    )
  let release!: () => void
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  // One transaction holds the database: the queue is full.
  const holder = storage.transaction(() => held)
  try {
    const refused = await createCart()
    expect(refused.status).toBe(503)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await refused.json()).code).toBe('server_busy')
    await expect(storage.query('SELECT 1')).rejects.toBeInstanceOf(StorageBusyError)
  } finally {
    release()
    await holder
  }
  const served = await createCart()
  expect(served.status).toBe(201)
  // The refused request stored nothing: its key runs now, not replayed.
  expect(served.headers.get('idempotent-replayed')).toBeNull()
  const { rows } = await storage.query<{ n: number }>('SELECT count(*)::int AS n FROM carts')
  expect(rows[0]!.n).toBe(1)
  await server.close()
  await storage.close()
})

it('refuses a maxQueue that is not a whole number ≥ 1', async () => {
  await expect(createEmbeddedStorage({ maxQueue: 0 })).rejects.toThrow(/maxQueue/)
})
