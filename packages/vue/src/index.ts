export type { ReadonlyRef, RecoveryState, TotePluginOptions } from './composables/index.ts'
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
