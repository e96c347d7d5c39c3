export type { CartStatus, RecoveryState } from '@tote/core'
export type { CartProviderProps } from './hooks/index.ts'
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
