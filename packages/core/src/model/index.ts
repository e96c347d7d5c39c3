// Tote's cart model: its types, the zod/mini shapes of untrusted data, and the functions that
// parse adapter answers and stored state with the rules the shapes leave to plain code.
export type { ModelIssue, ModelResult } from './parse.ts'
export {
  parseCartSnapshot,
  parseMerchandiseList,
  parseRecoveryResult,
  parseWriteResult,
  safeParseCartSnapshot,
  safeParseMerchandise,
} from './parse.ts'
export {
  AttributesSchema,
  CartCostSchema,
  CartLineSchema,
  CartSnapshotSchema,
  CartStatusSchema,
  CurrencySchema,
  DiscountCodeSchema,
  ImageSchema,
  LineQuantitySchema,
  MerchandiseSchema,
  MoneySchema,
} from './schemas.ts'
export type { CartLine, CartSnapshot, Image, Merchandise } from './types.ts'
export { MAX_LINE_QUANTITY } from './types.ts'
