export type { CartStatus, RecoveryState } from '@tote/core'
export type {
  CartAttributes,
  CartNote,
  CartProviderProps,
  CartStatusWithRetry,
  CheckoutEmail,
  DiscountCodes,
  NoticeList,
} from './hooks/index.ts'
export {
  CartProvider,
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
} from './hooks/index.ts'
