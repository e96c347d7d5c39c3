export type { CartStatus, RecoveryState } from '@tote/core'
export type { ReadonlyRef, TotePluginOptions } from './composables/index.ts'
export {
  CartKey,
  createTotePlugin,
  useCart,
  useCartAttributes,
  useCartCount,
  useCartLine,
  useCartNote,
  useCartStatus,
  useCartView,
  useCheckoutEmail,
  useDiscountCodes,
  useNotices,
  useRecovery,
} from './composables/index.ts'
