/**
 * The reference server under load, on 127.0.0.1: 50 clients × 200 operations on 10 shared
 * carts (80 % writes, 20 % reads), on embedded storage and, when TOTE_TEST_DATABASE_URL is set,
 * on PostgreSQL. Each run prints throughput and p50/p99 latency, and checks that every cart
 * holds exactly what its acknowledged writes say. Then the same load while the abandonment
 * sweep sends through a mailer that takes 1 s per email, and through one that never answers:
 * shopper-write p99 during the sweep, against the run without a sweep (target: within 2×).
 * Clients, server and mailer share this one process. Bounded: no run waits on anything that
 * does not end.
 *
 *   pnpm bench:server                                   # embedded storage
 *   scripts/with-postgres.sh pnpm bench:server          # and PostgreSQL
 */
import { randomBytes } from 'node:crypto'
import { lineKey } from '@tote/core/adapter'
import {
  createEmbeddedStorage,
  createManualClock,
  createMemoryOutbox,
  createPostgresStorage,
  createToteServer,
  type Mailer,
  type Storage,
  type ToteServer,
} from '@tote/server'

const CLIENTS = 50
const OPS_PER_CLIENT = 200
const SHARED_CARTS = 10
const WRITE_SHARE = 0.8
const MINUTE = 60_000

function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

const line = (client: number, quantity: number) => {
  const attributes = { client: String(client) }
  return {
    type: 'setLine',
    merchandiseId: 'dot-notebook-a5',
    attributes,
    quantity,
    lineKey: lineKey('dot-notebook-a5', attributes),
    lineId: null,
  }
}

async function post(url: string, body: unknown, key?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  })
}

/**
 * Sends a request again when the connection failed before an answer (a keep-alive socket
 * the server closed as it was reused): writes carry an Idempotency-Key, so a write the server
 * did apply is answered again, not applied twice. Counts the retries.
 */
async function withRetries(send: () => Promise<Response>, retried: { count: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send()
    } catch (error) {
      if (attempt === 5) throw error
      retried.count++
    }
  }
}

interface Sample {
  start: number
  ms: number
  write: boolean
}

interface LoadResult {
  samples: Sample[]
  failures: number
  /** Requests sent again after the connection failed before an answer. */
  retries: number
  seconds: number
  /** Every cart holds, per client, the quantity of that client's last acknowledged write. */
  consistent: boolean
}

/** The load: each client sets its own line on random shared carts, or reads one. */
async function runLoad(
  url: string,
  seed: number,
  opsPerClient = OPS_PER_CLIENT,
  /** Called once, when this many operations are done: the load is in its steady state. */
  midway?: { after: number; run: () => void },
): Promise<LoadResult> {
  const carts: string[] = []
  for (let index = 0; index < SHARED_CARTS; index++) {
    const created = await post(`${url}/v1/carts`, { ops: [] })
    carts.push(((await created.json()) as { cart: { id: string } }).cart.id)
  }
  // What each client last saw acknowledged, per cart.
  const acknowledged = carts.map(() => new Map<number, number>())
  const samples: Sample[] = []
  let failures = 0
  const retried = { count: 0 }
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const random = seeded(seed + client)
      for (let op = 0; op < opsPerClient; op++) {
        const cart = Math.floor(random() * SHARED_CARTS)
        const write = random() < WRITE_SHARE
        const quantity = 1 + Math.floor(random() * 20)
        const at = performance.now()
        const key = `bench-${seed}-${client}-${op}`
        const response = await withRetries(
          () =>
            write
              ? post(`${url}/v1/carts/${carts[cart]}/ops`, { ops: [line(client, quantity)] }, key)
              : fetch(`${url}/v1/carts/${carts[cart]}`),
          retried,
        )
        await response.arrayBuffer()
        samples.push({ start: at, ms: performance.now() - at, write })
        if (samples.length === midway?.after) midway.run()
        if (!response.ok) failures++
        else if (write) acknowledged[cart]!.set(client, quantity)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  let consistent = true
  for (const [index, cartId] of carts.entries()) {
    const { cart } = (await (await fetch(`${url}/v1/carts/${cartId}`)).json()) as {
      cart: { lines: { attributes: { client: string }; quantity: number }[] }
    }
    const held = new Map(cart.lines.map((held) => [Number(held.attributes.client), held.quantity]))
    const expected = acknowledged[index]!
    const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0)
    if (held.size !== expected.size || sum(held.values()) !== sum(expected.values())) {
      consistent = false
    }
    for (const [client, quantity] of expected) if (held.get(client) !== quantity) consistent = false
  }
  return { samples, failures, retries: retried.count, seconds, consistent }
}

function summary(samples: Sample[]) {
  const all = samples.map((sample) => sample.ms).sort((a, b) => a - b)
  const writes = samples
    .filter((sample) => sample.write)
    .map((sample) => sample.ms)
    .sort((a, b) => a - b)
  return {
    count: all.length,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    writeP50: percentile(writes, 0.5),
    writeP99: percentile(writes, 0.99),
  }
}

async function openServer(storage: Storage, mailer: Mailer, mailTimeoutMs?: number) {
  const clock = createManualClock(Date.now())
  const server = await createToteServer({
    storage,
    clock,
    mailer,
    shop: { id: `bench-${randomBytes(4).toString('hex')}` },
    sweepIntervalMs: 0,
    // Fifty clients, one address: the per-client limits would refuse the load.
    rateLimits: { createCart: 0, writes: 0, captureEmail: 0 },
    ...(mailTimeoutMs ? { mailTimeoutMs } : {}),
  })
  const { url } = await server.listen(0)
  return { server, clock, url }
}

/** Carts left in checkout, due for their recovery email. */
async function dueCarts(
  server: ToteServer,
  url: string,
  clock: { advance(ms: number): void },
  count: number,
) {
  await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
  for (let index = 0; index < count; index++) {
    const created = await post(`${url}/v1/carts`, { ops: [line(999, 1)] })
    const { cart } = (await created.json()) as { cart: { id: string } }
    await post(`${url}/v1/carts/${cart.id}/email`, { email: `left${index}@example.com` })
  }
  clock.advance(20 * MINUTE)
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
const ms = (value: number) => value.toFixed(1)

async function benchStorage(name: string, open: () => Promise<Storage>) {
  console.log(`\n## ${name}\n`)
  console.log(
    row([
      'run',
      'ops',
      'ops/s',
      'p50 ms',
      'p99 ms',
      'write p50 ms',
      'write p99 ms',
      'failed',
      'resent',
      'carts = acknowledged writes',
    ]),
  )
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']))
  const storage = await open()
  try {
    const base = await openServer(storage, createMemoryOutbox())
    // A first, unreported round warms the JIT and the storage, so no run pays for it.
    await runLoad(base.url, 0, 20)
    const plain = await runLoad(base.url, 1)
    await base.server.close()
    const plainSummary = summary(plain.samples)
    const print = (run: string, result: LoadResult, stats: ReturnType<typeof summary>) =>
      console.log(
        row([
          run,
          stats.count,
          Math.round(stats.count / result.seconds),
          ms(stats.p50),
          ms(stats.p99),
          ms(stats.writeP50),
          ms(stats.writeP99),
          result.failures,
          result.retries,
          result.consistent ? 'yes' : 'NO',
        ]),
      )
    print('no sweep', plain, plainSummary)

    const slowMailer: Mailer = {
      send: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000))
        return true
      },
    }
    const silentMailer: Mailer = { send: () => new Promise(() => {}) }
    const during: string[] = []
    for (const [run, mailer, emails, timeout] of [
      ['sweep, mailer 1 s per email', slowMailer, 12, undefined],
      ['sweep, mailer never answers (2 s timeout)', silentMailer, 6, 2000],
    ] as const) {
      const shop = await openServer(storage, mailer, timeout)
      await dueCarts(shop.server, shop.url, shop.clock, emails)
      let sweepStart = Number.POSITIVE_INFINITY
      let sweepEnd = Number.POSITIVE_INFINITY
      let sweep: Promise<{ sent: string[]; failed: string[] }> | null = null
      // The sweep starts once the load is in its steady state (a tenth of it done).
      const loaded = await runLoad(shop.url, 2, OPS_PER_CLIENT, {
        after: (CLIENTS * OPS_PER_CLIENT) / 10,
        run: () => {
          sweepStart = performance.now()
          sweep = shop.server.sweep().then((result) => {
            sweepEnd = performance.now()
            return result
          })
        },
      })
      const result = await sweep!
      await shop.server.close()
      const stats = summary(loaded.samples)
      print(run, loaded, stats)
      const inSweep = summary(
        loaded.samples.filter((sample) => sample.start >= sweepStart && sample.start < sweepEnd),
      )
      during.push(
        `- ${run}: sweep took ${((Math.min(sweepEnd, performance.now()) - sweepStart) / 1000).toFixed(1)} s (${result.sent.length} sent, ${result.failed.length} left queued); ${inSweep.count} operations ran during it, shopper-write p99 ${ms(inSweep.writeP99)} ms = ${(inSweep.writeP99 / plainSummary.writeP99).toFixed(2)}× the run without a sweep (${ms(plainSummary.writeP99)} ms; target ≤ 2×)`,
      )
    }
    console.log('')
    for (const line of during) console.log(line)
  } finally {
    await storage.close()
  }
}

console.log(
  `Server load: ${CLIENTS} clients × ${OPS_PER_CLIENT} operations on ${SHARED_CARTS} shared carts (${WRITE_SHARE * 100} % writes), on 127.0.0.1.`,
)
await benchStorage('Embedded storage (PGlite)', () => createEmbeddedStorage())
const databaseUrl = process.env.TOTE_TEST_DATABASE_URL
if (databaseUrl) {
  const schema = `tote_bench_${randomBytes(4).toString('hex')}`
  await benchStorage('PostgreSQL', async () => {
    const storage = await createPostgresStorage({ connectionString: databaseUrl, schema })
    const close = storage.close
    return {
      ...storage,
      close: async () => {
        await storage.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await close()
      },
    }
  })
} else {
  console.log(
    '\nPostgreSQL: skipped — set TOTE_TEST_DATABASE_URL (scripts/with-postgres.sh pnpm bench:server).',
  )
}
