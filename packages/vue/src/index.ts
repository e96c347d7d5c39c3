export type { ReadonlyRef, RecoveryState } from './composables/index.ts'
export {
  CartKey,
  createTotePlugin,
  useCart,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
  useNotices,
  useRecovery,
} from './composables/index.ts'
