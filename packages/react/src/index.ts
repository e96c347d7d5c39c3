export type { CartProviderProps, RecoveryState } from './hooks/index.ts'
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
