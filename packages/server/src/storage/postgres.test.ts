import { randomBytes } from 'node:crypto'
import { lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createMemoryOutbox, type Mailer } from '../email/mailer.ts'
import { createToteServer, type ToteServer } from '../server/index.ts'
import { createPostgresStorage, migrate, type Storage } from './index.ts'
import { MIGRATIONS } from './migrations.ts'

const url = process.env.TOTE_TEST_DATABASE_URL
const title = url
  ? 'PostgreSQL storage'
  : 'PostgreSQL storage — skipped: TOTE_TEST_DATABASE_URL is not set (see scripts/with-postgres.sh)'

describe.skipIf(!url)(title, () => {
  // Each run gets its own schema, dropped afterwards.
  const schema = `tote_test_${randomBytes(4).toString('hex')}`
  let one: Storage
  let two: Storage

  beforeAll(async () => {
    // Two pools, as two server processes would have; they migrate at the same time.
    ;[one, two] = await Promise.all([
      createPostgresStorage({ connectionString: url!, schema }),
      createPostgresStorage({ connectionString: url!, schema }),
    ])
  })
  afterAll(async () => {
    await one?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await Promise.all([one?.close(), two?.close()])
  })

  it('runs the same migrations as the embedded store, once', async () => {
    expect(await migrate(one)).toEqual([])
    const { rows } = await one.query<{ id: number }>('SELECT id FROM tote_migrations ORDER BY id')
    expect(rows.map((row) => row.id)).toEqual(MIGRATIONS.map((migration) => migration.id))
  })

  it('serves carts', async () => {
    const server = await createToteServer({
      storage: one,
      shop: { id: 'pg-carts' },
      sweepIntervalMs: 0,
    })
    const response = await server.fetch(
      new Request('http://127.0.0.1/v1/carts', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'pg-1' },
        body: JSON.stringify({
          ops: [
            {
              type: 'setLine',
              merchandiseId: 'enamel-mug-white',
              attributes: {},
              quantity: 4,
              lineKey: lineKey('enamel-mug-white'),
              lineId: null,
            },
          ],
        }),
      }),
    )
    expect(response.status).toBe(201)
    const { cart, notices } = await response.json()
    expect(cart.lines[0].quantity).toBe(3)
    expect(notices[0]).toMatchObject({ code: 'insufficient_stock', from: 4, to: 3 })
  })

  it('applies a batch once when two instances get it with one Idempotency-Key at the same time', async () => {
    const shop = { id: 'pg-idempotency' }
    const [a, b] = await Promise.all(
      [one, two].map((storage) => createToteServer({ storage, shop, sweepIntervalMs: 0 })),
    )
    const created = await a!.fetch(
      new Request('http://127.0.0.1/v1/carts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    )
    const { cart } = await created.json()
    const body = JSON.stringify({
      ops: [
        {
          type: 'setLine',
          merchandiseId: 'dot-notebook-a5',
          attributes: {},
          quantity: 2,
          lineKey: lineKey('dot-notebook-a5'),
          lineId: null,
        },
      ],
    })
    const send = (server: ToteServer) =>
      server.fetch(
        new Request(`http://127.0.0.1/v1/carts/${cart.id}/ops`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'same-batch' },
          body,
        }),
      )
    const responses = await Promise.all([send(a!), send(b!), send(a!), send(b!)])
    const versions = await Promise.all(
      responses.map(async (response) => (await response.json()).cart.version),
    )
    expect(new Set(versions)).toEqual(new Set([cart.version + 1]))
    expect(
      responses.filter((response) => response.headers.get('idempotent-replayed') === 'true'),
    ).toHaveLength(3)
  })

  it('sends each abandoned-cart email exactly once with two server instances on one database', async () => {
    const clock = createManualClock()
    const shop = { id: 'pg-two-instances' }
    const outboxes = [createMemoryOutbox(clock), createMemoryOutbox(clock)]
    // Yield between claim and commit so the two instances really interleave.
    const slow = (outbox: Mailer): Mailer => ({
      send: async (email) => {
        await new Promise((resolve) => setImmediate(resolve))
        return outbox.send(email)
      },
    })
    const servers: ToteServer[] = await Promise.all(
      [one, two].map((storage, index) =>
        createToteServer({
          storage,
          clock,
          shop,
          mailer: slow(outboxes[index]!),
          sweepIntervalMs: 0,
          // Thirty shoppers, all from this one machine.
          rateLimits: { captureEmail: 0 },
        }),
      ),
    )
    await servers[0]!.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const ids: string[] = []
    for (let index = 0; index < 30; index++) {
      // A cart with a line: an empty cart gets no recovery email.
      const created = await servers[index % 2]!.fetch(
        new Request('http://127.0.0.1/v1/carts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ops: [
              {
                type: 'setLine',
                merchandiseId: 'dot-notebook-a5',
                attributes: {},
                quantity: 1,
                lineKey: lineKey('dot-notebook-a5'),
                lineId: null,
              },
            ],
          }),
        }),
      )
      const { cart } = await created.json()
      await servers[index % 2]!.fetch(
        new Request(`http://127.0.0.1/v1/carts/${cart.id}/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `shopper${index}@example.com` }),
        }),
      )
      ids.push(cart.id)
    }
    clock.advance(20 * 60_000)
    const [a, b] = await Promise.all(servers.map((server) => server.sweep()))
    const sent = [...a!.sent, ...b!.sent]
    expect(sent.sort()).toEqual([...ids].sort())
    expect(new Set(sent).size).toBe(30)
    const delivered = [...(await outboxes[0]!.list()), ...(await outboxes[1]!.list())]
    expect(delivered).toHaveLength(30)
    // Both instances did part of the work, and nothing is left.
    expect(a!.sent.length).toBeGreaterThan(0)
    expect(b!.sent.length).toBeGreaterThan(0)
    const again = await Promise.all(servers.map((server) => server.sweep()))
    expect(again.flatMap((result) => result.sent)).toEqual([])
  })
})
