import type { AdapterContext, CartAdapter, CartOp } from '../adapter/types.ts'
import { assertId } from '../cart/assert.ts'
import type { CartView, OpenRecoveryOptions } from '../cart/types.ts'
import { expected, ToteArgumentError, ToteError } from '../errors/index.ts'
import { type CartRecoveredEvent, cartRecoveredEvent } from '../events/index.ts'
import type { CartSnapshot } from '../model/index.ts'
import { parseRecoveryResult } from '../model/parse.ts'
import type { Change } from '../sync/intents.ts'
import { type Reconciliation, type ReconciliationReport, reconcileRecovery } from './reconcile.ts'

type LineChange = Extract<Change, { kind: 'line' }>

/**
 * What opening a recovery link needs from the cart's sync engine: run one adapter call under
 * its write lock, then make the cart `commit` derives from the answer the active one.
 */
export interface RecoveryHost {
  recover<T>(
    call: (adapter: CartAdapter, ctx: AdapterContext) => Promise<T>,
    commit: (answer: T, view: CartView) => { snapshot: CartSnapshot; changes: Change[] },
  ): Promise<void>
}

/**
 * Opens a recovery link on a cart, as `cart.openRecovery` does: the adapter resolves it, its
 * answer is parsed and reconciled with the catalogue now, and the recovered cart becomes the
 * active one with the reconciliation's targets to send. A failure changes nothing. Throws
 * `invalid_recovery_link` for a cart already turned into an order, and a
 * `ToteArgumentError` for a bad link or option, before anything is sent.
 *
 * @example
 * const { report, event } = await openRecovery(engine, link, { onExistingCart: 'merge' })
 */
export async function openRecovery(
  host: RecoveryHost,
  link: string,
  options: OpenRecoveryOptions = {},
): Promise<{ report: ReconciliationReport; event: CartRecoveredEvent }> {
  assertId('link', link)
  const onExisting = options.onExistingCart ?? 'merge'
  if (onExisting !== 'merge' && onExisting !== 'replace') {
    throw new ToteArgumentError(
      'options.onExistingCart',
      expected('"merge" or "replace"', onExisting),
    )
  }
  let reconciliation: Reconciliation | undefined
  await host.recover(
    async (adapter, ctx) => parseRecoveryResult(await adapter.recover(link.trim(), ctx)),
    (result, view) => {
      reconciliation = reconcileRecovery(result)
      if (result.cart.status === 'completed') {
        throw new ToteError('invalid_recovery_link', 'this cart was already turned into an order', {
          details: { reason: 'completed' },
        })
      }
      return {
        snapshot: reconciliation.snapshot,
        changes: recoveredChanges(reconciliation, view, onExisting),
      }
    },
  )
  const { cart, report } = reconciliation as Reconciliation
  return { report, event: cartRecoveredEvent(cart, report.counts) }
}

/**
 * The outbox a recovered cart starts with: the reconciliation's targets, then, with `merge`,
 * the lines of the other cart the shopper had. A line in both keeps the larger quantity, so
 * opening the same cart twice never doubles it.
 *
 * @example
 * recoveredChanges(reconciliation, cart.$cart.get(), 'merge')
 */
export function recoveredChanges(
  reconciliation: Pick<Reconciliation, 'snapshot' | 'ops'>,
  view: CartView,
  onExisting: 'replace' | 'merge',
): Change[] {
  const { snapshot } = reconciliation
  const changes = new Map<string, LineChange>()
  for (const change of changesOf(reconciliation.ops)) changes.set(change.key, change)
  if (view.id !== snapshot.id && onExisting === 'merge') {
    for (const {
      key,
      merchandiseId,
      attributes,
      sellingPlanId,
      quantity,
      merchandise,
    } of view.lines) {
      const there =
        changes.get(key)?.quantity ?? snapshot.lines.find((line) => line.key === key)?.quantity
      const wanted = Math.max(there ?? 0, quantity)
      changes.set(key, {
        kind: 'line',
        key,
        merchandiseId,
        attributes,
        ...(sellingPlanId ? { sellingPlanId } : {}),
        quantity: wanted,
        merchandise,
      })
    }
  }
  return [...changes.values()]
}

/** Turns recovery's target-state operations into changes the outbox keeps. */
export function changesOf(ops: readonly CartOp[]): LineChange[] {
  return ops.flatMap((op): LineChange[] =>
    op.type === 'setLine'
      ? [
          {
            kind: 'line',
            key: op.lineKey,
            merchandiseId: op.merchandiseId,
            attributes: op.attributes,
            ...(op.sellingPlanId ? { sellingPlanId: op.sellingPlanId } : {}),
            quantity: op.quantity,
            merchandise: null,
          },
        ]
      : [],
  )
}
