/**
 * `@tote/core/recovery`: abandoned-cart recovery, opt-in. Pass {@link recovery} to
 * `createCart` so `cart.openRecovery(link)` reconciles the recovered cart with the catalogue
 * as it is now; carts that never open recovery links do not ship it.
 *
 * @example
 * import { createCart } from '@tote/core'
 * import { recovery } from '@tote/core/recovery'
 *
 * const cart = createCart({ adapter, recovery })
 * const report = await cart.openRecovery(location.href)
 *
 * @module
 */
import { openRecovery } from './open.ts'
import { reconcileRecovery } from './reconcile.ts'

export type { RecoveryHost } from './open.ts'
export type {
  LoweredLine,
  ReconcileOptions,
  Reconciliation,
  ReconciliationReport,
  RecoveryCounts,
  RemovalReason,
  RemovedLine,
  RepricedLine,
} from './reconcile.ts'
export { reconcileRecovery, titleOf } from './reconcile.ts'

/**
 * The recovery module `createCart` takes as its `recovery` option: `cart.openRecovery` opens
 * links with it and reconciles recovered carts with {@link reconcileRecovery}.
 *
 * @example
 * const cart = createCart({ adapter, recovery })
 * await cart.openRecovery('https://shop.example/recover?token=t1')
 */
export const recovery: {
  readonly reconcile: typeof reconcileRecovery
  readonly open: typeof openRecovery
} = {
  reconcile: reconcileRecovery,
  open: openRecovery,
}
