import {
  type AdapterCapabilities,
  type AdapterContext,
  assertOps,
  type CaptureEmailInput,
  type CartAdapter,
  type CartLine,
  type CartOp,
  type CartSnapshot,
  type CartWriteResult,
  type CreateCartInput,
  giftCardTail,
  httpError,
  isToteError,
  lineKey,
  type Merchandise,
  type NoticeInput,
  parseCartPermalink,
  type RecoveryResult,
  readJsonResponse,
  ToteAdapterError,
  ToteArgumentError,
} from '@tote/core/adapter'
import { militaryAddressRules } from '@tote/core/address'
import ky, { type KyInstance } from 'ky'
import type * as z from 'zod/mini'
import {
  BATCH_STEPS,
  type BatchStep,
  batchMutation,
  CART_CREATE_MUTATION,
  CART_LINES_QUERY,
  CART_QUERY,
  MERCHANDISE_QUERY,
} from '../documents/index.ts'
import { storefrontCartId, variantGid } from '../ids/index.ts'
import {
  storefrontLineKey,
  toAttributeInput,
  toMerchandise,
  toMoney,
  toSnapshot,
} from '../mapping/index.ts'
import {
  type Cart,
  CartLinesQueryDataSchema,
  CartQueryDataSchema,
  CartSchema,
  EnvelopeSchema,
  isFields,
  isNode,
  type Line,
  MerchandiseQueryDataSchema,
  PayloadSchema,
  type UserError,
  VariantSchema,
  type Warning,
  wholeNumbers,
} from '../schemas/index.ts'
import {
  buildNotices,
  isStockRefusal,
  type LinePlan,
  type QuantityRule,
  reconcileLines,
  refusalNotice,
  warningKeys,
  warningNotice,
} from './reconcile.ts'

/** The Storefront API version Tote is built and tested against (the shipped schema's). */
export const STOREFRONT_API_VERSION = '2026-04'

/**
 * Who is buying, for `@inContext(buyer:)`: a signed-in customer (their Customer Account API
 * access token) and, for a B2B buyer, the company location they buy for. Prices, quantity
 * rules and the checkout follow.
 *
 * @example
 * const buyer: ShopifyBuyer = { customerAccessToken: token, companyLocationId: 'gid://shopify/CompanyLocation/1' }
 */
export interface ShopifyBuyer {
  customerAccessToken: string
  companyLocationId?: string
}

/**
 * The visitor's consent, for `@inContext(visitorConsent:)` (Storefront API 2025-10 and later):
 * Shopify encodes it into the cart's `checkoutUrl` (its `_cs` parameter). A purpose left out
 * is "no preference expressed".
 *
 * @example
 * const consent: ShopifyVisitorConsent = { analytics: true, marketing: false }
 */
export interface ShopifyVisitorConsent {
  analytics?: boolean
  marketing?: boolean
  preferences?: boolean
  saleOfData?: boolean
}

/**
 * What `@inContext` carries besides the country; {@link ShopifyAdapter.setContext} changes it.
 *
 * @example
 * adapter.setContext({ visitorConsent: { analytics: true } })
 */
export interface ShopifyContext {
  /**
   * The language of titles and messages, as a Storefront `LanguageCode` (`FR`, `PT_BR`) or a
   * BCP 47 tag (`fr-CA` becomes `FR`). Left out, the cart's `locale` decides.
   */
  language?: string
  buyer?: ShopifyBuyer | null
  visitorConsent?: ShopifyVisitorConsent | null
}

/**
 * How the adapter authenticates: a public token (in a browser), or, on a server only, a
 * private token with the shopper's IP.
 *
 * @example
 * const browser: ShopifyTokens = { publicAccessToken: 'public-token' }
 * const server: ShopifyTokens = { privateAccessToken: env.TOKEN, buyerIp: request.ip }
 */
export type ShopifyTokens =
  | {
      /** A Storefront API public access token: the one to use in a browser. */
      publicAccessToken: string
      privateAccessToken?: undefined
      buyerIp?: undefined
    }
  | {
      publicAccessToken?: undefined
      /**
       * A Storefront API private access token, for server-side use only (an SSR app, a BFF):
       * sent as `Shopify-Storefront-Private-Token`. Refused in a browser, so it never ships
       * to shoppers.
       */
      privateAccessToken: string
      /**
       * The shopper's IP address, sent as `Shopify-Storefront-Buyer-IP` with the private
       * token, so Shopify throttles each buyer on their own, not every buyer on the server's IP.
       */
      buyerIp: string
    }

/** Options of {@link createShopifyAdapter}: {@link ShopifyTokens} and these. */
export type ShopifyAdapterOptions = ShopifyAdapterSettings & ShopifyTokens

/** The settings of {@link createShopifyAdapter} besides its token. */
export interface ShopifyAdapterSettings extends ShopifyContext {
  /** The shop's domain, such as `shop.myshopify.com` (an `https://` origin also works). */
  storeDomain: string
  /**
   * Where the adapter reports what it works around, such as a token without the inventory
   * scope (said once).
   * @default console.warn
   */
  onWarning?: (message: string) => void
  /**
   * The Storefront API version.
   * @default STOREFRONT_API_VERSION
   */
  apiVersion?: string
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch
  /** Presentment country (ISO 3166-1 alpha-2) for prices, until a cart has its own (docs/domain.md R19). */
  country?: string
  /**
   * Whether to read `quantityAvailable`, which needs the
   * `unauthenticated_read_product_inventory` scope. Without it, stock is reported as unknown.
   * @default true
   */
  readInventory?: boolean
  /**
   * Timeout per request in milliseconds.
   * @default 10000
   */
  timeoutMs?: number
  /**
   * Cart lines read per page (1–250); carts with more lines are read page by page.
   * @default 250
   */
  linesPageSize?: number
}

const CAPABILITIES: AdapterCapabilities = Object.freeze({
  email: true,
  recovery: true,
  notes: true,
  attributes: true,
  discounts: true,
  idempotency: false,
  sellingPlans: true,
  details: Object.freeze(['deliveryAddress', 'buyerPhone', 'giftCardCodes', 'metafields'] as const),
})

/**
 * The Storefront adapter: a {@link CartAdapter} whose `@inContext` can change while the cart
 * lives (a shopper signs in, answers the consent banner, switches language).
 *
 * @example
 * adapter.setContext({ visitorConsent: { analytics: true, marketing: false } })
 * await cart.refresh() // checkoutUrl now carries the consent
 */
export interface ShopifyAdapter extends CartAdapter {
  /**
   * Changes what every later document carries in `@inContext` (language, buyer, visitor
   * consent; `null` clears one). Call `cart.refresh()` after it: Shopify gives a new
   * `checkoutUrl` for the new context, and prices may change with the buyer.
   */
  setContext(context: ShopifyContext): void
}

/**
 * Lines one cart mutation takes. In the pinned 2026-04 schema (`storefront.schema.json` of
 * `@shopify/hydrogen-react`) the `lines`/`lineIds` arguments of `cartLinesAdd`,
 * `cartLinesUpdate` and `cartLinesRemove`, and `CartInput.lines` of `cartCreate`, each say
 * "The input must not contain more than `250` values"; the shopify.dev reference of those
 * mutations says the same. Larger batches are sent as successive requests.
 */
export const MAX_LINES_PER_MUTATION = 250

const MAX_LINE_PAGES = 100
const MAX_NODES_PER_REQUEST = MAX_LINES_PER_MUTATION

/** The steps of cart details, which `cartCreate` leaves to a batch after it. */
const DETAIL_STEPS: readonly BatchStep[] = [
  'metafields',
  'buyerIdentity',
  'giftCardCodesAdd',
  'deliveryAddresses',
]

/** The list variable of each line mutation, the one {@link MAX_LINES_PER_MUTATION} limits. */
const LINE_LISTS: Partial<Record<BatchStep, string>> = {
  linesRemove: 'lineIds',
  linesUpdate: 'updateLines',
  linesAdd: 'addLines',
}

/** One mutation of one request; `offset` is where its slice of lines starts in the batch. */
interface StepPart {
  step: BatchStep
  values: Data
  offset: number
}

type Data = Record<string, unknown>

interface BatchResult {
  cart: Cart | null
  userErrors: Array<{ step: BatchStep; error: UserError }>
  warnings: Warning[]
  /** What was not applied because a later request of a split batch was refused. */
  unsent?: StepPart[]
}

/**
 * Splits a batch into requests of at most {@link MAX_LINES_PER_MUTATION} lines per
 * mutation, keeping {@link BATCH_STEPS} order across them: every removal is sent before any
 * update, every update before any addition, and the other steps go with the last request,
 * so discount codes are still judged against the final lines.
 */
export function splitBatch(steps: ReadonlyMap<BatchStep, Data>): StepPart[][] {
  const requests: StepPart[][] = []
  let current: StepPart[] = []
  for (const step of BATCH_STEPS) {
    const values = steps.get(step)
    if (!values) continue
    const name = LINE_LISTS[step]
    const list = name ? (values[name] as unknown[]) : []
    if (!name || list.length <= MAX_LINES_PER_MUTATION) {
      current.push({ step, values, offset: 0 })
      continue
    }
    for (let offset = 0; offset < list.length; offset += MAX_LINES_PER_MUTATION) {
      if (offset > 0) {
        requests.push(current)
        current = []
      }
      current.push({
        step,
        values: { [name]: list.slice(offset, offset + MAX_LINES_PER_MUTATION) },
        offset,
      })
    }
  }
  requests.push(current)
  return requests
}

/**
 * Creates a Tote adapter for the Shopify Storefront API cart (GraphQL).
 *
 * Writes are batched: one request carries every cart mutation of a batch. Line changes are
 * targets: after each write the adapter compares the cart with the targets and corrects it
 * once (Shopify merges an added line into an existing one), so a retried batch never
 * doubles a quantity even though Shopify takes no idempotency key.
 *
 * @example
 * const adapter = createShopifyAdapter({
 *   storeDomain: 'shop.myshopify.com',
 *   publicAccessToken: 'public-token',
 *   country: 'FR',
 * })
 */
export function createShopifyAdapter(options: ShopifyAdapterOptions): ShopifyAdapter {
  if (!options || typeof options !== 'object') {
    throw new ToteArgumentError('options', 'expected an options object')
  }
  if (typeof options.storeDomain !== 'string' || options.storeDomain.trim() === '') {
    throw new ToteArgumentError(
      'options.storeDomain',
      'expected a shop domain such as "shop.myshopify.com"',
    )
  }
  const headers = tokenHeaders(options)
  if (options.country !== undefined && !/^[A-Z]{2}$/.test(options.country)) {
    throw new ToteArgumentError('options.country', 'expected an ISO 3166-1 code such as "FR"')
  }
  const pageSize = options.linesPageSize ?? 250
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 250) {
    throw new ToteArgumentError('options.linesPageSize', 'expected an integer from 1 to 250')
  }
  const origin = /^https?:\/\//.test(options.storeDomain)
    ? options.storeDomain.replace(/\/+$/, '')
    : `https://${options.storeDomain.replace(/\/+$/, '')}`
  const endpoint = `${origin}/api/${options.apiVersion ?? STOREFRONT_API_VERSION}/graphql.json`
  // The sync engine owns retries, and readJsonResponse judges every status.
  const client: KyInstance = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs ?? 10_000,
    // Read at call time, never at import time, so tests and SSR can swap it.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers,
  })
  const warn = options.onWarning ?? ((message: string) => console.warn(`[tote] ${message}`))
  let readInventory = options.readInventory ?? true
  let extra: ShopifyContext = checkContext(options, 'options')
  // The presentment country of each cart seen, so later reads price in the same market.
  const countries = new Map<string, string>()

  function context(cartId?: string, country?: string): Data {
    const code = country ?? (cartId ? countries.get(cartId) : undefined) ?? options.country
    const language = languageCode(extra.language)
    return {
      inventory: readInventory,
      first: pageSize,
      ...(code ? { country: code } : {}),
      ...(language ? { language } : {}),
      ...(extra.buyer ? { buyer: { ...extra.buyer } } : {}),
      ...(extra.visitorConsent ? { visitorConsent: { ...extra.visitorConsent } } : {}),
    }
  }

  function merchandiseContext(): Data {
    const { first: _first, ...rest } = context()
    return rest
  }

  async function graphql(document: string, variables: Data, ctx: AdapterContext): Promise<Data> {
    // The cart's locale picks the language when no option does.
    if (ctx.locale && !extra.language && variables.language === undefined) {
      const language = languageCode(ctx.locale)
      if (language) variables = { ...variables, language }
    }
    const response = await readJsonResponse(endpoint, () =>
      client(endpoint, {
        method: 'POST',
        json: { query: document, variables },
        signal: ctx.signal,
      }),
    )
    const parsed = EnvelopeSchema.safeParse(response.body)
    // The shape reads `data` as unknown: it must also be an object of fields.
    const envelope =
      parsed.success && (parsed.data.data == null || isFields(parsed.data.data))
        ? parsed.data
        : null
    if (response.status !== 200) {
      const message = envelope?.errors?.[0]?.message
      // A 430 (or any status) whose body says THROTTLED is retried like a 429.
      const throttled = envelope?.errors?.some((error) => error.extensions?.code === 'THROTTLED')
      throw httpError({
        status: response.status,
        ...(throttled ? { code: 'rate_limited' as const } : {}),
        message: `the Storefront API refused the request (${response.status})${message ? `: ${message}` : ''}`,
      })
    }
    if (!envelope) {
      throw new ToteAdapterError('invalid_response', 'the Storefront API sent an unexpected body', {
        status: response.status,
        cause: parsed.error,
      })
    }
    let errors = envelope.errors ?? []
    if (errors.length > 0 && envelope.data && errors.every(isInventoryDenied)) {
      // A token without the inventory scope: the data is there, without stock. Writes were
      // applied, so nothing is rolled back; later documents stop asking for stock.
      if (readInventory) {
        readInventory = false
        warn(
          'the Storefront token lacks the unauthenticated_read_product_inventory scope: stock is not read (readInventory: false silences this)',
        )
      }
      errors = []
    }
    if (errors.length > 0) {
      const codes = errors.map((error) => error.extensions?.code)
      const code = codes.includes('THROTTLED')
        ? 'rate_limited'
        : codes.includes('INTERNAL_SERVER_ERROR')
          ? 'server_error'
          : 'rejected'
      throw new ToteAdapterError(code, `the Storefront API answered: ${errors[0]?.message}`, {
        status: response.status,
      })
    }
    const { data } = envelope
    if (!data) throw new ToteAdapterError('invalid_response', 'the Storefront API sent no data')
    return data as Data
  }

  function parse<T>(
    schema: z.ZodMiniType<T>,
    value: unknown,
    what: string,
    rule: (data: T) => boolean = wholeNumbers,
  ): T {
    const parsed = schema.safeParse(value)
    if (!parsed.success || !rule(parsed.data)) {
      throw new ToteAdapterError('invalid_response', `unexpected ${what} from the Storefront API`, {
        cause: parsed.error,
      })
    }
    return parsed.data
  }

  /** Every line of a cart: the first page came with it, the others are read here. */
  async function allLines(cart: Cart, ctx: AdapterContext): Promise<Line[] | null> {
    const lines = [...cart.lines.nodes]
    let page = cart.lines.pageInfo
    for (let count = 1; page.hasNextPage; count++) {
      if (count >= MAX_LINE_PAGES || page.endCursor === null) {
        throw new ToteAdapterError('invalid_response', 'the cart lines never end')
      }
      const data = parse(
        CartLinesQueryDataSchema,
        await graphql(
          CART_LINES_QUERY,
          { id: cart.id, after: page.endCursor, ...context(cart.id) },
          ctx,
        ),
        'cart lines',
      )
      if (!data.cart) return null
      lines.push(...data.cart.lines.nodes)
      page = data.cart.lines.pageInfo
    }
    return lines
  }

  async function complete(
    cart: Cart,
    ctx: AdapterContext,
  ): Promise<{ snapshot: CartSnapshot; lines: Line[]; cart: Cart } | null> {
    if (cart.buyerIdentity.countryCode) countries.set(cart.id, cart.buyerIdentity.countryCode)
    const lines = await allLines(cart, ctx)
    if (!lines) return null
    return { snapshot: toSnapshot(cart, lines), lines, cart }
  }

  async function readCart(cartId: string, ctx: AdapterContext): Promise<Cart | null> {
    const data = parse(
      CartQueryDataSchema,
      await graphql(CART_QUERY, { id: cartId, ...context(cartId) }, ctx),
      'cart',
    )
    return data.cart
  }

  /**
   * Runs a batch: one request, or successive ones when a mutation has more lines than
   * {@link MAX_LINES_PER_MUTATION} (see {@link splitBatch}). A refusal of the first request
   * is thrown (nothing was applied). A refusal of a later one is not: the earlier requests
   * were applied, so the write goes on with the cart as it is and reports what was not
   * reached; other failures (ambiguous, rate limits) are thrown for the engine to look again
   * and resend the targets.
   */
  async function runBatch(
    cartId: string,
    steps: Map<BatchStep, Data>,
    ctx: AdapterContext,
  ): Promise<BatchResult> {
    const result: BatchResult = { cart: null, userErrors: [], warnings: [] }
    const requests = splitBatch(steps)
    for (const [index, parts] of requests.entries()) {
      const variables: Data = { cartId, ...context(cartId) }
      for (const part of parts) Object.assign(variables, stepValues(cartId, part))
      let data: Data
      try {
        data = await graphql(batchMutation(new Set(parts.map((part) => part.step))), variables, ctx)
      } catch (error) {
        if (index === 0 || !isToteError(error, 'rejected')) throw error
        result.cart = null
        result.unsent = requests.slice(index).flat()
        for (const part of result.unsent) {
          if (LINE_LISTS[part.step] || part.step === 'discountCodes') continue
          result.userErrors.push({
            step: part.step,
            error: { code: null, field: [part.step], message: error.message },
          })
        }
        return result
      }
      for (const { step, offset } of parts) {
        const payload = parse(PayloadSchema, data[step], `${step} payload`)
        for (const error of payload.userErrors) {
          // A line's index in `field` counts from the start of this request's slice.
          const at = lineIndex(error)
          const field =
            at === null || offset === 0
              ? error.field
              : [error.field?.[0] as string, String(at + offset), ...(error.field?.slice(2) ?? [])]
          result.userErrors.push({ step, error: { ...error, field } })
        }
        result.warnings.push(...(payload.warnings ?? []))
      }
      const last = parse(PayloadSchema, data[parts.at(-1)?.step as string], 'payload')
      result.cart = last.cart == null ? null : parse(CartSchema, last.cart, 'cart')
    }
    return result
  }

  /** A step's variables, with what only the cart id tells: the metafields' owner, the country. */
  function stepValues(cartId: string, part: StepPart): Data {
    const { step, values } = part
    if (step === 'metafields') {
      const metafields = values.metafields as Data[]
      return { metafields: metafields.map((metafield) => ({ ...metafield, ownerId: cartId })) }
    }
    const country = countries.get(cartId) ?? options.country
    if (step === 'buyerIdentity' && country && !('countryCode' in (values.buyerIdentity as Data))) {
      return { buyerIdentity: { ...(values.buyerIdentity as Data), countryCode: country } }
    }
    return values
  }

  function lineSteps(changes: ReturnType<typeof reconcileLines>): Map<BatchStep, Data> {
    const steps = new Map<BatchStep, Data>()
    if (changes.remove.length > 0) steps.set('linesRemove', { lineIds: changes.remove })
    if (changes.update.length > 0) {
      steps.set('linesUpdate', {
        updateLines: changes.update.map(({ id, quantity }) => ({ id, quantity })),
      })
    }
    if (changes.add.length > 0) {
      steps.set('linesAdd', {
        addLines: changes.add.map(lineInput),
      })
    }
    return steps
  }

  /**
   * Runs one batch, then compares the cart with the line targets and corrects it once
   * (a line Shopify merged on add, a stale line id, a line that sold out). Returns the cart
   * with every line and the notices for what could not be done.
   */
  async function write(
    cartId: string,
    plans: LinePlan[],
    first: {
      steps: Map<BatchStep, Data>
      adds: readonly LinePlan[]
      updates: readonly string[]
      requestedCodes: readonly string[] | null
      giftCards?: readonly string[] | null
    },
    ctx: AdapterContext,
    seed?: BatchResult,
  ): Promise<CartWriteResult> {
    const userErrors: BatchResult['userErrors'] = [...(seed?.userErrors ?? [])]
    const warnings: Warning[] = [...(seed?.warnings ?? [])]
    // Refusals of the first batch, by line key, with the mutation that was refused.
    const refusals = new Map<string, { step: BatchStep; error: UserError }>()
    const seenLines = new Map<string, Line>()
    // Targets a refused request of a split batch never sent: reported, not corrected.
    const unreached = new Set<string>()
    let cart = seed?.cart ?? null
    if (first.steps.size > 0) {
      const result = await runBatch(cartId, first.steps, ctx)
      for (const item of result.userErrors) {
        userErrors.push(item)
        const index = lineIndex(item.error)
        if (index === null) continue
        const key =
          item.step === 'linesAdd'
            ? first.adds[index]?.key
            : item.step === 'linesUpdate'
              ? first.updates[index]
              : undefined
        if (key) refusals.set(key, item)
      }
      for (const { step, values, offset } of result.unsent ?? []) {
        const list = (values[LINE_LISTS[step] as string] ?? []) as unknown[]
        const end = offset + list.length
        if (step === 'linesAdd')
          for (const plan of first.adds.slice(offset, end)) unreached.add(plan.key)
        if (step === 'linesUpdate')
          for (const key of first.updates.slice(offset, end)) unreached.add(key)
        if (step === 'linesRemove') {
          for (const plan of plans) if (list.includes(plan.lineId)) unreached.add(plan.key)
        }
      }
      warnings.push(...result.warnings)
      cart = result.cart
    }
    cart ??= await readCart(cartId, ctx)
    if (!cart) throw cartNotFound(cartId)
    let current = await complete(cart, ctx)
    if (!current) throw cartNotFound(cartId)
    for (const line of current.lines) seenLines.set(line.id, line)

    const stockLimited = new Set<string>()
    const soldOut = new Set<string>()
    for (const warning of warnings) {
      const code = warningNotice(warning.code)
      for (const key of warningKeys(warning, seenLines, plans)) {
        if (code === 'out_of_stock') soldOut.add(key)
        if (code === 'insufficient_stock') stockLimited.add(key)
      }
    }
    const currentLines = current.lines.map((line) => ({
      id: line.id,
      key: storefrontLineKey(line),
      quantity: line.quantity,
    }))
    const has = (key: string) =>
      currentLines.filter((line) => line.key === key).reduce((sum, line) => sum + line.quantity, 0)

    // A line refused for what may be stock: look its merchandise up (one request) to know
    // whether it sold out, has fewer units left (then ask for those), or is gone.
    const lookedUp = {
      soldOut: new Set<string>(),
      limited: new Map<string, number>(),
      discontinued: new Set<string>(),
    }
    const doubtful = plans.filter((plan) => {
      const refusal = refusals.get(plan.key)
      return (
        plan.quantity > 0 &&
        refusal !== undefined &&
        isStockRefusal(refusal.error) &&
        has(plan.key) < plan.quantity
      )
    })
    if (doubtful.length > 0) {
      const ids = [...new Set(doubtful.map((plan) => plan.merchandiseId))].filter((id) =>
        id.startsWith('gid://'),
      )
      const merchandise = ids.length > 0 ? (await readMerchandise(ids, ctx)).merchandise : []
      const found = new Map(merchandise.map((item) => [item.id, item]))
      for (const plan of doubtful) {
        const item = found.get(plan.merchandiseId)
        if (!item) lookedUp.discontinued.add(plan.key)
        else if (!item.available || item.quantityAvailable === 0) lookedUp.soldOut.add(plan.key)
        else if (item.quantityAvailable !== null && item.quantityAvailable < plan.quantity) {
          lookedUp.limited.set(plan.key, item.quantityAvailable)
        }
      }
    }
    // A quantity a rule (or a selling plan) refused stays as the cart has it: the notice says why.
    const ruled = [...refusals].filter(([, refusal]) => refusalNotice(refusal.error) !== null)
    // Their merchandise is read (one request) for the rule and the title the notice names.
    const rules = new Map<string, QuantityRule>()
    const refusedTitles = new Map<string, string>()
    const ruledPlans = ruled.flatMap(([key]) => plans.filter((plan) => plan.key === key))
    const ruledIds = [...new Set(ruledPlans.map((plan) => plan.merchandiseId))].filter((id) =>
      id.startsWith('gid://'),
    )
    if (ruledIds.length > 0) {
      const read = await readMerchandise(ruledIds, ctx)
      for (const plan of ruledPlans) {
        const rule = read.rules.get(plan.merchandiseId)
        if (rule) rules.set(plan.key, rule)
        const item = read.merchandise.find((candidate) => candidate.id === plan.merchandiseId)
        if (item) refusedTitles.set(plan.key, item.productTitle)
      }
    }
    const held = new Set(ruled.map(([key]) => key))
    const targets = plans.map((plan) => {
      if (held.has(plan.key)) return { ...plan, quantity: has(plan.key) }
      const limit = lookedUp.limited.get(plan.key)
      return limit === undefined ? plan : { ...plan, quantity: Math.max(limit, has(plan.key)) }
    })
    const refused = new Set(
      [...refusals]
        .filter(
          ([key, refusal]) =>
            !lookedUp.limited.has(key) &&
            (refusal.step === 'linesAdd' || isStockRefusal(refusal.error)),
        )
        .map(([key]) => key),
    )
    const corrections = reconcileLines(
      targets.filter((target) => !unreached.has(target.key)),
      currentLines,
      {
        soldOut: new Set([...soldOut, ...lookedUp.soldOut, ...lookedUp.discontinued]),
        stockLimited,
        refused,
      },
    )
    const correctionSteps = lineSteps(corrections)
    if (first.giftCards) {
      const wanted = new Set(first.giftCards.map(giftCardTail))
      const extra = (current.cart.appliedGiftCards ?? [])
        .filter((card) => !wanted.has(giftCardTail(card.lastCharacters)))
        .map((card) => card.id)
      if (extra.length > 0) {
        correctionSteps.set('giftCardCodesRemove', { appliedGiftCardIds: extra })
      }
    }
    if (correctionSteps.size > 0) {
      const result = await runBatch(cartId, correctionSteps, ctx)
      userErrors.push(...result.userErrors)
      warnings.push(...result.warnings)
      const corrected = result.cart ?? (await readCart(cartId, ctx))
      if (!corrected) throw cartNotFound(cartId)
      current = await complete(corrected, ctx)
      if (!current) throw cartNotFound(cartId)
      for (const line of current.lines) seenLines.set(line.id, line)
    }
    const addErrors = new Map(
      [...refusals]
        .filter(([, refusal]) => refusal.step === 'linesAdd')
        .map(([key, refusal]) => [key, refusal.error] as const),
    )
    const notices: NoticeInput[] = buildNotices({
      plans,
      cart: current.snapshot,
      warnings,
      userErrors: userErrors.map((item) => item.error),
      addErrors,
      seenLines,
      requestedCodes: first.requestedCodes,
      lookedUp,
      lineErrors: new Map([...refusals].map(([key, refusal]) => [key, refusal.error])),
      rules,
      refusedTitles,
    })
    return { cart: current.snapshot, notices }
  }

  function planOps(ops: readonly CartOp[]): {
    plans: LinePlan[]
    steps: Map<BatchStep, Data>
    adds: LinePlan[]
    updates: string[]
    requestedCodes: readonly string[] | null
    giftCards: readonly string[] | null
  } {
    assertOps(ops)
    const byKey = new Map<string, LinePlan>()
    const steps = new Map<BatchStep, Data>()
    let requestedCodes: readonly string[] | null = null
    let giftCards: readonly string[] | null = null
    for (const op of ops) {
      switch (op.type) {
        case 'setLine': {
          const key = lineKey(op.merchandiseId, op.attributes, op.sellingPlanId)
          byKey.set(key, {
            key,
            merchandiseId: op.merchandiseId,
            attributes: { ...op.attributes },
            sellingPlanId: op.sellingPlanId ?? null,
            quantity: op.quantity,
            lineId: op.lineId ?? byKey.get(key)?.lineId ?? null,
          })
          break
        }
        case 'setNote':
          steps.set('note', { note: op.note })
          break
        case 'setAttributes':
          steps.set('attributes', { attributes: toAttributeInput(op.attributes) })
          break
        case 'setDiscountCodes':
          requestedCodes = [...op.codes]
          steps.set('discountCodes', { discountCodes: [...op.codes] })
          break
        case 'setDetail':
          if (op.name === 'deliveryAddress') {
            // docs/domain.md R16: a broken military address is refused before anything is sent.
            if (op.value) militaryAddressRules(op.value, 'ops.deliveryAddress')
            steps.set('deliveryAddresses', {
              addresses: op.value
                ? [{ address: { deliveryAddress: { ...op.value } }, selected: true }]
                : [],
            })
          } else if (op.name === 'buyerPhone') {
            steps.set('buyerIdentity', { buyerIdentity: { phone: op.value } })
          } else if (op.name === 'giftCardCodes') {
            // Codes are added; cards no longer wanted are removed by id once the cart says
            // which are applied (Shopify gives back only their last characters).
            giftCards = op.value
            const codes = op.value.filter((code) => code.trim().length > 4)
            if (codes.length > 0) steps.set('giftCardCodesAdd', { giftCardCodes: codes })
          } else {
            steps.set('metafields', {
              metafields: Object.entries(op.value).map(([key, value]) => ({
                key,
                value,
                type: 'single_line_text_field',
              })),
            })
          }
          break
      }
    }
    const plans = [...byKey.values()]
    // First guess from the ids the caller knows; the write corrects what the guess missed.
    const guess = reconcileLines(
      plans,
      plans
        .filter((plan) => plan.lineId !== null)
        .map((plan) => ({ id: plan.lineId as string, key: plan.key, quantity: -1 })),
      { soldOut: new Set(), stockLimited: new Set(), refused: new Set() },
    )
    for (const [step, values] of lineSteps(guess)) steps.set(step, values)
    return {
      plans,
      steps,
      adds: guess.add,
      updates: guess.update.map((entry) => entry.key),
      requestedCodes,
      giftCards,
    }
  }

  const adapter: ShopifyAdapter = {
    name: 'shopify',
    capabilities: CAPABILITIES,

    setContext(change: ShopifyContext): void {
      extra = { ...extra, ...checkContext(change, 'context') }
    },

    async create(input: CreateCartInput, ctx: AdapterContext): Promise<CartWriteResult> {
      const country = input.country ?? options.country
      const planned = planOps(input.ops)
      const cartInput: Data = {}
      const adds = planned.plans.filter((plan) => plan.quantity > 0)
      // cartCreate takes as many lines as one mutation; the others are added after it.
      const rest = adds.slice(MAX_LINES_PER_MUTATION)
      if (adds.length > 0) {
        cartInput.lines = adds.slice(0, MAX_LINES_PER_MUTATION).map(lineInput)
      }
      const note = planned.steps.get('note')
      if (note) cartInput.note = note.note
      const attributes = planned.steps.get('attributes')
      if (attributes) cartInput.attributes = attributes.attributes
      if (planned.requestedCodes) cartInput.discountCodes = planned.requestedCodes
      const { buyer } = extra
      if (country || buyer) {
        // Signed in, the cart belongs to the customer (and, for B2B, their company location).
        cartInput.buyerIdentity = {
          ...(country ? { countryCode: country } : {}),
          ...(buyer ? { ...buyer } : {}),
        }
      }
      const created = await cartCreate(cartInput, country, ctx)
      if (created.cart) {
        const seed: BatchResult = {
          cart: created.cart,
          userErrors: created.userErrors.map((error) => ({ step: 'linesAdd' as const, error })),
          warnings: created.warnings,
        }
        return write(
          created.cart.id,
          planned.plans,
          {
            ...planned,
            steps: new Map([
              ...lineSteps({ remove: [], update: [], add: rest }),
              ...[...planned.steps].filter(([step]) => DETAIL_STEPS.includes(step)),
            ]),
            adds: rest,
            updates: [],
          },
          ctx,
          seed,
        )
      }
      // The whole creation was refused (usually one bad line): create the cart without its
      // lines, then add them as a batch, so each refused line gets its own notice.
      const { lines: _lines, ...withoutLines } = cartInput
      const bare = await cartCreate(withoutLines, country, ctx)
      if (!bare.cart) {
        throw new ToteAdapterError(
          'rejected',
          `Shopify refused to create the cart: ${bare.userErrors[0]?.message ?? 'no reason given'}`,
        )
      }
      const lineOnly = planOps(input.ops.filter((op) => op.type === 'setLine'))
      return write(bare.cart.id, lineOnly.plans, lineOnly, ctx)
    },

    async get(cartId: string, ctx: AdapterContext): Promise<CartSnapshot | null> {
      const cart = await readCart(cartId, ctx)
      if (!cart) return null
      return (await complete(cart, ctx))?.snapshot ?? null
    },

    async apply(
      cartId: string,
      ops: readonly CartOp[],
      ctx: AdapterContext,
    ): Promise<CartWriteResult> {
      const planned = planOps(ops)
      return write(cartId, planned.plans, planned, ctx)
    },

    async captureEmail(
      cartId: string,
      input: CaptureEmailInput,
      ctx: AdapterContext,
    ): Promise<CartWriteResult> {
      const country = countries.get(cartId) ?? options.country
      const steps = new Map<BatchStep, Data>([
        [
          'buyerIdentity',
          { buyerIdentity: { email: input.email, ...(country ? { countryCode: country } : {}) } },
        ],
      ])
      const result = await runBatch(cartId, steps, ctx)
      const refusal = result.userErrors[0]
      if (refusal && result.cart) {
        throw new ToteAdapterError(
          'rejected',
          `Shopify refused the email: ${refusal.error.message}`,
        )
      }
      const cart = result.cart ?? (await readCart(cartId, ctx))
      if (!cart) throw cartNotFound(cartId)
      if (refusal) {
        throw new ToteAdapterError(
          'rejected',
          `Shopify refused the email: ${refusal.error.message}`,
        )
      }
      const completed = await complete(cart, ctx)
      if (!completed) throw cartNotFound(cartId)
      return { cart: completed.snapshot, notices: [] }
    },

    async merchandise(ids: readonly string[], ctx: AdapterContext): Promise<Merchandise[]> {
      // Shopify refuses the whole query for an id that is not a global id: those are left out.
      const wanted = [...new Set(ids)].filter(
        (id) => typeof id === 'string' && id.startsWith('gid://'),
      )
      if (wanted.length === 0) return []
      return (await readMerchandise(wanted, ctx)).merchandise
    },

    async recover(link: string, ctx: AdapterContext): Promise<RecoveryResult> {
      if (typeof link !== 'string' || link.trim() === '') {
        throw new ToteAdapterError('invalid_recovery_link', 'the recovery link is empty')
      }
      const cartId = storefrontCartId(link)
      if (cartId) {
        const cart = await readCart(cartId, ctx)
        const completed = cart ? await complete(cart, ctx) : null
        if (!completed) {
          throw new ToteAdapterError(
            'invalid_recovery_link',
            'the cart of this recovery link is gone or was completed',
          )
        }
        return {
          cart: completed.snapshot,
          merchandise: completed.snapshot.lines.map((line) => line.merchandise),
        }
      }
      // A permalink names variants and quantities, not a cart: the merchandise is read as it
      // is now (one request), then a cart is created with what can still be bought, so the
      // engine has a real cart to reconcile into. The link carries no prices, so the "cart as
      // it was" is priced at today's prices.
      const permalink = parseCartPermalink(link)
      const ids = permalink.lines.map((line) => variantGid(line.variantId))
      const { merchandise } = await readMerchandise([...new Set(ids)], ctx)
      const found = new Map(merchandise.map((item) => [item.id, item]))
      if (found.size === 0) {
        throw new ToteAdapterError(
          'invalid_recovery_link',
          'the cart link names no variant this shop sells',
        )
      }
      const ops: CartOp[] = permalink.lines.flatMap((line, index) => {
        const id = ids[index] as string
        const item = found.get(id)
        if (!item?.available) return []
        return [
          {
            type: 'setLine',
            merchandiseId: id,
            attributes: {},
            quantity: line.quantity,
            lineKey: lineKey(id),
            lineId: null,
          },
        ]
      })
      if (permalink.note !== undefined) ops.push({ type: 'setNote', note: permalink.note })
      if (Object.keys(permalink.attributes).length > 0) {
        ops.push({ type: 'setAttributes', attributes: permalink.attributes })
      }
      if (permalink.discountCodes.length > 0) {
        ops.push({ type: 'setDiscountCodes', codes: permalink.discountCodes })
      }
      const { cart: created } = await adapter.create({ ops }, ctx)
      const { currency } = created
      const lines = permalink.lines.map((line, index): CartLine => {
        const id = ids[index] as string
        const item = found.get(id) ?? discontinued(id, currency)
        if (item.price.currency !== currency) {
          throw new ToteAdapterError('invalid_response', 'merchandise priced in another currency')
        }
        const held = created.lines.find((candidate) => candidate.key === lineKey(id))
        const unitPrice = held?.cost.unitPrice ?? item.price
        const subtotal = { amount: unitPrice.amount * line.quantity, currency }
        return {
          key: lineKey(id),
          id: held?.id ?? null,
          merchandise: item,
          quantity: line.quantity,
          attributes: {},
          cost: { unitPrice, subtotal, total: subtotal },
        }
      })
      const subtotal = {
        amount: lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0),
        currency,
      }
      const cart: CartSnapshot = {
        ...created,
        lines,
        cost: { subtotal, total: subtotal, discount: null, tax: null },
      }
      return { cart, merchandise: [...found.values()] }
    },
  }
  return adapter

  async function cartCreate(
    input: Data,
    country: string | undefined,
    ctx: AdapterContext,
  ): Promise<{ cart: Cart | null; userErrors: UserError[]; warnings: Warning[] }> {
    const data = await graphql(CART_CREATE_MUTATION, { input, ...context(undefined, country) }, ctx)
    const payload = parse(PayloadSchema, data.cartCreate, 'cartCreate payload')
    return {
      cart: payload.cart == null ? null : parse(CartSchema, payload.cart, 'cart'),
      userErrors: payload.userErrors,
      warnings: payload.warnings ?? [],
    }
  }

  async function readMerchandise(
    ids: string[],
    ctx: AdapterContext,
  ): Promise<{ merchandise: Merchandise[]; currency: string; rules: Map<string, QuantityRule> }> {
    const merchandise: Merchandise[] = []
    const rules = new Map<string, QuantityRule>()
    let currency = ''
    // One request for up to 250 ids (the usual case); larger sets are read in slices.
    for (let start = 0; start === 0 || start < ids.length; start += MAX_NODES_PER_REQUEST) {
      const slice = ids.slice(start, start + MAX_NODES_PER_REQUEST)
      const data = parse(
        MerchandiseQueryDataSchema,
        await graphql(MERCHANDISE_QUERY, { ids: slice, ...merchandiseContext() }, ctx),
        'merchandise',
        (read) => read.nodes.every(isNode),
      )
      currency = data.localization.country.currency.isoCode
      for (const node of data.nodes as ({ __typename: string } | null)[]) {
        if (node?.__typename !== 'ProductVariant') continue
        try {
          const variant = parse(VariantSchema, node, 'variant')
          merchandise.push(toMerchandise(variant))
          if (variant.quantityRule) rules.set(variant.id, variant.quantityRule)
        } catch (error) {
          if (error instanceof ToteAdapterError) throw error
          throw new ToteAdapterError('invalid_response', 'a variant could not be read', {
            cause: error,
          })
        }
      }
    }
    return { merchandise, currency, rules }
  }
}

/**
 * The headers that authenticate requests: a public token (`X-Shopify-Storefront-Access-Token`),
 * or a private token with the buyer's IP, which only a server may send.
 */
function tokenHeaders(options: ShopifyAdapterOptions): Record<string, string> {
  const { publicAccessToken, privateAccessToken, buyerIp } = options as {
    publicAccessToken?: unknown
    privateAccessToken?: unknown
    buyerIp?: unknown
  }
  if (privateAccessToken !== undefined) {
    if (typeof privateAccessToken !== 'string' || privateAccessToken === '') {
      throw new ToteArgumentError(
        'options.privateAccessToken',
        'expected a Storefront access token',
      )
    }
    if (typeof document !== 'undefined' || typeof window !== 'undefined') {
      throw new ToteArgumentError(
        'options.privateAccessToken',
        'a private Storefront token is for server-side use only: in a browser it would ship to every shopper; use publicAccessToken',
      )
    }
    if (typeof buyerIp !== 'string' || buyerIp.trim() === '') {
      throw new ToteArgumentError(
        'options.buyerIp',
        "expected the shopper's IP address with a private token, so Shopify throttles each buyer apart",
      )
    }
    return {
      'Shopify-Storefront-Private-Token': privateAccessToken,
      'Shopify-Storefront-Buyer-IP': buyerIp.trim(),
    }
  }
  if (typeof publicAccessToken !== 'string' || publicAccessToken === '') {
    throw new ToteArgumentError(
      'options.publicAccessToken',
      'expected a Storefront access token (publicAccessToken, or privateAccessToken on a server)',
    )
  }
  if (buyerIp !== undefined) {
    throw new ToteArgumentError('options.buyerIp', 'is sent only with a privateAccessToken')
  }
  return { 'X-Shopify-Storefront-Access-Token': publicAccessToken }
}

const CONSENT_PURPOSES = ['analytics', 'marketing', 'preferences', 'saleOfData'] as const

/** Checks the `@inContext` extras and copies what was given. */
function checkContext(value: ShopifyContext, name: string): ShopifyContext {
  const context: ShopifyContext = {}
  if (value.language !== undefined) {
    if (!languageCode(value.language)) {
      throw new ToteArgumentError(`${name}.language`, 'expected a language such as "FR" or "fr-CA"')
    }
    context.language = value.language
  }
  const { buyer, visitorConsent } = value
  if (buyer !== undefined) {
    if (
      buyer !== null &&
      (typeof buyer !== 'object' ||
        typeof buyer.customerAccessToken !== 'string' ||
        buyer.customerAccessToken === '' ||
        (buyer.companyLocationId !== undefined && typeof buyer.companyLocationId !== 'string'))
    ) {
      throw new ToteArgumentError(
        `${name}.buyer`,
        'expected { customerAccessToken, companyLocationId? } or null',
      )
    }
    context.buyer = buyer && { ...buyer }
  }
  if (visitorConsent !== undefined) {
    if (
      visitorConsent !== null &&
      (typeof visitorConsent !== 'object' ||
        Object.entries(visitorConsent).some(
          ([key, given]) =>
            !(CONSENT_PURPOSES as readonly string[]).includes(key) || typeof given !== 'boolean',
        ))
    ) {
      throw new ToteArgumentError(
        `${name}.visitorConsent`,
        `expected booleans for ${CONSENT_PURPOSES.join(', ')}, or null`,
      )
    }
    context.visitorConsent = visitorConsent && { ...visitorConsent }
  }
  return context
}

/**
 * A Storefront `LanguageCode` from a BCP 47 tag or a code: `fr-CA` → `FR`, `pt-BR` → `PT_BR`
 * (Shopify has a few regional codes: Brazilian and European Portuguese, Chinese scripts),
 * `nb` → `NB`; `undefined` when it is not one.
 */
export function languageCode(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  const [language, region] = value.trim().replace(/-/g, '_').toUpperCase().split('_')
  if (!language || !/^[A-Z]{2,3}$/.test(language)) return undefined
  const regional = `${language}_${region}`
  if (['PT_BR', 'PT_PT', 'ZH_CN', 'ZH_TW'].includes(regional)) return regional
  return language
}

/** Whether a GraphQL error is the partial-data refusal of `quantityAvailable` without the scope. */
function isInventoryDenied(error: {
  message: string
  path?: unknown[]
  extensions?: { code?: string }
}) {
  return (
    error.extensions?.code === 'ACCESS_DENIED' &&
    (error.path?.at(-1) === 'quantityAvailable' ||
      /quantityAvailable|unauthenticated_read_product_inventory/.test(error.message))
  )
}

/** A `CartLineInput`: the merchandise, its quantity, attributes and selling plan. */
function lineInput(plan: LinePlan): Data {
  return {
    merchandiseId: plan.merchandiseId,
    quantity: plan.quantity,
    attributes: toAttributeInput(plan.attributes),
    ...(plan.sellingPlanId ? { sellingPlanId: plan.sellingPlanId } : {}),
  }
}

function cartNotFound(cartId: string): ToteAdapterError {
  return new ToteAdapterError(
    'cart_not_found',
    `the Storefront cart ${cartId} is gone (missing, expired or completed)`,
  )
}

function lineIndex(error: UserError): number | null {
  const [name, index] = error.field ?? []
  if ((name === 'lines' || name === 'lineIds') && index !== undefined && /^\d+$/.test(index)) {
    return Number(index)
  }
  return null
}

function discontinued(id: string, currency: string): Merchandise {
  return {
    id,
    productId: id,
    productTitle: '',
    title: '',
    image: null,
    options: [],
    price: toMoney({ amount: '0', currencyCode: currency }),
    compareAtPrice: null,
    available: false,
    quantityAvailable: 0,
  }
}
