import { createHash } from 'node:crypto'
import { isoAt } from '../clock/index.ts'
import type { Queryable, Storage } from '../storage/index.ts'
import { ProtocolError } from './errors.ts'

/** A response to send, and whether it was replayed from an earlier request with the same key. */
export interface StoredResponse {
  status: number
  body: unknown
  replayed: boolean
}

/** The fingerprint of a request: method, path and its parsed body. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body)}`)
    .digest('hex')
}

/**
 * Runs a write in one transaction, remembering its response under `key` within `scope` (the
 * route and cart: a key means nothing elsewhere). The same key with the same request replays
 * the first response; with another request it is refused with
 * `idempotency_key_reused` (409). Two concurrent requests with one key are serialized by the
 * key's primary key: the second waits for the first and then replays it. Failed writes are
 * rolled back with their key, so a retry runs again.
 */
export async function withIdempotency(
  storage: Storage,
  options: { shopId: string; key: string | undefined; scope: string; hash: string; now: number },
  work: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<StoredResponse> {
  const { key } = options
  return storage.transaction(async (tx) => {
    if (key === undefined) return { ...(await work(tx)), replayed: false }
    const inserted = await tx.query(
      `INSERT INTO idempotency_keys (shop_id, scope, key, request_hash, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING key`,
      [options.shopId, options.scope, key, options.hash, isoAt(options.now)],
    )
    if (inserted.rows.length === 0) {
      const { rows } = await tx.query<{
        request_hash: string
        status: number | null
        response: unknown
      }>(
        `SELECT request_hash, status, response FROM idempotency_keys
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
      return { status: stored.status, body: stored.response, replayed: true }
    }
    const result = await work(tx)
    await tx.query(
      `UPDATE idempotency_keys SET status = $4, response = $5::jsonb
        WHERE shop_id = $1 AND scope = $2 AND key = $3`,
      [options.shopId, options.scope, key, result.status, JSON.stringify(result.body)],
    )
    return { ...result, replayed: false }
  })
}
