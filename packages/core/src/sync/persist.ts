import * as z from 'zod/mini'
import { detailProblem } from '../details/index.ts'
import type { StorageLike } from '../env/index.ts'
import {
  cartRules,
  firstIssue,
  integer,
  merchandiseRules,
  nonEmpty,
  oneOf,
  type Path,
  parseWith,
  type Report,
  stringMap,
} from '../model/parse.ts'
import { CartSnapshotSchema, MerchandiseSchema, number, string } from '../model/schemas.ts'
import { type CartSnapshot, MAX_LINE_QUANTITY } from '../model/types.ts'
import type { Intent } from './intents.ts'

/** The version of the persisted format; anything else is discarded on load. */
export const PERSIST_VERSION = 1

/** What survives a reload: the confirmed cart and the outbox of unconfirmed intents. */
export interface PersistedState {
  v: typeof PERSIST_VERSION
  /** Orders carts across tabs: a newer epoch (a new cart after checkout) wins. */
  epoch: string
  cartId: string | null
  /** When `cart` was received: intents made after it are not proven done by it. */
  confirmedSeq: string
  cart: CartSnapshot | null
  intents: Intent[]
  /** Per slot, the newest acknowledged intent: older copies from other tabs are not revived. */
  acked: Record<string, string>
  email?: string
  /** A cart creation sent without a clear answer: resent with the same key by whichever tab. */
  creating?: { key: string; sent: Intent[] }
}

const unknown = /* @__PURE__ */ z.unknown()

/**
 * The shape of the persisted state. Each intent is read by the shape of its kind, and the
 * rest (sequence numbers, the cart's rules, attribute maps) is checked in plain code below.
 */
export const PersistedStateSchema = /* @__PURE__ */ z.object({
  v: number,
  epoch: string,
  cartId: /* @__PURE__ */ z.nullable(string),
  confirmedSeq: string,
  cart: /* @__PURE__ */ z.nullable(CartSnapshotSchema),
  intents: /* @__PURE__ */ z.array(unknown),
  acked: unknown,
  email: /* @__PURE__ */ z.optional(string),
  creating: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.object({ key: string, sent: /* @__PURE__ */ z.array(unknown) }),
  ),
})

// One object shape per kind of intent, picked by `kind` in plain code: a discriminated union
// would add its own code to every bundle. (No shared `...base`: a spread would keep these
// shapes, and zod, in bundles that never read stored state.)
const INTENT_SHAPES = {
  line: /* @__PURE__ */ z.object({
    kind: string,
    slot: string,
    seq: string,
    key: string,
    merchandiseId: string,
    attributes: unknown,
    sellingPlanId: /* @__PURE__ */ z.optional(string),
    quantity: number,
    merchandise: /* @__PURE__ */ z.nullable(MerchandiseSchema),
  }),
  note: /* @__PURE__ */ z.object({ kind: string, slot: string, seq: string, note: string }),
  attributes: /* @__PURE__ */ z.object({
    kind: string,
    slot: string,
    seq: string,
    attributes: unknown,
  }),
  discounts: /* @__PURE__ */ z.object({
    kind: string,
    slot: string,
    seq: string,
    codes: /* @__PURE__ */ z.array(string),
  }),
  detail: /* @__PURE__ */ z.object({
    kind: string,
    slot: string,
    seq: string,
    name: string,
    value: unknown,
  }),
}
const INTENT_KINDS = /* @__PURE__ */ Object.keys(INTENT_SHAPES)

function seq(value: string, path: Path, report: Report): void {
  if (value.length < 1 || value.length > 64) {
    report(path, `expected a sequence number of 1 to 64 characters, got ${value.length}`)
  }
}

function intentRules(intent: Intent, report: Report): void {
  seq(intent.seq, ['seq'], report)
  switch (intent.kind) {
    case 'line':
      nonEmpty(intent.key, ['key'], report)
      nonEmpty(intent.merchandiseId, ['merchandiseId'], report)
      intent.attributes = stringMap(intent.attributes, ['attributes'], report)
      integer(intent.quantity, ['quantity'], report, 0, MAX_LINE_QUANTITY)
      if (intent.merchandise) merchandiseRules(intent.merchandise, ['merchandise'], report)
      return
    case 'attributes':
      intent.attributes = stringMap(intent.attributes, ['attributes'], report)
      break
    case 'detail': {
      const problem = detailProblem(intent.name, intent.value)
      if (problem) report(['value'], problem)
      if (intent.slot !== `detail:${intent.name}`)
        report(['slot'], `expected "detail:${intent.name}"`)
      return
    }
  }
  // The note, attributes and discount codes each have one slot, named after them.
  if (intent.slot !== intent.kind) report(['slot'], `expected "${intent.kind}"`)
}

/** Reads the stored intents, each by the shape of its kind; issues are reported under `path`. */
function intents(values: readonly unknown[], path: Path, report: Report): Intent[] {
  return values.flatMap((value, index) => {
    const at = [...path, index]
    const kind = (value as { kind?: unknown } | null)?.kind
    if (!oneOf(kind, INTENT_KINDS, [...at, 'kind'], report)) return []
    const shape = INTENT_SHAPES[kind as keyof typeof INTENT_SHAPES]
    const parsed = parseWith<Intent>(shape.safeParse(value), intentRules)
    if (parsed.success) return [parsed.data]
    for (const issue of parsed.issues) report([...at, ...issue.path], issue.message)
    return []
  })
}

function stateRules(state: PersistedState, report: Report): void {
  seq(state.epoch, ['epoch'], report)
  if (state.cartId !== null) nonEmpty(state.cartId, ['cartId'], report)
  seq(state.confirmedSeq, ['confirmedSeq'], report)
  if (state.cart) cartRules(state.cart, ['cart'], report)
  state.intents = intents(state.intents, ['intents'], report)
  state.acked = stringMap(state.acked, ['acked'], report)
  for (const [slot, value] of Object.entries(state.acked)) seq(value, ['acked', slot], report)
  if (state.creating) {
    nonEmpty(state.creating.key, ['creating', 'key'], report)
    state.creating.sent = intents(state.creating.sent, ['creating', 'sent'], report)
  }
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
  const version = (json as { v?: unknown } | null)?.v
  if (version !== PERSIST_VERSION) {
    return {
      kind: 'discarded',
      reason: `unknown version ${String(version)}`,
      cartId: salvageCartId(raw),
    }
  }
  const parsed = parseWith<PersistedState>(PersistedStateSchema.safeParse(json), stateRules)
  if (!parsed.success) {
    const reason = `invalid shape (${firstIssue(parsed.issues, 'state')})`
    return { kind: 'discarded', reason, cartId: salvageCartId(raw) }
  }
  return { kind: 'ok', state: parsed.data }
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
