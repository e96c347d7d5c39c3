/**
 * `@tote/core/adapter`: the adapter author's kit. Everything needed to connect Tote to a
 * backend: the {@link CartAdapter} interface, the cart model and the schemas every answer is
 * parsed with, HTTP error and `Retry-After` mapping, money conversions, and the errors to
 * throw. Storefront code imports from `@tote/core` instead.
 *
 * @example
 * import { type CartAdapter, httpError, parseCartSnapshot } from '@tote/core/adapter'
 *
 * @module
 */

// Cart details (delivery address, buyer phone, gift cards, metafields) and their one check.
export type { CartDetailName, CartDetails, DeliveryAddress } from '../details/index.ts'
export { DETAIL_NAMES, detailProblem, giftCardTail } from '../details/index.ts'
// The platform pieces a cart uses, for test support that fakes them.
export type { ChannelLike, LocksLike, StorageLike, ToteEnvironment } from '../env/index.ts'
// The errors adapters throw, and guards that recognize them across bundles.
export type { ToteAdapterErrorOptions, ToteErrorCode, ToteErrorOptions } from '../errors/index.ts'
export {
  isToteAdapterError,
  isToteError,
  ToteAdapterError,
  ToteArgumentError,
  ToteError,
} from '../errors/index.ts'
// HTTP error statuses and `Retry-After` as Tote errors; JSON bodies read without trusting them.
export type { HttpErrorInit, JsonResponse } from '../http-errors/index.ts'
export {
  httpError,
  httpErrorCode,
  parseJsonBody,
  parseRetryAfter,
  readJsonResponse,
  transportError,
} from '../http-errors/index.ts'
// The key of a line: its merchandise id, its attributes and its selling plan.
export type { LineAttributes } from '../line-key/index.ts'
export { lineKey } from '../line-key/index.ts'
// The cart model, its shapes (zod/mini) and the parsers every answer goes through: the
// engine runs them on what an adapter returns, and the conformance suite does the same.
export type {
  CartLine,
  CartSnapshot,
  Merchandise,
  ModelIssue,
  ModelResult,
} from '../model/index.ts'
export {
  CartSnapshotSchema,
  MAX_LINE_QUANTITY,
  MerchandiseSchema,
  parseCartSnapshot,
  parseMerchandiseList,
  parseRecoveryResult,
  parseWriteResult,
  safeParseCartSnapshot,
  safeParseMerchandise,
} from '../model/index.ts'
// Money from the shapes backends use (cents, decimal strings, major units) and back.
export type { Money } from '../money/index.ts'
export {
  addMoney,
  currencyDigits,
  money,
  moneyFromCents,
  moneyFromDecimalString,
  moneyFromMajorUnits,
  sumMoney,
  toDecimalString,
} from '../money/index.ts'
// Notices an adapter reports: a line clamped to stock, a refused discount code.
export type { NoticeCode, NoticeInput } from '../notices/types.ts'
export { NoticeInputSchema } from '../notices/types.ts'
// A batch checked before anything is sent.
export type { CartPlan, LinePlan } from '../ops/index.ts'
export { assertOps, mergeLinesByKey, planBatch } from '../ops/index.ts'
// Cart permalinks (`/cart/101:2,104:1`), which Shopify's recovery links are.
export type { CartPermalink } from '../permalink/index.ts'
export { parseCartPermalink } from '../permalink/index.ts'
// The interface every adapter implements, and what its calls take and return.
export type {
  AdapterCapabilities,
  AdapterContext,
  CaptureEmailInput,
  CartAdapter,
  CartOp,
  CartWriteResult,
  CreateCartInput,
  RecoveryResult,
} from './types.ts'
