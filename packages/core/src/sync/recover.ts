import type { RecoveryResult } from '../adapter/index.ts'
import type { CartView } from '../cart/types.ts'
import { ToteError } from '../errors/index.ts'
import type { Reconciliation } from '../recovery/index.ts'
import { type Change, changesOf } from './intents.ts'
import type { Action } from './state.ts'

/**
 * What opening a recovery link commits: the backend's cart (priced as it is now) and the
 * reconciliation's changes; with `merge`, the lines of the cart the shopper had are carried
 * over. Throws `invalid_recovery_link` for a cart already turned into an order.
 *
 * @example
 * engine.dispatch(recoveredAction(result, reconcileRecovery(result), view, 'merge', seq))
 */
export function recoveredAction(
  result: RecoveryResult,
  reconciliation: Reconciliation,
  view: CartView,
  onExisting: 'replace' | 'merge',
  seq: string,
): Action {
  if (result.cart.status === 'completed') {
    throw new ToteError('invalid_recovery_link', 'this cart was already turned into an order', {
      details: { reason: 'completed' },
    })
  }
  const carried =
    view.id !== result.cart.id && onExisting === 'merge'
      ? view.lines
          .filter((line) => line.quantity > 0)
          .map(
            (line): Change => ({
              kind: 'line',
              key: line.key,
              merchandiseId: line.merchandiseId,
              attributes: line.attributes,
              quantity: line.quantity,
              merchandise: line.merchandise,
            }),
          )
      : []
  return {
    type: 'recovered',
    snapshot: reconciliation.snapshot,
    changes: changesOf(reconciliation.ops),
    carried,
    seq,
  }
}
