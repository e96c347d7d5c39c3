import { resolve } from 'node:path'
import { lockDataDir } from './lock.ts'
import { MIGRATIONS } from './migrations.ts'

export { StorageLockedError } from './lock.ts'
export { combineStatements, type Statement } from './statements.ts'

/** One row of a query result: column name → value. */
export type Row = Record<string, unknown>

/** The tiny interface every storage backend offers: parameterized SQL (`$1`, `$2`, ...). */
export interface Queryable {
  /** Runs one SQL statement with positional parameters and returns its rows. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>
}

/**
 * Where the server keeps its data. The embedded PGlite store and PostgreSQL both speak the
 * same SQL, so the same migrations and queries serve both.
 */
export interface Storage extends Queryable {
  /** `embedded` (PGlite, one process) or `postgres` (shared by several server instances). */
  readonly kind: 'embedded' | 'postgres'
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>
  /** Releases connections (and, for PGlite, flushes the data folder). */
  close(): Promise<void>
}

/** Options of {@link createEmbeddedStorage}. */
export interface EmbeddedStorageOptions {
  /**
   * The folder PGlite keeps its data in; created when missing. One process owns it: a
   * second one is refused with a `StorageLockedError` (code `storage_locked`) naming the
   * folder and the owner's pid, kept in `<dataDir>.lock` beside it. A lock left by a process
   * that is gone is taken over.
   * @default in memory (nothing kept after `close()`)
   */
  dataDir?: string
  /**
   * How many queries and transactions may wait for the database at once. The embedded
   * database runs one at a time; past this many waiting, a new one fails at once with a
   * `StorageBusyError` (code `storage_busy`), which the server answers `503` with
   * `Retry-After`, rather than letting every request wait longer and longer.
   * @default 64
   */
  maxQueue?: number
}

/**
 * Thrown when the embedded database already has its maximum of waiting work (see
 * {@link EmbeddedStorageOptions.maxQueue}): nothing was done; try again shortly.
 */
export class StorageBusyError extends Error {
  override name = 'StorageBusyError'
  readonly code = 'storage_busy'
  /** How long to wait before trying again, in milliseconds. */
  readonly retryAfterMs: number

  constructor(waiting: number, retryAfterMs = 1000) {
    super(
      `the embedded database already has ${waiting} queries or transactions waiting; try again in ${retryAfterMs} ms`,
    )
    this.retryAfterMs = retryAfterMs
  }
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly): no set-up, data in a local folder. One process
 * at a time may open a folder (a second one is refused, see `dataDir`); use
 * {@link createPostgresStorage} to run several instances.
 *
 * @example
 * const storage = await createEmbeddedStorage({ dataDir: '.tote-data/db' })
 */
export async function createEmbeddedStorage(
  options: EmbeddedStorageOptions = {},
): Promise<Storage> {
  const { PGlite } = await import('@electric-sql/pglite')
  const maxQueue = options.maxQueue ?? 64
  if (!Number.isInteger(maxQueue) || maxQueue < 1) {
    throw new TypeError(`maxQueue: expected a whole number ≥ 1, got ${String(options.maxQueue)}`)
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined
  // Two processes on one folder would each keep their own database and lose writes.
  const unlock = dataDir ? await lockDataDir(dataDir) : async () => {}
  let db: InstanceType<typeof PGlite>
  try {
    // PGlite keeps its write-ahead log in memory (or in the folder) until a checkpoint, which
    // it runs inside whichever query crosses the limit, holding every other one: with the
    // default limit (1 GB) the log grows to the process's largest share of memory and its
    // checkpoint stalls the server for seconds. A small limit keeps each checkpoint short.
    const startParams = [
      ...PGlite.defaultStartParams,
      ...['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB', '-c', 'checkpoint_timeout=60s'],
    ]
    db = dataDir
      ? await PGlite.create(dataDir, { startParams })
      : await PGlite.create({ startParams })
  } catch (error) {
    await unlock()
    throw error
  }
  const wrap = (target: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>
  }): Queryable => ({
    query: async <T extends Row>(sql: string, params: readonly unknown[] = []) => {
      const result = await target.query(sql, [...params])
      return { rows: result.rows as T[] }
    },
  })
  // PGlite runs one query or transaction at a time and queues the rest without a bound:
  // under overload every request would wait longer and longer. Past `maxQueue` waiting, new
  // work is refused at once (the server answers 503 with Retry-After).
  let pending = 0
  const bounded = async <T>(run: () => Promise<T>): Promise<T> => {
    if (pending >= maxQueue) throw new StorageBusyError(pending)
    pending++
    try {
      return await run()
    } finally {
      pending--
    }
  }
  const direct = wrap(db)
  const storage: Storage = {
    kind: 'embedded',
    query: (sql, params) => bounded(() => direct.query(sql, params)),
    transaction: (work) => bounded(() => db.transaction((tx) => work(wrap(tx)))),
    close: async () => {
      try {
        await db.close()
      } finally {
        await unlock()
      }
    },
  }
  try {
    await migrate(storage)
  } catch (error) {
    await storage.close()
    throw error
  }
  return storage
}

/** PostgreSQL's type id of `bigint`. */
const INT8_OID = 20

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions {
  /** A `postgres://` URL, such as the `DATABASE_URL` environment variable. */
  connectionString: string
  /**
   * A schema to keep Tote's tables in (created when missing); handy to isolate test runs.
   * @default the connection's `search_path` (usually `public`)
   */
  schema?: string
  /** @default 10 */
  maxConnections?: number
}

/**
 * PostgreSQL through `pg`. Several server instances may share one database: the
 * abandonment queue is claimed with row locks (`FOR UPDATE SKIP LOCKED`).
 *
 * @example
 * const storage = await createPostgresStorage({ connectionString: process.env.DATABASE_URL! })
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
  const { default: pg } = await import('pg')
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new TypeError(`schema: expected a lower-case SQL identifier, got ${options.schema}`)
  }
  if (options.schema) {
    const setup = new pg.Client({ connectionString: options.connectionString })
    await setup.connect()
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`).catch((error: unknown) => {
        // Two instances creating the schema at once: the loser finds it made.
        const code = (error as { code?: string }).code
        if (code !== '42P06' && code !== '23505') throw error
      })
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // bigint columns (money sums, counts) as numbers, as PGlite reads them: Tote keeps
    // amounts within Number.MAX_SAFE_INTEGER (see MAX_CART_AMOUNT).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  // Statements with parameters are prepared once per connection and then only bound and
  // run: PostgreSQL parses and plans the cart queries once, not on every request.
  const names = new Map<string, string>()
  const prepared = (sql: string, params: readonly unknown[]) => {
    if (params.length === 0) return { text: sql }
    let name = names.get(sql)
    if (name === undefined) {
      // A bounded set: statements are written as a few fixed shapes.
      if (names.size >= 1000) return { text: sql, values: [...params] }
      name = `tote_${names.size}`
      names.set(sql, name)
    }
    return { name, text: sql, values: [...params] }
  }
  const storage: Storage = {
    kind: 'postgres',
    query: async <T extends Row>(sql: string, params: readonly unknown[] = []) => {
      const result = await pool.query(prepared(sql, params))
      return { rows: result.rows as T[] }
    },
    transaction: async (work) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work({
          query: async <T extends Row>(sql: string, params: readonly unknown[] = []) => {
            const rows = await client.query(prepared(sql, params))
            return { rows: rows.rows as T[] }
          },
        })
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
  await migrate(storage)
  return storage
}

/**
 * Applies the migrations not yet applied, in order, each in its own transaction. Safe to run
 * from several instances at once: an advisory lock lets one migrate while the others wait.
 */
export async function migrate(storage: Storage): Promise<number[]> {
  const applied: number[] = []
  await storage.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(74686574)')
    await tx.query(
      `CREATE TABLE IF NOT EXISTS tote_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    )
    const { rows } = await tx.query<{ id: number }>('SELECT id FROM tote_migrations')
    const done = new Set(rows.map((row) => row.id))
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue
      for (const statement of migration.statements) await tx.query(statement)
      await tx.query('INSERT INTO tote_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ])
      applied.push(migration.id)
    }
  })
  return applied
}
