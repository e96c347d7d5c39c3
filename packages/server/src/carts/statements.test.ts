// How many SQL statements a cart write and a read cost, counted at the storage interface (a
// transaction counts its BEGIN and COMMIT): a write stores what changed, in few round trips.
import { lineKey } from '@tote/core/adapter'
import { expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { describeOnEachStorage } from '../storage/each-storage.ts'
import type { Queryable, Storage } from '../storage/index.ts'

interface Logged {
  sql: string
  params: readonly unknown[]
}

/** `storage`, with every statement it runs written to `log`. */
function counted(storage: Storage, log: Logged[]): Storage {
  const wrap = (db: Queryable): Queryable => ({
    query: (sql, params = []) => {
      log.push({ sql, params })
      return db.query(sql, params)
    },
  })
  return {
    kind: storage.kind,
    ...wrap(storage),
    transaction: (work) =>
      storage.transaction(async (tx) => {
        log.push({ sql: 'BEGIN', params: [] })
        const result = await work(wrap(tx))
        log.push({ sql: 'COMMIT', params: [] })
        return result
      }),
    close: () => storage.close(),
  }
}

const setLine = (n: number, quantity: number) => {
  const attributes = { n: String(n) }
  return {
    type: 'setLine',
    merchandiseId: 'dot-notebook-a5',
    attributes,
    quantity,
    lineKey: lineKey('dot-notebook-a5', attributes),
    lineId: null,
  }
}

let shops = 0

describeOnEachStorage('tote_statements', (label, storage) => {
  it(`changes one line of a 20-line cart with an email in at most 5 statements, sending that line alone (${label})`, async () => {
    const log: Logged[] = []
    const server = await createToteServer({
      storage: counted(storage(), log),
      clock: createManualClock(),
      shop: { id: `statements-${++shops}` },
      sweepIntervalMs: 0,
    })
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 30 })
    const post = async (path: string, body: unknown, key: string) => {
      const response = await server.fetch(
        new Request(`http://127.0.0.1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(body),
        }),
      )
      expect(response.ok).toBe(true)
      return response.json()
    }
    const ops = Array.from({ length: 20 }, (_, n) => setLine(n, 1))
    const { cart } = await post('/v1/carts', { ops }, 'create')
    await post(`/v1/carts/${cart.id}/email`, { email: 'ada@example.com' }, 'email')

    log.length = 0
    const written = await post(`/v1/carts/${cart.id}/ops`, { ops: [setLine(7, 3)] }, 'one-line')
    const statements = log.map((entry) => entry.sql.replace(/\s+/g, ' ').slice(0, 60))
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(5)
    // The lines the write stores: the changed one only.
    const lineWrites = log.flatMap((entry) =>
      entry.params.flatMap((param) =>
        typeof param === 'string' && param.startsWith('[{"line_key"') ? JSON.parse(param) : [],
      ),
    )
    expect(lineWrites.map((line: { line_key: string }) => line.line_key)).toEqual([
      setLine(7, 3).lineKey,
    ])
    expect(written.cart.lines).toHaveLength(20)
    expect(written.cart.lines[7].quantity).toBe(3)
    // The abandonment email is due the delay after this write (docs/domain.md R4).
    const { rows } = await storage().query<{ due_at: Date | string }>(
      'SELECT due_at FROM abandonment_emails WHERE cart_id = $1',
      [cart.id],
    )
    expect(new Date(rows[0]!.due_at).toISOString()).toBe(
      new Date(new Date(written.cart.updatedAt).getTime() + 30 * 60_000).toISOString(),
    )

    log.length = 0
    const read = await server.fetch(new Request(`http://127.0.0.1/v1/carts/${cart.id}`))
    expect((await read.json()).cart).toEqual(written.cart)
    expect(log.length).toBeLessThanOrEqual(1)
    await server.close()
  })
})
