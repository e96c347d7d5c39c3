import type { CartSnapshot } from '../model/index.ts'
import type { Intent } from './intents.ts'
import { PERSIST_VERSION, type PersistedState } from './persist.ts'
import { ack, type SyncState } from './state.ts'

/** Details that are personal data: stored only with `persistEmail`, like the email. */
const PERSONAL = ['deliveryAddress', 'buyerPhone'] as const

/** Whether an intent may be stored: gift card codes never are (they are worth money). */
const storable = (intent: Intent, persistEmail: boolean): boolean =>
  intent.kind !== 'detail' ||
  (intent.name !== 'giftCardCodes' &&
    (persistEmail || !(PERSONAL as readonly string[]).includes(intent.name)))

/** The confirmed cart without its personal data: the email, the address, the phone. */
function withoutPersonal(cart: CartSnapshot): CartSnapshot {
  const details = cart.details && { ...cart.details }
  if (details) for (const name of PERSONAL) delete details[name]
  return { ...cart, email: null, ...(details ? { details } : {}) }
}

/**
 * What this tab stores for the others and for the next page load: the confirmed cart and
 * the outbox. The email, the delivery address and the phone stay out unless `persistEmail`
 * (personal data in storage); gift card codes waiting to be sent are never stored. The
 * backend still has them: a stored cart is fetched again when a page opens it. The one
 * exception is a cart's creation in flight (`creating`, one request): the changes it carries
 * are stored whole until it is answered, so a reload resends the same request and never
 * makes a second cart.
 */
export function toPersisted(state: SyncState, persistEmail: boolean): PersistedState {
  const cart = state.confirmed
  const persisted: PersistedState = {
    v: PERSIST_VERSION,
    epoch: state.epoch,
    cartId: state.cartId,
    confirmedSeq: state.confirmedSeq,
    cart: cart && !persistEmail ? withoutPersonal(cart) : cart,
    intents: [...state.intents.values()].filter((intent) => storable(intent, persistEmail)),
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
