export type { MedusaAdapterOptions, MedusaRecoveryOptions } from './adapter/index.ts'
export { createMedusaAdapter } from './adapter/index.ts'
export { moneyFromMedusa } from './money/index.ts'
export type {
  RecoveryLinkCheck,
  RecoveryLinkFailure,
  RecoveryLinkOptions,
} from './recovery/index.ts'
export {
  createMedusaRecoveryLink,
  RECOVERY_LINK_LIFETIME_MS,
  verifyMedusaRecoveryLink,
} from './recovery/index.ts'
