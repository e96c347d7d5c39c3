export type {
  AbandonmentContext,
  AbandonmentSettings,
  AbandonmentSettingsPatch,
  AbandonmentStats,
  MerchantCartSummary,
  RecoveryRecipients,
  SweepOptions,
  SweepResult,
  SweepTimers,
} from './abandonment/index.ts'
export {
  abandonmentStats,
  listMerchantCarts,
  MAX_DELAY_MINUTES,
  MAX_EMAILS_PER_ADDRESS_PER_DAY,
  MIN_DELAY_MINUTES,
  runAbandonmentSweep,
} from './abandonment/index.ts'
export type {
  CatalogueItem,
  SeedDiscountCode,
  SeedProduct,
  SeedVariant,
  VariantUpdate,
} from './catalogue/index.ts'
export {
  assertSeedCatalogue,
  assertSeedDiscountCodes,
  DEMO_CATALOGUE,
  DEMO_DISCOUNT_CODES,
  seedCatalogue,
  seedDemoCatalogue,
} from './catalogue/index.ts'
export type { Clock, ManualClock } from './clock/index.ts'
export { createManualClock, systemClock } from './clock/index.ts'
export type {
  CustomerDeletion,
  CustomerProfile,
  DeletionBlocker,
  ErasureRequest,
} from './customers/index.ts'
export type {
  Mailer,
  Outbox,
  OutboxEntry,
  OutgoingEmail,
  SendOptions,
  SmtpMailerOptions,
} from './email/mailer.ts'
export { createFolderOutbox, createMemoryOutbox, createSmtpMailer } from './email/mailer.ts'
export type { RecoveryEmailInput, RenderedEmail, ShopIdentity } from './email/render.ts'
export { renderRecoveryEmail } from './email/render.ts'
export type { AdvanceableClock, FastForwardResult } from './fast-forward/index.ts'
export { createSkippableClock } from './fast-forward/index.ts'
export type { ProtocolErrorCode } from './http/errors.ts'
export { ProtocolError } from './http/errors.ts'
export type { CartLimits, RateLimits } from './limits/index.ts'
export {
  CART_LIMIT_CEILINGS,
  DEFAULT_CART_LIMITS,
  DEFAULT_RATE_LIMITS,
  MAX_CART_AMOUNT,
  MAX_LINE_AMOUNT,
} from './limits/index.ts'
export type {
  BillingAddress,
  MerchantOrder,
  OrderEvent,
  OrderEventType,
} from './orders/index.ts'
export type { PrivacyContext, PrivacySweepResult } from './privacy/index.ts'
export { runPrivacySweep } from './privacy/index.ts'
export type {
  RecoveryClaims,
  RecoveryKey,
  RecoveryTokenFailure,
  RecoveryTokenResult,
} from './recovery-token/index.ts'
export { signRecoveryToken, verifyRecoveryToken } from './recovery-token/index.ts'
export type { ServerSecrets, ShopConfig, ToteServer, ToteServerOptions } from './server/index.ts'
export { createToteServer } from './server/index.ts'
export type {
  EmbeddedStorageOptions,
  PostgresStorageOptions,
  Queryable,
  Row,
  Storage,
} from './storage/index.ts'
export {
  createEmbeddedStorage,
  createPostgresStorage,
  migrate,
  StorageBusyError,
  StorageLockedError,
} from './storage/index.ts'
export { MAX_TAG_LENGTH, tagKey } from './tags/index.ts'
export type {
  UnsubscribeClaims,
  UnsubscribeTokenFailure,
  UnsubscribeTokenResult,
} from './unsubscribe/index.ts'
export { signUnsubscribeToken, verifyUnsubscribeToken } from './unsubscribe/index.ts'
