export type {
  AdapterCapabilities,
  AdapterContext,
  CaptureEmailInput,
  CartAdapter,
  CartOp,
  CartWriteResult,
  CreateCartInput,
  RecoveryResult,
} from './adapter/index.ts'
export type { Address, AddressIssue, AddressRule, AddressValidation } from './address/index.ts'
export { AddressSchema, parseAddress, validateAddress } from './address/index.ts'
export { createCart } from './cart/index.ts'
export type {
  AddToCartInput,
  Cart,
  CartLineView,
  CartOptions,
  CartSyncStatus,
  CartView,
  EmailCaptureState,
  EstimatedMoney,
  OpenRecoveryOptions,
  RecoveryReport,
  RecoveryState,
} from './cart/types.ts'
export type {
  BindEmailInputOptions,
  ConsentInputLike,
  EmailInputLike,
} from './email-input/index.ts'
export { bindEmailInput } from './email-input/index.ts'
export type { ChannelLike, LocksLike, StorageLike, ToteEnvironment } from './env/index.ts'
export { browserEnvironment } from './env/index.ts'
export type { ToteAdapterErrorOptions, ToteErrorCode, ToteErrorOptions } from './errors/index.ts'
export {
  AMBIGUOUS_ERROR_CODES,
  isToteAdapterError,
  isToteError,
  ToteAdapterError,
  ToteArgumentError,
  ToteError,
} from './errors/index.ts'
export type {
  CartEvent,
  CartEvents,
  CartRecoveredEvent,
  CheckoutStartedEvent,
  EmailCapturedEvent,
  Emitter,
  EmitterOptions,
  EventItem,
  EventLineSource,
  Ga4Event,
  Ga4Item,
  LineAddedEvent,
  LineRemovedEvent,
  Listener,
  QuantityChangedEvent,
} from './events/index.ts'
export {
  CART_EVENT_TYPES,
  cartRecoveredEvent,
  checkoutStartedEvent,
  createEmitter,
  lineChangeEvent,
  toEventItem,
  toGa4,
} from './events/index.ts'
export type { HttpErrorInit, JsonResponse } from './http-errors/index.ts'
export {
  httpError,
  httpErrorCode,
  parseJsonBody,
  parseRetryAfter,
  readJsonResponse,
  transportError,
} from './http-errors/index.ts'
export type {
  Language,
  Message,
  MessageKey,
  Messages,
  PluralMessage,
  Translator,
  TranslatorOptions,
} from './i18n/index.ts'
export { createTranslator, interpolate, MESSAGES, resolveLanguage, toNotice } from './i18n/index.ts'
export type { LineAttributes } from './line-key/index.ts'
export { lineKey, sameAttributes } from './line-key/index.ts'
export type { CartLine, CartSnapshot, Merchandise } from './model/index.ts'
export {
  AttributesSchema,
  CartCostSchema,
  CartLineSchema,
  CartSnapshotSchema,
  CartStatusSchema,
  DiscountCodeSchema,
  ImageSchema,
  LineQuantitySchema,
  MAX_LINE_QUANTITY,
  MerchandiseSchema,
  parseCartSnapshot,
} from './model/index.ts'
export type { FormatMoneyOptions, Money } from './money/index.ts'
export {
  addMoney,
  CurrencySchema,
  compareMoney,
  currencyDigits,
  formatMoney,
  MoneySchema,
  money,
  moneyEquals,
  moneyFromCents,
  moneyFromDecimalString,
  moneyFromMajorUnits,
  multiplyMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
} from './money/index.ts'
export type { Notice, NoticeCode, NoticeInput } from './notices/types.ts'
export { NOTICE_CODES, NoticeInputSchema } from './notices/types.ts'
export { assertOps } from './ops/index.ts'
export type { CartPermalink } from './permalink/index.ts'
export { parseCartPermalink } from './permalink/index.ts'
export type {
  LoweredLine,
  ReconcileOptions,
  Reconciliation,
  ReconciliationReport,
  RecoveryCounts,
  RemovalReason,
  RemovedLine,
  RepricedLine,
} from './recovery/index.ts'
export { reconcileRecovery, titleOf } from './recovery/index.ts'
export { EMPTY_VIEW as EMPTY_CART_VIEW } from './sync/view.ts'
export {
  hasTag,
  MAX_TAG_LENGTH,
  normalizeTag,
  TagSchema,
  TagsSchema,
  tagsEqual,
  uniqueTags,
} from './tags/index.ts'
