// Parsing untrusted data into Tote's model: adapter answers here, stored state in
// `sync/persist.ts`. zod/mini checks the shapes of `schemas.ts`; the rules below are plain
// code, run only on data that has the right shape.
import type { CartWriteResult, RecoveryResult } from '../adapter/types.ts'
import { detailProblem } from '../details/index.ts'
import { expected, ToteAdapterError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import type { Money } from '../money/index.ts'
import { NOTICE_CODES, type NoticeInput, NoticeInputSchema } from '../notices/types.ts'
import { CartSnapshotSchema, MerchandiseSchema, MoneySchema } from './schemas.ts'
import { type CartSnapshot, MAX_LINE_QUANTITY, type Merchandise } from './types.ts'

/** Where untrusted data breaks Tote's model, and why. */
export interface ModelIssue {
  /** The value at fault, such as `['lines', 0, 'quantity']`; empty for the whole value. */
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/** Untrusted data read into Tote's model, or every reason it could not be. */
export type ModelResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly ModelIssue[] }

/** A path inside the value being parsed. */
export type Path = readonly PropertyKey[]

/** Records an issue at `path`. */
export type Report = (path: Path, message: string) => void

/** A zod/mini `safeParse` result, as far as this module reads it. */
interface Shaped {
  success: boolean
  data?: unknown
  error?: { issues: readonly ZodIssueLike[] }
}

interface ZodIssueLike {
  code?: string
  expected?: unknown
  path: readonly PropertyKey[]
  message: string
}

const CURRENCY = /^[A-Z]{3}$/
const CART_STATUSES: readonly CartSnapshot['status'][] = ['active', 'completed']

// RFC 3339 as `z.iso.datetime({ offset: true })` reads it: seconds required, then `Z` or
// `±hh:mm`. The day is checked against its month below.
const DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

/**
 * Runs the plain rules on what passed a zod/mini shape, or lists the shape's issues. The
 * rules may replace parts of the data (attribute maps are copied): zod's output is a copy.
 */
export function parseWith<T>(
  shaped: Shaped,
  rules: (data: T, report: Report) => void,
): ModelResult<T> {
  const issues: ModelIssue[] = []
  if (shaped.success) {
    rules(shaped.data as T, (path, message) => issues.push({ path, message }))
  } else {
    for (const issue of shaped.error?.issues ?? []) {
      issues.push({ path: issue.path, message: zodMessage(issue) })
    }
  }
  return issues.length === 0
    ? { success: true, data: shaped.data as T }
    : { success: false, issues }
}

// zod/mini ships no messages ("Invalid input"); the issue itself says what was expected.
function zodMessage(issue: ZodIssueLike): string {
  return issue.code === 'invalid_type' ? `expected ${String(issue.expected)}` : issue.message
}

/** Whether `value` is a plain object (`{}` or `Object.create(null)`, from any realm). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

/** Checks a safe integer from `min` to `max`. */
export function integer(
  value: number,
  path: Path,
  report: Report,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!Number.isSafeInteger(value)) {
    report(path, expected('a safe integer', value))
  } else if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`
    report(path, `expected an integer ${range}, got ${value}`)
  }
}

/** Checks a value is one of `values`; says whether it is. */
export function oneOf(
  value: unknown,
  values: readonly string[],
  path: Path,
  report: Report,
): boolean {
  const found = values.includes(value as string)
  if (!found) {
    report(path, `expected one of ${values.map((entry) => JSON.stringify(entry)).join(', ')}`)
  }
  return found
}

/** Checks a string is not empty. */
export function nonEmpty(value: string, path: Path, report: Report): void {
  if (value === '') report(path, 'expected a non-empty string')
}

function currency(value: string, path: Path, report: Report): void {
  if (!CURRENCY.test(value)) {
    report(path, expected('an ISO 4217 code such as "EUR"', value))
  }
}

function money(value: Money, path: Path, report: Report): void {
  if (!Number.isSafeInteger(value.amount)) {
    report([...path, 'amount'], expected('a safe integer of minor units', value.amount))
  }
  currency(value.currency, [...path, 'currency'], report)
}

/** Whether a date-time is ISO 8601 with seconds and `Z` or an offset, on a real calendar day. */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value)
  if (!match) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
  return Number(match[3]) <= days
}

/**
 * Reads line or cart attributes: a plain object of strings, copied into a fresh object.
 * `__proto__` is dropped, as zod's records drop it, so it can never set a prototype.
 */
export function stringMap(value: unknown, path: Path, report: Report): Record<string, string> {
  const map: Record<string, string> = {}
  if (!isPlainObject(value)) {
    report(path, expected('an object of strings', value))
    return map
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue
    const entry = value[key]
    if (typeof entry === 'string') map[key] = entry
    else report([...path, key], expected('a string', entry))
  }
  return map
}

/** The rules of merchandise that has the shape of {@link MerchandiseSchema}. */
export function merchandiseRules(item: Merchandise, path: Path, report: Report): void {
  nonEmpty(item.id, [...path, 'id'], report)
  nonEmpty(item.productId, [...path, 'productId'], report)
  if (item.image) nonEmpty(item.image.url, [...path, 'image', 'url'], report)
  money(item.price, [...path, 'price'], report)
  if (item.compareAtPrice) money(item.compareAtPrice, [...path, 'compareAtPrice'], report)
  if (item.quantityAvailable !== null) {
    integer(item.quantityAvailable, [...path, 'quantityAvailable'], report, 0)
  }
}

/**
 * The rules of a cart that has the shape of {@link CartSnapshotSchema}, at `path` (empty for
 * an answer, `['cart']` in stored state). Copies its attribute maps. The rules across fields
 * (one currency, unique lines, keys that match their lines) are reported only once every
 * field is readable.
 */
export function cartRules(cart: CartSnapshot, path: Path, report: Report): void {
  const across: [Path, string][] = []
  let found = false
  const field: Report = (at, message) => {
    found = true
    report(at, message)
  }
  const costs = (cost: Record<string, Money | null>, at: Path) => {
    for (const [name, value] of Object.entries(cost)) {
      if (!value) continue
      money(value, [...at, 'cost', name], field)
      // docs/domain.md R19: amounts are never mixed across currencies.
      if (value.currency !== cart.currency) {
        const message = `money in ${value.currency} inside a ${cart.currency} cart: currencies are never mixed`
        across.push([[...at, 'cost', name], message])
      }
    }
  }
  nonEmpty(cart.id, [...path, 'id'], field)
  integer(cart.version, [...path, 'version'], field, 0)
  oneOf(cart.status, CART_STATUSES, [...path, 'status'], field)
  currency(cart.currency, [...path, 'currency'], field)
  const keys = new Set<string>()
  const ids = new Set<string>()
  cart.lines.forEach((line, index) => {
    const at = [...path, 'lines', index]
    nonEmpty(line.key, [...at, 'key'], field)
    merchandiseRules(line.merchandise, [...at, 'merchandise'], field)
    integer(line.quantity, [...at, 'quantity'], field, 1, MAX_LINE_QUANTITY)
    line.attributes = stringMap(line.attributes, [...at, 'attributes'], field)
    if (line.sellingPlanId !== undefined && line.sellingPlanId !== null) {
      nonEmpty(line.sellingPlanId, [...at, 'sellingPlanId'], field)
    }
    if (line.key !== lineKey(line.merchandise.id, line.attributes, line.sellingPlanId)) {
      across.push([
        [...at, 'key'],
        'line key does not match merchandise, attributes and selling plan',
      ])
    }
    if (keys.has(line.key)) across.push([[...at, 'key'], `duplicate line key ${line.key}`])
    keys.add(line.key)
    if (line.id !== null) {
      if (ids.has(line.id)) across.push([[...at, 'id'], `duplicate line id ${line.id}`])
      ids.add(line.id)
    }
    costs(line.cost, at)
  })
  costs(cart.cost, path)
  cart.attributes = stringMap(cart.attributes, [...path, 'attributes'], field)
  cart.discountCodes.forEach((entry, index) => {
    nonEmpty(entry.code, [...path, 'discountCodes', index, 'code'], field)
  })
  if (cart.details !== undefined) {
    for (const [name, value] of Object.entries(cart.details ?? 0)) {
      const problem = detailProblem(name, value)
      if (problem) field([...path, 'details', name], problem)
    }
  }
  if (!isDateTime(cart.updatedAt)) {
    field(
      [...path, 'updatedAt'],
      expected('an ISO 8601 date-time with seconds and Z or an offset', cart.updatedAt),
    )
  }
  if (!found) for (const [at, message] of across) report(at, message)
}

/**
 * Parses a cart: its shape, then the rules of the model (integers, currency codes, one
 * currency per cart, unique line keys and ids, keys that match their lines, real dates,
 * attribute maps).
 *
 * @example
 * const parsed = safeParseCartSnapshot(JSON.parse(text))
 * if (!parsed.success) console.warn(parsed.issues[0])
 */
export function safeParseCartSnapshot(value: unknown): ModelResult<CartSnapshot> {
  return parseWith<CartSnapshot>(CartSnapshotSchema.safeParse(value), (cart, report) =>
    cartRules(cart, [], report),
  )
}

/**
 * Parses merchandise: its shape, then non-empty ids, integer prices in a currency code and
 * a whole number of units left.
 *
 * @example
 * const parsed = safeParseMerchandise(input.merchandise)
 */
export function safeParseMerchandise(value: unknown): ModelResult<Merchandise> {
  return parseWith<Merchandise>(MerchandiseSchema.safeParse(value), (item, report) =>
    merchandiseRules(item, [], report),
  )
}

/** A notice value (`from`, `to`): a safe integer, money or a string. Money is copied. */
function noticeValue(value: unknown, path: Path, report: Report): NoticeInput['from'] {
  if (value === undefined || typeof value === 'string') return value
  if (typeof value === 'number') {
    integer(value, path, report)
    return value
  }
  const parsed = MoneySchema.safeParse(value)
  if (!parsed.success) {
    report(path, expected('a quantity, money or a string', value))
    return undefined
  }
  money(parsed.data, path, report)
  return parsed.data
}

function safeParseNotice(value: unknown): ModelResult<NoticeInput> {
  return parseWith<NoticeInput>(NoticeInputSchema.safeParse(value), (notice, report) => {
    oneOf(notice.code, NOTICE_CODES, ['code'], report)
    const from = noticeValue(notice.from, ['from'], report)
    const to = noticeValue(notice.to, ['to'], report)
    if (from !== undefined) notice.from = from
    if (to !== undefined) notice.to = to
    const { rule } = notice
    if (rule !== undefined) {
      const { minimum, maximum, increment } = (rule ?? {}) as Partial<typeof rule>
      integer(minimum as number, ['rule', 'minimum'], report, 0)
      integer(increment as number, ['rule', 'increment'], report, 1)
      if (maximum !== null) integer(maximum as number, ['rule', 'maximum'], report, 0)
      notice.rule = { minimum, maximum, increment } as typeof rule
    }
  })
}

/** The first issue as `path: message`; `whole` names the value when the path is empty. */
export function firstIssue(issues: readonly ModelIssue[], whole: string): string {
  const issue = issues[0]
  return `${issue?.path.map(String).join('.') || whole}: ${issue?.message ?? 'invalid'}`
}

/**
 * Parses a cart an adapter answered, or throws a `ToteAdapterError` (`invalid_response`)
 * that names the first field at fault. `source` says whose cart it is.
 *
 * @example
 * const cart = parseCartSnapshot(await adapter.get(cartId, ctx))
 */
export function parseCartSnapshot(value: unknown, source = "the adapter's cart"): CartSnapshot {
  const parsed = safeParseCartSnapshot(value)
  if (parsed.success) return parsed.data
  throw new ToteAdapterError(
    'invalid_response',
    `${source} does not fit Tote's model: ${firstIssue(parsed.issues, 'cart')}`,
    { details: { issues: parsed.issues } },
  )
}

/**
 * Parses what an adapter's `create`, `apply` or `captureEmail` answered: the cart must be
 * valid (or it throws `invalid_response`); a notice Tote cannot read is dropped, as the
 * cart says what happened anyway.
 *
 * @example
 * const result = parseWriteResult(await adapter.apply(cartId, ops, ctx))
 */
export function parseWriteResult(value: unknown): CartWriteResult {
  const answer = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const cart = parseCartSnapshot(answer.cart)
  const notices = Array.isArray(answer.notices)
    ? answer.notices.flatMap((notice) => {
        const parsed = safeParseNotice(notice)
        return parsed.success ? [parsed.data] : []
      })
    : []
  return answer.extensions === undefined
    ? { cart, notices }
    : { cart, notices, extensions: answer.extensions as Record<string, unknown> }
}

/**
 * Parses what an adapter's `recover` answered: the cart as it was and its merchandise now.
 * Unreadable merchandise refuses the whole answer (`invalid_response`): taken for missing,
 * it would pass for a discontinued product.
 *
 * @example
 * const { cart, merchandise } = parseRecoveryResult(await adapter.recover(link, ctx))
 */
export function parseRecoveryResult(value: unknown): RecoveryResult {
  const answer = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const cart = parseCartSnapshot(answer.cart)
  return { cart, merchandise: parseMerchandiseList(answer.merchandise) }
}

/**
 * Parses a list of merchandise an adapter answered, or throws `invalid_response`. One
 * unreadable entry refuses the whole list: left out, it would pass for a discontinued product.
 *
 * @example
 * const merchandise = parseMerchandiseList(body.merchandise)
 */
export function parseMerchandiseList(value: unknown): Merchandise[] {
  if (!Array.isArray(value)) {
    throw new ToteAdapterError('invalid_response', 'the adapter returned no merchandise list')
  }
  return value.map((entry, index) => {
    const parsed = safeParseMerchandise(entry)
    if (parsed.success) return parsed.data
    throw new ToteAdapterError(
      'invalid_response',
      `the adapter returned invalid merchandise at ${index}: ${firstIssue(parsed.issues, 'merchandise')}`,
      { details: { issues: parsed.issues } },
    )
  })
}
