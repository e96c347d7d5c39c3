import * as z from 'zod/mini'
import type { StorageLike } from '../env/index.ts'
import { AttributesSchema, CartSnapshotSchema, MerchandiseSchema } from '../model/index.ts'
import type { Intent } from './intents.ts'

/** The version of the persisted format; anything else is discarded on load. */
export const PERSIST_VERSION = 1

const Seq = z.string().check(z.minLength(1), z.maxLength(64))
const Quantity = z.int().check(z.minimum(0), z.maximum(1_000_000))

const IntentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('line'),
    slot: z.string(),
    seq: Seq,
    key: z.string().check(z.minLength(1)),
    merchandiseId: z.string().check(z.minLength(1)),
    attributes: AttributesSchema,
    quantity: Quantity,
    merchandise: z.nullable(MerchandiseSchema),
  }),
  z.object({ kind: z.literal('note'), slot: z.literal('note'), seq: Seq, note: z.string() }),
  z.object({
    kind: z.literal('attributes'),
    slot: z.literal('attributes'),
    seq: Seq,
    attributes: AttributesSchema,
  }),
  z.object({
    kind: z.literal('discounts'),
    slot: z.literal('discounts'),
    seq: Seq,
    codes: z.array(z.string()),
  }),
])

/** What survives a reload: the confirmed cart and the outbox of unconfirmed intents. */
export const PersistedStateSchema = z.object({
  v: z.literal(PERSIST_VERSION),
  /** Orders carts across tabs: a newer epoch (a new cart after checkout) wins. */
  epoch: Seq,
  cartId: z.nullable(z.string().check(z.minLength(1))),
  /** When `cart` was received: intents made after it are not proven done by it. */
  confirmedSeq: Seq,
  cart: z.nullable(CartSnapshotSchema),
  intents: z.array(IntentSchema),
  /** Per slot, the newest acknowledged intent: older copies from other tabs are not revived. */
  acked: z.record(z.string(), Seq),
  email: z.optional(z.string()),
})

/** The persisted state. */
export type PersistedState = Omit<z.infer<typeof PersistedStateSchema>, 'intents'> & {
  intents: Intent[]
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** The outcome of reading the persisted state. */
export type LoadResult =
  | { kind: 'empty' }
  | { kind: 'ok'; state: PersistedState }
  /** Unreadable: discarded. `cartId` is what could still be salvaged, to refetch the cart. */
  | { kind: 'discarded'; reason: string; cartId: string | null }

/**
 * Reads and validates the persisted state. Corrupt JSON, an unknown version, prototype
 * keys or a wrong shape are discarded, never trusted.
 */
export function loadState(storage: StorageLike, key: string): LoadResult {
  let raw: string | null
  try {
    raw = storage.getItem(key)
  } catch {
    return { kind: 'empty' }
  }
  if (raw === null) return { kind: 'empty' }
  let json: unknown
  try {
    json = JSON.parse(raw, (name, value) => {
      if (FORBIDDEN_KEYS.has(name)) throw new Error(`forbidden key ${name}`)
      return value
    })
  } catch (error) {
    return {
      kind: 'discarded',
      reason: `unreadable JSON (${(error as Error).message})`,
      cartId: salvageCartId(raw),
    }
  }
  const parsed = PersistedStateSchema.safeParse(json)
  if (!parsed.success) {
    const version = (json as { v?: unknown } | null)?.v
    const reason =
      version === PERSIST_VERSION ? 'invalid shape' : `unknown version ${String(version)}`
    return { kind: 'discarded', reason, cartId: salvageCartId(raw) }
  }
  return { kind: 'ok', state: parsed.data as PersistedState }
}

/** Finds a plausible cart id in a damaged record, so the cart can be fetched again. */
function salvageCartId(raw: string): string | null {
  const match = /"cartId"\s*:\s*"([^"\\]{1,200})"/.exec(raw)
  return match ? (match[1] as string) : null
}

/** The state as it is stored. */
export function serializeState(state: PersistedState): string {
  return JSON.stringify(state)
}

/** Writes a serialized state; returns the error when storage refuses (quota, security). */
export function saveState(storage: StorageLike, key: string, serialized: string): unknown {
  try {
    storage.setItem(key, serialized)
    return undefined
  } catch (error) {
    return error
  }
}
