export type { CartStatus, RecoveryState } from '@tote/core'
export type {
  CartAttributes,
  CartNote,
  CartStatusRef,
  CheckoutEmail,
  DiscountCodes,
  NoticeList,
  ReadonlyRef,
  TotePluginOptions,
} from './composables/index.ts'
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
