export type { RecoveryState } from '@tote/core'
export type { CartProviderProps } from './hooks/index.ts'
export {
  CartProvider,
  useCart,
  useCartCount,
  useCartLine,
  useCartView,
  useCheckoutEmail,
  useNotices,
  useRecovery,
} from './hooks/index.ts'
