export type { RecoveryState } from '@tote/core'
export type { ReadonlyRef, TotePluginOptions } from './composables/index.ts'
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
