/**
 * The reference server under load, on 127.0.0.1. The server runs in a child process of its
 * own (so its CPU time is its own), the clients in this one; both share the machine.
 *
 * For each storage (embedded always, PostgreSQL when TOTE_TEST_DATABASE_URL is set) and each
 * cart size (20 and 4 lines):
 * - the load: 50 clients × 200 operations on 10 shared carts (80 % writes changing one line
 *   to a random quantity, 20 % reads);
 * - one client alone: 1000 operations in a row;
 * - statements per write (a one-line change, with an Idempotency-Key) and per read, counted
 *   at the storage interface (a transaction counts its BEGIN and COMMIT);
 * - bytes per answer as sent (gzip when the client takes it, as browsers do);
 * - server and database CPU per request (the server process's own time; PostgreSQL's
 *   processes from /proc);
 * - after each load run, every cart must equal its acknowledged writes: its version is its
 *   first version plus one per acknowledged write, and each line holds the quantity of the
 *   acknowledged write with the highest version.
 * Then the load while the abandonment sweep sends through a mailer that takes 1 s per email,
 * and through one that never answers: shopper-write p99 during the sweep, against the run
 * without one (target: within 2×).
 *
 * With BENCH_BASE=<a checkout of an earlier commit, installed>, every run is made on that
 * commit's server too, in the same bench, and printed beside it with the ratio.
 *
 *   pnpm bench:server                                              # embedded storage
 *   scripts/with-postgres.sh pnpm bench:server                     # and PostgreSQL
 *   BENCH_BASE=/work/bench-base scripts/with-postgres.sh pnpm bench:server
 *
 * BENCH_OPS and BENCH_SINGLE_OPS change the operations per client (200, 1000), BENCH_STORAGE
 * (`embedded` or `postgres`) runs one storage, BENCH_TRACE=1 prints slow statements,
 * transactions, requests and event-loop stalls, BENCH_PROFILE=<folder> writes a CPU profile of
 * each server process there.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { lineKey } from '@tote/core/adapter'

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50)
const OPS_PER_CLIENT = Number(process.env.BENCH_OPS ?? 200)
const SINGLE_OPS = Number(process.env.BENCH_SINGLE_OPS ?? 1000)
const SHARED_CARTS = 10
const WRITE_SHARE = 0.8
const MINUTE = 60_000
const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '../..')

// ---------------------------------------------------------------------------------------------
// The server process: opens its storage, counts statements, listens, answers the bench.

interface ServerMessage {
  type: 'stats' | 'sweep' | 'due' | 'close'
  count?: number
}

async function serve(): Promise<void> {
  const entry = `${process.env.BENCH_SERVER_ROOT}/packages/server/src/index.ts`
  const tote = (await import(entry)) as typeof import('@tote/server')
  const databaseUrl = process.env.BENCH_DATABASE_URL
  const schema = `tote_bench_${randomBytes(4).toString('hex')}`
  const inner = databaseUrl
    ? await tote.createPostgresStorage({ connectionString: databaseUrl, schema })
    : await tote.createEmbeddedStorage()
  let statements = 0
  const trace = process.env.BENCH_TRACE === '1'
  const wrap = (db: import('@tote/server').Queryable): import('@tote/server').Queryable => ({
    query: async (sql, params) => {
      statements++
      if (!trace) return db.query(sql, params)
      const at = performance.now()
      try {
        return await db.query(sql, params)
      } finally {
        const ms = performance.now() - at
        if (ms > 200)
          console.log(
            `slow statement ${ms.toFixed(0)} ms: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`,
          )
      }
    },
  })
  if (trace) {
    const { monitorEventLoopDelay, PerformanceObserver } = await import('node:perf_hooks')
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    setInterval(() => {
      if (delay.max > 200e6)
        console.log(
          `event loop blocked up to ${(delay.max / 1e6).toFixed(0)} ms; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
        )
      delay.reset()
    }, 1000).unref()
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.duration > 100) console.log(`gc ${entry.duration.toFixed(0)} ms`)
      }
    }).observe({ entryTypes: ['gc'] })
  }
  const storage: import('@tote/server').Storage = {
    kind: inner.kind,
    ...wrap(inner),
    transaction: (work) => {
      statements += 2 // BEGIN, COMMIT
      if (!trace) return inner.transaction((tx) => work(wrap(tx)))
      const asked = performance.now()
      return inner.transaction(async (tx) => {
        const began = performance.now()
        try {
          return await work(wrap(tx))
        } finally {
          const ran = performance.now() - began
          if (ran > 100 || began - asked > 2000) {
            console.log(
              `transaction waited ${(began - asked).toFixed(0)} ms, ran ${ran.toFixed(0)} ms`,
            )
          }
        }
      })
    },
    close: () => inner.close(),
  }
  const mailer = process.env.BENCH_MAILER
  const clock = tote.createManualClock(Date.now())
  const server = await tote.createToteServer({
    storage,
    clock,
    shop: { id: 'bench' },
    sweepIntervalMs: 0,
    // Fifty clients, one address: the per-client limits would refuse the load.
    rateLimits: { createCart: 0, writes: 0, captureEmail: 0 },
    mailer:
      mailer === 'slow'
        ? { send: () => new Promise((done) => setTimeout(() => done(true), 1000)) }
        : mailer === 'silent'
          ? { send: () => new Promise(() => {}) }
          : tote.createMemoryOutbox(),
    ...(mailer === 'silent' ? { mailTimeoutMs: 2000 } : {}),
  })
  const { url } = await server.listen(0)
  process.on('message', async (message: ServerMessage) => {
    const reply = (data: object) => process.send!({ type: message.type, ...data })
    if (message.type === 'stats') {
      const cpu = process.cpuUsage()
      reply({ statements, cpuMs: (cpu.user + cpu.system) / 1000 })
    } else if (message.type === 'due') {
      // Carts left in checkout, due for their recovery email.
      await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
      for (let index = 0; index < message.count!; index++) {
        const { cartId } = await post(`${url}/v1/carts`, { ops: [line(999, 1)] })
        await post(`${url}/v1/carts/${cartId}/email`, { email: `left${index}@example.com` })
      }
      clock.advance(20 * MINUTE)
      reply({})
    } else if (message.type === 'sweep') {
      const result = await server.sweep()
      reply({ sent: result.sent.length, failed: result.failed.length })
    } else if (message.type === 'close') {
      await server.close()
      if (databaseUrl) await storage.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await storage.close()
      reply({})
      process.exit(0)
    }
  })
  process.send!({ type: 'ready', url })
}

// ---------------------------------------------------------------------------------------------
// HTTP, as a storefront sends it: keep-alive, gzip accepted.

const agent = new Agent({ keepAlive: true, maxSockets: 256 })

interface Answer {
  status: number
  /** Bytes of the body as sent. */
  bytes: number
  text: string
  replayed: boolean
}

function send(method: 'GET' | 'POST', url: string, body?: unknown, key?: string) {
  return new Promise<Answer>((done, fail) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          'accept-encoding': 'gzip',
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
              }),
          ...(key ? { 'idempotency-key': key } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', fail)
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          const gzip = res.headers['content-encoding'] === 'gzip'
          done({
            status: res.statusCode ?? 0,
            bytes: raw.length,
            text: (gzip ? gunzipSync(raw) : raw).toString('utf8'),
            replayed: res.headers['idempotent-replayed'] === 'true',
          })
        })
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
}

/**
 * Sends a request again when the connection failed before an answer (a keep-alive socket
 * the server closed as it was reused): writes carry an Idempotency-Key, so a write the server
 * did apply is answered again, not applied twice. Counts the retries.
 */
async function withRetries(run: () => Promise<Answer>, retried: { count: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (attempt === 5) throw error
      if (process.env.BENCH_TRACE === '1') console.log(`resent after ${String(error)}`)
      retried.count++
    }
  }
}

/** The cart id and version of a write's answer, read without parsing the whole cart. */
function head(text: string): { cartId: string; version: number | null } {
  const match = /^\{"cart":\{"id":"([^"]+)","version":(\d+)/.exec(text)
  if (match) return { cartId: match[1]!, version: Number(match[2]) }
  const parsed = JSON.parse(text) as { cart?: { id: string; version: number } }
  return { cartId: parsed.cart?.id ?? '', version: parsed.cart?.version ?? null }
}

async function post(url: string, body: unknown, key?: string) {
  const answer = await send('POST', url, body, key)
  if (answer.status >= 300) throw new Error(`${url}: ${answer.status} ${answer.text}`)
  return head(answer.text)
}

function line(slot: number, quantity: number) {
  const attributes = { slot: String(slot) }
  return {
    type: 'setLine',
    merchandiseId: 'dot-notebook-a5',
    attributes,
    quantity,
    lineKey: lineKey('dot-notebook-a5', attributes),
    lineId: null,
  }
}

// ---------------------------------------------------------------------------------------------
// The load.

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

interface Sample {
  start: number
  ms: number
  write: boolean
  bytes: number
}

interface LoadResult {
  samples: Sample[]
  failures: number
  busy: number
  retries: number
  seconds: number
  consistent: boolean
}

/** Creates the shared carts, each holding `lines` lines. */
async function makeCarts(url: string, lines: number, count: number) {
  const carts: { id: string; version: number }[] = []
  for (let index = 0; index < count; index++) {
    const ops = Array.from({ length: lines }, (_, slot) => line(slot, 1))
    const created = await post(`${url}/v1/carts`, { ops })
    carts.push({ id: created.cartId, version: created.version ?? 0 })
  }
  return carts
}

/** Each client changes one line of a random shared cart to a random quantity, or reads one. */
async function runLoad(options: {
  url: string
  seed: number
  lines: number
  clients: number
  opsPerClient: number
  /** Called once, when this many operations are done: the load is in its steady state. */
  midway?: { after: number; run: () => void }
}): Promise<LoadResult> {
  const { url, lines } = options
  const carts = await makeCarts(url, lines, SHARED_CARTS)
  // Per cart: acknowledged writes by key → [slot, quantity, version].
  const acknowledged = carts.map(() => new Map<string, [number, number, number]>())
  const samples: Sample[] = []
  let failures = 0
  let busy = 0
  const retried = { count: 0 }
  const started = performance.now()
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const random = seeded(options.seed * 1000 + client)
      for (let op = 0; op < options.opsPerClient; op++) {
        const cart = Math.floor(random() * SHARED_CARTS)
        const write = random() < WRITE_SHARE
        const slot = Math.floor(random() * lines)
        const quantity = 1 + Math.floor(random() * 20)
        const key = `bench-${options.seed}-${client}-${op}`
        const at = performance.now()
        const retriedBefore = retried.count
        const answer = await withRetries(
          () =>
            write
              ? send(
                  'POST',
                  `${url}/v1/carts/${carts[cart]!.id}/ops`,
                  {
                    ops: [line(slot, quantity)],
                  },
                  key,
                )
              : send('GET', `${url}/v1/carts/${carts[cart]!.id}`),
          retried,
        )
        samples.push({ start: at, ms: performance.now() - at, write, bytes: answer.bytes })
        if (process.env.BENCH_TRACE === '1' && performance.now() - at > 3000) {
          console.log(
            `slow request ${(performance.now() - at).toFixed(0)} ms at ${((at - started) / 1000).toFixed(1)} s: ${write ? 'write' : 'read'}, ${retried.count - retriedBefore} resent, status ${answer.status}`,
          )
        }
        if (samples.length === options.midway?.after) options.midway.run()
        if (answer.status === 503) busy++
        if (answer.status >= 300) failures++
        else if (write) {
          acknowledged[cart]!.set(key, [slot, quantity, head(answer.text).version ?? -1])
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  let consistent = true
  for (const [index, { id, version }] of carts.entries()) {
    const answer = await send('GET', `${url}/v1/carts/${id}`)
    const { cart } = JSON.parse(answer.text) as {
      cart: { version: number; lines: { attributes: { slot: string }; quantity: number }[] }
    }
    const writes = [...acknowledged[index]!.values()]
    const expected = new Map<number, [number, number]>()
    for (let slot = 0; slot < lines; slot++) expected.set(slot, [1, version])
    for (const [slot, quantity, at] of writes) {
      if (at > expected.get(slot)![1]) expected.set(slot, [quantity, at])
    }
    if (cart.version !== version + writes.length) consistent = false
    if (cart.lines.length !== lines) consistent = false
    for (const held of cart.lines) {
      if (expected.get(Number(held.attributes.slot))?.[0] !== held.quantity) consistent = false
    }
  }
  return { samples, failures, busy, retries: retried.count, seconds, consistent }
}

function summary(samples: Sample[]) {
  const sorted = (list: Sample[]) => list.map((sample) => sample.ms).sort((a, b) => a - b)
  const all = sorted(samples)
  const writes = samples.filter((sample) => sample.write)
  const reads = samples.filter((sample) => !sample.write)
  const mean = (list: Sample[]) =>
    list.length === 0 ? 0 : list.reduce((sum, sample) => sum + sample.bytes, 0) / list.length
  const w = sorted(writes)
  return {
    count: all.length,
    p50: percentile(all, 0.5),
    p99: percentile(all, 0.99),
    max: all.at(-1) ?? Number.NaN,
    writeP50: percentile(w, 0.5),
    writeP99: percentile(w, 0.99),
    writeBytes: mean(writes),
    readBytes: mean(reads),
  }
}

// ---------------------------------------------------------------------------------------------
// The bench process: starts servers, measures, prints.

/** CPU time of every PostgreSQL process, in milliseconds (from /proc). */
function postgresCpuMs(): number {
  let ticks = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (name !== 'postgres') continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10 // USER_HZ is 100 on Linux
}

class ServerProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(root: string, databaseUrl: string | undefined, mailer = 'memory') {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: [
        '--conditions=@tote/source',
        '--import',
        'tsx',
        // BENCH_PROFILE=<folder>: a CPU profile of each server process, to see where time goes.
        ...(process.env.BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
          : []),
      ],
      cwd: resolve(root, 'test'),
      env: {
        ...process.env,
        BENCH_ROLE: 'server',
        BENCH_SERVER_ROOT: root,
        BENCH_MAILER: mailer,
        ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const url = await new Promise<string>((done, fail) => {
      child.once('message', (message: { url: string }) => done(message.url))
      child.once('exit', (code) => fail(new Error(`the server process exited (${code})`)))
    })
    return new ServerProcess(child, url)
  }

  ask<T>(message: ServerMessage): Promise<T> {
    return new Promise((done) => {
      const listen = (reply: { type: string }) => {
        if (reply.type !== message.type) return
        this.child.off('message', listen)
        done(reply as T)
      }
      this.child.on('message', listen)
      this.child.send(message)
    })
  }

  async cpu(postgres: boolean) {
    const { statements, cpuMs } = await this.ask<{ statements: number; cpuMs: number }>({
      type: 'stats',
    })
    return { statements, serverMs: cpuMs, databaseMs: postgres ? postgresCpuMs() : 0 }
  }

  async close() {
    await this.ask({ type: 'close' })
  }
}

interface Figures {
  rate: number
  p50: number
  p99: number
  max: number
  writeP50: number
  failed: number
  busy: number
  resent: number
  consistent: boolean
  serverMsPerRequest: number
  databaseMsPerRequest: number
  writeBytes: number
  readBytes: number
}

/** Statements of a one-line change (with a key) and of a read, on a cart of `lines` lines. */
async function countStatements(server: ServerProcess, lines: number) {
  const [cart] = await makeCarts(server.url, lines, 1)
  const writes = 20
  const before = await server.cpu(false)
  for (let index = 0; index < writes; index++) {
    await post(
      `${server.url}/v1/carts/${cart!.id}/ops`,
      { ops: [line(index % lines, 2 + index)] },
      `count-${index}`,
    )
  }
  const middle = await server.cpu(false)
  for (let index = 0; index < writes; index++)
    await send('GET', `${server.url}/v1/carts/${cart!.id}`)
  const after = await server.cpu(false)
  return {
    write: (middle.statements - before.statements) / writes,
    read: (after.statements - middle.statements) / writes,
  }
}

async function measure(
  root: string,
  databaseUrl: string | undefined,
  lines: number,
  clients: number,
  opsPerClient: number,
  seed: number,
): Promise<Figures & { statements: { write: number; read: number } }> {
  const server = await ServerProcess.start(root, databaseUrl)
  try {
    // A first, unreported round warms the JIT and the storage, so no run pays for it.
    await runLoad({ url: server.url, seed: 0, lines, clients, opsPerClient: 10 })
    const statements = await countStatements(server, lines)
    const before = await server.cpu(Boolean(databaseUrl))
    const result = await runLoad({ url: server.url, seed, lines, clients, opsPerClient })
    const after = await server.cpu(Boolean(databaseUrl))
    const stats = summary(result.samples)
    return {
      statements,
      rate: stats.count / result.seconds,
      p50: stats.p50,
      p99: stats.p99,
      max: stats.max,
      writeP50: stats.writeP50,
      failed: result.failures,
      busy: result.busy,
      resent: result.retries,
      consistent: result.consistent,
      serverMsPerRequest: (after.serverMs - before.serverMs) / stats.count,
      databaseMsPerRequest: (after.databaseMs - before.databaseMs) / stats.count,
      writeBytes: stats.writeBytes,
      readBytes: stats.readBytes,
    }
  } finally {
    await server.close()
  }
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–')

/** "after (before, ratio×)" when there is a before. */
function pair(after: number, before: number | undefined, digits = 1) {
  if (before === undefined) return fixed(after, digits)
  return `${fixed(after, digits)} (${fixed(before, digits)}, ${fixed(after / before, 2)}×)`
}

async function benchStorage(name: string, databaseUrl: string | undefined, base?: string) {
  console.log(`\n## ${name}\n`)
  if (base) console.log('Each cell: this commit (the base commit, ratio).\n')
  console.log(
    row([
      'run',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'write p50 ms',
      'statements per write / read',
      'bytes per write / read answer',
      'CPU ms per request: server + database',
      'failed (503)',
      'resent',
      'carts = acknowledged writes',
    ]),
  )
  console.log(row(Array.from({ length: 12 }, () => '---')))
  let seed = 1
  for (const lines of [20, 4]) {
    for (const [label, clients, ops] of [
      [`${CLIENTS} clients, ${lines}-line carts`, CLIENTS, OPS_PER_CLIENT],
      [`1 client, ${lines}-line carts`, 1, SINGLE_OPS],
    ] as const) {
      seed++
      const now = await measure(ROOT, databaseUrl, lines, clients, ops, seed)
      const before = base ? await measure(base, databaseUrl, lines, clients, ops, seed) : undefined
      console.log(
        row([
          label,
          pair(now.rate, before?.rate, 0),
          pair(now.p50, before?.p50),
          pair(now.p99, before?.p99),
          pair(now.max, before?.max, 0),
          pair(now.writeP50, before?.writeP50, 2),
          `${fixed(now.statements.write)} / ${fixed(now.statements.read)}${before ? ` (${fixed(before.statements.write)} / ${fixed(before.statements.read)})` : ''}`,
          `${fixed(now.writeBytes, 0)} / ${fixed(now.readBytes, 0)}${before ? ` (${fixed(before.writeBytes, 0)} / ${fixed(before.readBytes, 0)})` : ''}`,
          `${fixed(now.serverMsPerRequest, 2)} + ${fixed(now.databaseMsPerRequest, 2)}${before ? ` (${fixed(before.serverMsPerRequest, 2)} + ${fixed(before.databaseMsPerRequest, 2)})` : ''}`,
          `${now.failed} (${now.busy})${before ? ` (${before.failed})` : ''}`,
          `${now.resent}${before ? ` (${before.resent})` : ''}`,
          `${now.consistent ? 'yes' : 'NO'}${before ? ` (${before.consistent ? 'yes' : 'NO'})` : ''}`,
        ]),
      )
    }
  }
  await benchSweep(databaseUrl)
}

/** The load while the sweep sends, against the same load without one (this commit only). */
async function benchSweep(databaseUrl: string | undefined) {
  const plainServer = await ServerProcess.start(ROOT, databaseUrl)
  await runLoad({ url: plainServer.url, seed: 0, lines: 20, clients: CLIENTS, opsPerClient: 10 })
  const plain = summary(
    (
      await runLoad({
        url: plainServer.url,
        seed: 90,
        lines: 20,
        clients: CLIENTS,
        opsPerClient: OPS_PER_CLIENT,
      })
    ).samples,
  )
  await plainServer.close()
  console.log('')
  for (const [run, mailer, emails] of [
    ['sweep, mailer 1 s per email', 'slow', 12],
    ['sweep, mailer never answers (2 s timeout)', 'silent', 6],
  ] as const) {
    const server = await ServerProcess.start(ROOT, databaseUrl, mailer)
    await server.ask({ type: 'due', count: emails })
    let sweepStart = Number.POSITIVE_INFINITY
    let sweepEnd = Number.POSITIVE_INFINITY
    let sweep: Promise<{ sent: number; failed: number }> | null = null
    const loaded = await runLoad({
      url: server.url,
      seed: 91,
      lines: 20,
      clients: CLIENTS,
      opsPerClient: OPS_PER_CLIENT,
      // The sweep starts once the load is in its steady state (a tenth of it done).
      midway: {
        after: (CLIENTS * OPS_PER_CLIENT) / 10,
        run: () => {
          sweepStart = performance.now()
          sweep = server.ask<{ sent: number; failed: number }>({ type: 'sweep' }).then((result) => {
            sweepEnd = performance.now()
            return result
          })
        },
      },
    })
    const result = await sweep!
    await server.close()
    const inSweep = summary(
      loaded.samples.filter((sample) => sample.start >= sweepStart && sample.start < sweepEnd),
    )
    console.log(
      `- ${run}: sweep took ${((Math.min(sweepEnd, performance.now()) - sweepStart) / 1000).toFixed(1)} s (${result.sent} sent, ${result.failed} left queued); ${inSweep.count} operations ran during it, shopper-write p99 ${fixed(inSweep.writeP99)} ms = ${(inSweep.writeP99 / plain.writeP99).toFixed(2)}× the run without a sweep (${fixed(plain.writeP99)} ms; target ≤ 2×); carts = acknowledged writes: ${loaded.consistent ? 'yes' : 'NO'}`,
    )
  }
}

if (process.env.BENCH_ROLE === 'server') {
  await serve()
} else {
  const base = process.env.BENCH_BASE ? resolve(process.env.BENCH_BASE) : undefined
  console.log(
    `Server load: ${CLIENTS} clients × ${OPS_PER_CLIENT} operations on ${SHARED_CARTS} shared carts (${WRITE_SHARE * 100} % writes, each changing one line), and 1 client × ${SINGLE_OPS} operations; on 127.0.0.1, server in its own process, gzip accepted.`,
  )
  if (base) console.log(`Base: ${base}`)
  const only = process.env.BENCH_STORAGE
  if (only !== 'postgres') await benchStorage('Embedded storage (PGlite)', undefined, base)
  const databaseUrl = process.env.TOTE_TEST_DATABASE_URL
  if (databaseUrl && only !== 'embedded') {
    await benchStorage('PostgreSQL', databaseUrl, base)
  } else if (!databaseUrl) {
    console.log(
      '\nPostgreSQL: skipped — set TOTE_TEST_DATABASE_URL (scripts/with-postgres.sh pnpm bench:server).',
    )
  }
  agent.destroy()
}
