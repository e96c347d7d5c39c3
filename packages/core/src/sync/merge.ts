import { PERSIST_VERSION, type PersistedState } from './persist.ts'
import { ack, type SyncState } from './state.ts'

/**
 * What this tab stores for the others and for the next page load: the confirmed cart and
 * the outbox. The email stays out unless `persistEmail` (personal data in storage).
 */
export function toPersisted(state: SyncState, persistEmail: boolean): PersistedState {
  const cart = state.confirmed
  const persisted: PersistedState = {
    v: PERSIST_VERSION,
    epoch: state.epoch,
    cartId: state.cartId,
    confirmedSeq: state.confirmedSeq,
    cart: cart && !persistEmail && cart.email ? { ...cart, email: null } : cart,
    intents: [...state.intents.values()],
    acked: Object.fromEntries(state.acked),
  }
  if (state.creating) persisted.creating = state.creating
  const email = state.email?.email ?? state.savedEmail
  if (persistEmail && email) persisted.email = email
  return persisted
}

/** Every sequence number in a stored state, for the tab's clock to move past. */
export function seqsOf(other: PersistedState): string[] {
  return [other.epoch, ...Object.values(other.acked), ...other.intents.map((intent) => intent.seq)]
}

/**
 * Merges another tab's stored state (or the one a page starts with). Carts: the newer epoch
 * wins, then the higher version. Intents: per slot the newest wins, unless already
 * acknowledged. Commutative, so tabs converge. `changed`: whether the shopper sees a difference.
 */
export function mergeState(
  state: SyncState,
  other: PersistedState,
): { state: SyncState; changed: boolean } {
  let next = state
  let changed = false
  const set = (patch: Partial<SyncState>) => {
    next = { ...next, ...patch }
    changed = true
  }
  if (other.epoch > next.epoch) {
    if (other.cartId !== next.cartId) {
      set({
        confirmed: other.cart,
        confirmedSeq: other.confirmedSeq,
        cartId: other.cartId,
        stale: false,
        creating: other.cartId === null ? (other.creating ?? null) : null,
      })
    }
    next = { ...next, epoch: other.epoch }
  }
  const cart = other.cart
  if (
    cart &&
    cart.id === next.cartId &&
    (!next.confirmed || cart.version > next.confirmed.version)
  ) {
    set({ confirmed: cart, confirmedSeq: other.confirmedSeq, creating: null })
  }
  // A create under way in another tab is resent as is, never doubled by a second one.
  if (
    next.cartId === null &&
    other.cartId === null &&
    other.creating &&
    other.epoch === next.epoch
  ) {
    const mine = next.creating
    if (!mine || other.creating.key < mine.key) set({ creating: other.creating })
  }
  const acked = new Map(next.acked)
  for (const [slot, seq] of Object.entries(other.acked)) ack(acked, slot, seq)
  const intents = new Map(next.intents)
  for (const intent of other.intents) {
    const mine = intents.get(intent.slot)
    if (!mine || intent.seq > mine.seq) {
      intents.set(intent.slot, intent)
      changed = true
    }
  }
  for (const [slot, intent] of intents) {
    const seen = acked.get(slot)
    if (seen && intent.seq <= seen) {
      intents.delete(slot)
      changed = true
    }
  }
  const savedEmail = next.savedEmail ?? other.email ?? null
  return { state: { ...next, acked, intents, savedEmail }, changed }
}
