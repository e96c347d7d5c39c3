/**
 * `@tote/core`: the storefront cart, for app and theme code. `createCart` gives stores to
 * render from and actions that change them at once, synced to the backend behind an adapter.
 *
 * Opt-in features and other audiences have their own entry points:
 * `@tote/core/recovery` (abandoned-cart recovery links), `@tote/core/messages/fr` and
 * `@tote/core/messages/nb` (notice messages), `@tote/core/analytics` (GA4 events),
 * `@tote/core/email-input` (binding an email field), `@tote/core/address` (address rules) and `@tote/core/adapter` (the kit for
 * writing adapters).
 *
 * @example
 * import { createCart, formatMoney } from '@tote/core'
 *
 * const cart = createCart({ adapter: createRestAdapter({ baseUrl: 'https://api.shop.example' }) })
 * cart.$subtotal.subscribe(({ amount }) => {
 *   total.textContent = amount ? formatMoney(amount) : ''
 * })
 *
 * @module
 */

export type { CartAdapter } from './adapter/types.ts'
export { EMPTY_CART_VIEW } from './cart/empty-view.ts'
export { createCart } from './cart/index.ts'
export type { CartStatus } from './cart/status.ts'
export { cartStatus } from './cart/status.ts'
export type {
  AddToCartInput,
  Cart,
  CartLineView,
  CartOptions,
  CartSyncStatus,
  CartView,
  EmailCaptureState,
  EstimatedMoney,
  OpenRecoveryOptions,
  RecoveryReport,
  RecoveryState,
} from './cart/types.ts'
export type { ToteEnvironment } from './env/index.ts'
export type { ToteErrorCode } from './errors/index.ts'
export {
  isToteAdapterError,
  isToteError,
  ToteAdapterError,
  ToteArgumentError,
  ToteError,
} from './errors/index.ts'
export type { CartEvent, CartEvents } from './events/index.ts'
export type { Messages } from './i18n/index.ts'
export type { LineAttributes } from './line-key/index.ts'
export { lineKey } from './line-key/index.ts'
export type { CartLine, CartSnapshot, Merchandise } from './model/index.ts'
export type { FormatMoneyOptions, Money } from './money/index.ts'
export {
  addMoney,
  formatMoney,
  money,
  multiplyMoney,
  subtractMoney,
} from './money/index.ts'
export type { Notice, NoticeCode } from './notices/types.ts'
