import type { CartWriteResult } from '../adapter/index.ts'
import type { CartSnapshot } from '../model/index.ts'
import type { NoticeInput } from '../notices/types.ts'
import type { Failure } from './failure.ts'
import { type Change, createIntent, type Intent, isSatisfied } from './intents.ts'

/** The checkout email waiting to be sent. */
export interface EmailIntent {
  email: string
  consent: boolean
  seq: string
}

/**
 * A cart creation sent without a clear answer. The backend may have made the cart, so it is
 * sent again exactly as it was (same idempotency key, same operations) before anything else:
 * the backend then answers with the cart it already made instead of making a second one.
 */
export interface PendingCreate {
  key: string
  /** The intents it carries: its operations, acknowledged once it is answered. */
  sent: Intent[]
}

/** Everything the sync engine knows. Changed only by {@link reduce}. */
export interface SyncState {
  /** The backend's cart as last confirmed. */
  readonly confirmed: CartSnapshot | null
  /** When `confirmed` was received, in the tabs' shared sequence order. */
  readonly confirmedSeq: string
  readonly cartId: string | null
  /** Orders carts across tabs: a newer epoch (a new cart after checkout) wins. */
  readonly epoch: string
  /** Pending intents by slot, in the order the shopper made them. */
  readonly intents: ReadonlyMap<string, Intent>
  /** Per slot, the newest acknowledged intent: older copies from other tabs are not revived. */
  readonly acked: ReadonlyMap<string, string>
  readonly email: EmailIntent | null
  readonly savedEmail: string | null
  /** The consent last saved with `savedEmail` by this page; `null` when not known. */
  readonly savedConsent: boolean | null
  /** The cart must be fetched again before anything is sent (server wins). */
  readonly stale: boolean
  /** Ask the adapter for the shopper's current cart: no cart id is known yet. */
  readonly lookup: boolean
  readonly creating: PendingCreate | null
  /** The key of the last failed write, sent again with the same operations. */
  readonly retryKey: { opsJson: string; key: string } | null
  /** Failed attempts in a row, for the backoff. */
  readonly attempt: number
  readonly online: boolean
  /** `false` once storage refused a write: the cart lives in memory for this page. */
  readonly storable: boolean
}

/** A state with nothing known, as a page starts. */
export const INITIAL_STATE: SyncState = {
  confirmed: null,
  // The lowest sequence: a stored cart, or any other tab's, is newer than none.
  confirmedSeq: '0',
  cartId: null,
  epoch: '0',
  intents: new Map(),
  acked: new Map(),
  email: null,
  savedEmail: null,
  savedConsent: null,
  stale: false,
  lookup: false,
  creating: null,
  retryKey: null,
  attempt: 0,
  online: true,
  storable: true,
}

/** Something that happened to the engine. `seq` is a fresh sequence number when it needs one. */
export type Action =
  | { type: 'start'; online: boolean; lookup: boolean }
  | { type: 'intent'; change: Change; seq: string }
  | { type: 'email'; email: string; consent: boolean; seq: string }
  | { type: 'stale' }
  | { type: 'online'; online: boolean }
  | { type: 'fetched'; snapshot: CartSnapshot | null; seq: string }
  | { type: 'found'; snapshot: CartSnapshot | null; seq: string }
  | { type: 'creating'; create: PendingCreate }
  | { type: 'written'; result: CartWriteResult; sent: readonly Intent[]; seq: string }
  | { type: 'emailSaved'; result: CartWriteResult; email: EmailIntent; seq: string }
  | {
      type: 'failed'
      failure: Failure
      sent: readonly Intent[] | null
      email?: EmailIntent
      seq: string
    }
  /** A recovered cart becomes the active one, with these changes to send. */
  | { type: 'recovered'; snapshot: CartSnapshot; changes: Change[]; seq: string }
  | { type: 'idle' }
  | { type: 'storageFailed' }

/** A new state and the notices the shopper should see about it. */
export interface Transition {
  state: SyncState
  notices: NoticeInput[]
}

const done = (state: SyncState, notices: NoticeInput[] = []): Transition => ({ state, notices })

/**
 * Whether an intent needs no write: the confirmed cart already is what it asks for, and
 * that snapshot was taken after the intent was made. An older snapshot proves nothing:
 * another tab may have written since and closed before anyone saw its answer.
 */
export const isDone = (state: SyncState, intent: Intent): boolean =>
  intent.seq < state.confirmedSeq && isSatisfied(intent, state.confirmed)

/** Makes `snapshot` the confirmed cart unless it is older than what is applied. */
export function confirm(state: SyncState, snapshot: CartSnapshot, seq: string): SyncState {
  const current = state.confirmed
  if (current && current.id === snapshot.id && snapshot.version < current.version) return state
  return {
    ...state,
    confirmed: snapshot,
    confirmedSeq: seq,
    cartId: snapshot.id,
    creating: null,
    savedEmail: snapshot.email ?? state.savedEmail,
  }
}

/** Records `seq` as the newest acknowledged intent of `slot`, unless a newer one is. */
export function ack(acked: Map<string, string>, slot: string, seq: string): void {
  const seen = acked.get(slot)
  if (!seen || seq > seen) acked.set(slot, seq)
}

/** Removes intents from the outbox, recording them as acknowledged. */
function acknowledge(state: SyncState, sent: readonly Intent[]): SyncState {
  const intents = new Map(state.intents)
  const acked = new Map(state.acked)
  for (const { slot, seq } of sent) {
    if (intents.get(slot)?.seq === seq) intents.delete(slot)
    ack(acked, slot, seq)
  }
  return { ...state, intents, acked }
}

/** Drops intents the confirmed cart already satisfies. */
function dropSatisfied(state: SyncState): SyncState {
  // Without a snapshot, "no such line" may only mean another tab's create is in flight:
  // acknowledging a removal then would let the line come back.
  if (!state.confirmed) return state
  const satisfied = [...state.intents.values()].filter((intent) => isDone(state, intent))
  return satisfied.length === 0 ? state : acknowledge(state, satisfied)
}

/** Drops the removals from the outbox: there is no cart to remove them from. */
function withoutRemovals(state: SyncState): SyncState {
  const intents = new Map(state.intents)
  for (const [slot, intent] of intents) {
    if (intent.kind === 'line' && intent.quantity === 0) intents.delete(slot)
  }
  return intents.size === state.intents.size ? state : { ...state, intents }
}

/**
 * The backend says the cart is over (`completed`: it became an order): start a new one,
 * keeping unconfirmed additions (R17).
 */
function cartGone(state: SyncState, completed: boolean, seq: string): Transition {
  const next: SyncState = {
    ...state,
    confirmed: null,
    cartId: null,
    stale: false,
    retryKey: null,
    creating: null,
    epoch: seq,
  }
  // Intents were targets for the old cart; on the new one, only additions make sense.
  const notices: NoticeInput[] =
    state.cartId === null ? [] : [{ code: completed ? 'cart_completed' : 'cart_expired' }]
  return done(withoutRemovals(next), notices)
}

/**
 * What a write's answer means for each line it set: the backend may have given less than
 * asked (stock) without saying so; the shopper is told.
 */
function adjustments(
  sent: readonly Intent[],
  cart: CartSnapshot,
  previous: CartSnapshot | null,
  reported: ReadonlySet<string | undefined>,
): NoticeInput[] {
  return sent.flatMap((intent): NoticeInput[] => {
    if (intent.kind !== 'line' || reported.has(intent.key)) return []
    const { key: lineKey, merchandiseId, quantity: from } = intent
    const to = cart.lines.find((line) => line.key === lineKey)?.quantity ?? 0
    if (to === from) return []
    const title =
      intent.merchandise?.productTitle ??
      previous?.lines.find((line) => line.key === lineKey)?.merchandise.productTitle
    const code = to === 0 ? 'out_of_stock' : to < from ? 'insufficient_stock' : 'quantity_adjusted'
    return [{ code, lineKey, merchandiseId, from, to, ...(title ? { title } : {}) }]
  })
}

/** A write's answer: server wins, acknowledged intents drop, the rest replay on top. */
function written(
  state: SyncState,
  result: CartWriteResult,
  sent: readonly Intent[],
  seq: string,
): Transition {
  const created = state.cartId === null ? { ...state, epoch: seq } : state
  const next = acknowledge(confirm(created, result.cart, seq), sent)
  const reported = new Set(result.notices.map((notice) => notice.lineKey))
  const notices = [...result.notices, ...adjustments(sent, result.cart, state.confirmed, reported)]
  const succeeded = { ...next, attempt: 0, retryKey: null }
  if (result.cart.status !== 'completed') return done(succeeded, notices)
  const gone = cartGone(succeeded, true, seq)
  return done(gone.state, [...notices, ...gone.notices])
}

/** What a failed call means, as {@link classifyFailure} decided it. */
function failed(state: SyncState, action: Action & { type: 'failed' }): Transition {
  const { failure, sent, seq } = action
  switch (failure.kind) {
    case 'gone':
      return cartGone(state, failure.code === 'cart_completed', seq)
    case 'refused':
      // A newer email typed meanwhile stays to be sent.
      return done(state.email?.seq === action.email?.seq ? { ...state, email: null } : state)
    case 'rejected': {
      // The backend refused the batch: roll its lines back to the server's value, loudly.
      const batch = sent ?? []
      const explained = new Set(failure.notices.map((notice) => notice.lineKey))
      const rollbacks = batch.flatMap((intent): NoticeInput[] =>
        intent.kind === 'line' && !explained.has(intent.key)
          ? [{ code: 'rejected', lineKey: intent.key, merchandiseId: intent.merchandiseId }]
          : [],
      )
      const next = acknowledge(state, batch)
      return done({ ...next, retryKey: null, creating: null, stale: state.cartId !== null }, [
        ...failure.notices,
        ...rollbacks,
      ])
    }
    case 'retry':
      return done({
        ...state,
        attempt: state.attempt + 1,
        stale: state.stale || (failure.refetch && state.cartId !== null),
        retryKey: failure.forgetKey ? null : (failure.retryKey ?? state.retryKey),
        creating: failure.forgetKey ? null : state.creating,
      })
  }
}

/** A recovered cart becomes the active one; its changes (see `@tote/core/recovery`) go to the outbox. */
function recovered(state: SyncState, action: Action & { type: 'recovered' }): Transition {
  const { snapshot, seq } = action
  const next = confirm(
    { ...state, stale: false, retryKey: null, creating: null, epoch: seq, confirmed: null },
    snapshot,
    seq,
  )
  const intents = new Map<string, Intent>()
  for (const change of action.changes) {
    const intent = createIntent(change, seq)
    intents.set(intent.slot, intent)
  }
  return done({ ...next, intents })
}

/** The one place the engine's state changes: a pure function of the state and an action. */
export function reduce(state: SyncState, action: Action): Transition {
  switch (action.type) {
    case 'start':
      return done({
        ...state,
        online: action.online,
        // A stored cart may have changed elsewhere (checkout, prices): show it, then refetch it.
        stale: state.stale || state.cartId !== null,
        lookup: state.cartId === null && action.lookup,
      })
    case 'intent': {
      // Overwriting keeps the slot's first position, so lines keep their order on screen.
      const intent = createIntent(action.change, action.seq)
      return done({ ...state, intents: new Map(state.intents).set(intent.slot, intent) })
    }
    case 'email':
      return done({
        ...state,
        email: { email: action.email, consent: action.consent, seq: action.seq },
      })
    case 'stale':
      return done(state.cartId === null ? state : { ...state, stale: true })
    case 'online':
      return done({ ...state, online: action.online })
    case 'fetched': {
      const fetched = { ...state, stale: false }
      if (action.snapshot?.status !== 'active') {
        return cartGone(fetched, action.snapshot !== null, action.seq)
      }
      const next = dropSatisfied(confirm(fetched, action.snapshot, action.seq))
      return done({ ...next, attempt: 0, retryKey: null })
    }
    case 'found': {
      const next = { ...state, lookup: false, attempt: 0 }
      const { snapshot } = action
      if (snapshot?.status !== 'active' || state.cartId !== null) return done(next)
      return done(confirm({ ...next, epoch: action.seq }, snapshot, action.seq))
    }
    case 'creating':
      return done({ ...state, creating: action.create })
    case 'written':
      return written(state, action.result, action.sent, action.seq)
    case 'emailSaved': {
      const saved = written(state, action.result, [], action.seq)
      return done(
        {
          ...saved.state,
          email: state.email?.seq === action.email.seq ? null : saved.state.email,
          savedEmail: action.email.email,
          savedConsent: action.email.consent,
        },
        saved.notices,
      )
    }
    case 'failed':
      return failed(state, action)
    case 'recovered':
      return recovered(state, action)
    case 'idle': {
      // With no cart and no create under way, a removal has nothing to remove. It is dropped
      // without a tombstone: if another tab is creating the cart, its own copy removes the line.
      const next = dropSatisfied(state)
      return done(next.cartId === null && next.creating === null ? withoutRemovals(next) : next)
    }
    case 'storageFailed':
      return done({ ...state, storable: false }, [{ code: 'storage_unavailable' }])
  }
}
