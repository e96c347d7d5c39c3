import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { isoAt } from '../clock/index.ts'
import {
  combineStatements,
  type Queryable,
  type Statement,
  type Storage,
} from '../storage/index.ts'
import { ProtocolError } from './errors.ts'

/** A response to send, and whether it was replayed from an earlier request with the same key. */
export interface StoredResponse {
  status: number
  /** The body as JSON text, or `null` when only its gzip is at hand (a replay). */
  json: string | null
  /** The body gzipped, when it was stored under a key. */
  gzip: Uint8Array | null
  replayed: boolean
}

/** What a write computed: its answer, and the writes still to run (in one statement). */
export interface WriteOutcome {
  status: number
  body: unknown
  /** Run after `body` is known, together with the key's record: one round trip for all. */
  writes?: readonly Statement[]
}

/** The fingerprint of a request: method, path and its parsed body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body)}`)
    .digest('hex')
}

/** Options of {@link withIdempotency}. */
export interface IdempotencyOptions {
  shopId: string
  key: string | undefined
  scope: string
  hash: string
  now: number
  /**
   * A statement that locks what the write changes (the cart's row), run first and in the
   * same statement as the key's claim. Every write then takes the lock before the key, so
   * two requests with one key never wait on each other crosswise.
   */
  lock?: Statement
}

/**
 * Runs a write in one transaction, remembering its response under `key` within `scope` (the
 * route and cart: a key means nothing elsewhere). The same key with the same request replays
 * the first response; with another request it is refused with
 * `idempotency_key_reused` (409). Two concurrent requests with one key are serialized (by the
 * lock, else by the key's primary key): the second waits for the first and then replays it.
 * Failed writes are rolled back with their key, so a retry runs again.
 *
 * Statements: the lock and the key's claim in one, then the work's reads, then the work's
 * writes and the key's record in one.
 */
export async function withIdempotency(
  storage: Storage,
  options: IdempotencyOptions,
  work: (tx: Queryable) => Promise<WriteOutcome>,
): Promise<StoredResponse> {
  const { key, lock } = options
  return storage.transaction(async (tx) => {
    let claimed = false
    if (key !== undefined) {
      const claim = await claimKey(tx, options, key)
      // No row to lock: the work answers why (no such cart), with nothing claimed.
      if (claim === 'claimed') claimed = true
      else if (claim === 'taken') return replay(tx, options, key)
    } else if (lock) {
      await tx.query(lock.sql, lock.params)
    }
    const outcome = await work(tx)
    const json = JSON.stringify(outcome.body)
    const gzip = claimed ? gzipSync(json, { level: 1 }) : null
    const writes = [...(outcome.writes ?? [])]
    if (claimed) {
      // The answer is stored gzipped, where an erasure cannot search it: the address it
      // holds is kept beside it, as JSON, so erasing the address deletes the answer too.
      const email = (outcome.body as { cart?: { email?: unknown } } | null)?.cart?.email
      writes.push({
        sql: `UPDATE idempotency_keys SET status = $4, body = $5, response = $6::jsonb
               WHERE shop_id = $1 AND scope = $2 AND key = $3`,
        params: [
          options.shopId,
          options.scope,
          key,
          outcome.status,
          gzip,
          typeof email === 'string' ? JSON.stringify({ email }) : null,
        ],
      })
    }
    const combined = combineStatements(writes)
    if (combined) await tx.query(combined.sql, combined.params)
    return { status: outcome.status, json, gzip, replayed: false }
  })
}

/** Takes the lock (when there is one), then claims the key: one statement. */
async function claimKey(
  tx: Queryable,
  options: IdempotencyOptions,
  key: string,
): Promise<'claimed' | 'taken' | 'nothing to lock'> {
  const values = [options.shopId, options.scope, key, options.hash, isoAt(options.now)]
  if (!options.lock) {
    const { rows } = await tx.query(
      `INSERT INTO idempotency_keys (shop_id, scope, key, request_hash, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key`,
      values,
    )
    return rows.length > 0 ? 'claimed' : 'taken'
  }
  const at = options.lock.params.length
  const { rows } = await tx.query<{ locked: number; claimed: number }>(
    `WITH locked AS (${options.lock.sql}),
          claimed AS (INSERT INTO idempotency_keys (shop_id, scope, key, request_hash, created_at)
                      SELECT $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5} FROM locked
                      ON CONFLICT DO NOTHING RETURNING 1)
     SELECT (SELECT count(*) FROM locked)::int AS locked, (SELECT count(*) FROM claimed)::int AS claimed`,
    [...options.lock.params, ...values],
  )
  const row = rows[0]!
  if (row.locked === 0) return 'nothing to lock'
  return row.claimed > 0 ? 'claimed' : 'taken'
}

/** The first answer under a key that is already taken, or why it cannot be replayed. */
async function replay(
  tx: Queryable,
  options: IdempotencyOptions,
  key: string,
): Promise<StoredResponse> {
  const { rows } = await tx.query<{
    request_hash: string
    status: number | null
    body: Uint8Array | null
    response: string | null
  }>(
    `SELECT request_hash, status, body, response::text AS response FROM idempotency_keys
      WHERE shop_id = $1 AND scope = $2 AND key = $3`,
    [options.shopId, options.scope, key],
  )
  const stored = rows[0]
  if (!stored || stored.status === null) {
    throw new ProtocolError(
      409,
      'idempotency_key_in_progress',
      'A request with this Idempotency-Key is in progress',
    )
  }
  if (stored.request_hash !== options.hash) {
    throw new ProtocolError(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request',
    )
  }
  // `response` holds the answer itself only for keys stored before answers were gzipped.
  const json = stored.body === null ? stored.response : null
  return { status: stored.status, json, gzip: stored.body, replayed: true }
}
