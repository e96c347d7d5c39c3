import type {
  CaptureEmailInput,
  CartLine,
  CartOp,
  CartSnapshot,
  CartWriteResult,
  CreateCartInput,
  Merchandise,
  Money,
  NoticeInput,
  RecoveryResult,
} from '@tote/core/adapter'
import {
  currencyDigits,
  lineKey,
  MAX_LINE_QUANTITY,
  money,
  safeParseMerchandise,
  ToteAdapterError,
  ToteArgumentError,
} from '@tote/core/adapter'

/** A source of time in milliseconds since the epoch; tests pass a fake one to jump ahead. */
export interface Clock {
  now(): number
}

/** One variant in the backend's catalogue. Prices are in the backend's base currency. */
export interface CatalogueEntry {
  id: string
  productId: string
  productTitle: string
  /** The variant's title, such as `"M / Blue"`. */
  title: string
  image?: { url: string; alt?: string } | null
  options?: { name: string; value: string }[]
  price: Money
  /** @default null */
  compareAtPrice?: Money | null
  /** @default true unless `quantityAvailable` is `0` */
  available?: boolean
  /** Units left; `null` when stock is not tracked. @default null */
  quantityAvailable?: number | null
}

/** A discount code the backend accepts: a percentage or a fixed amount off the subtotal. */
export type DiscountRule = { percentOff: number } | { amountOff: Money }

/** Options of {@link createMemoryBackend}. */
export interface MemoryBackendOptions {
  /** @default [] */
  catalogue?: readonly CatalogueEntry[]
  /** @default the catalogue's currency, else `'EUR'` */
  currency?: string
  /** @default `Date` */
  clock?: Clock
  /**
   * Codes accepted by `setDiscountCodes`, matched case-insensitively.
   * @default { WELCOME10: { percentOff: 10 }, SAVE5: { amountOff: 5 EUR } }
   */
  discountCodes?: Record<string, DiscountRule>
  /**
   * How long after its last update a cart expires; `null` never.
   * @default 10 days
   */
  cartLifetimeMs?: number | null
  /**
   * How long a recovery token stays valid; `null` forever.
   * @default 7 days
   */
  recoveryTokenLifetimeMs?: number | null
  /** Where checkout and recovery URLs point. @default 'https://shop.example' */
  baseUrl?: string
  /** Randomness for recovery secrets; pass a seeded one for repeatable tokens. @default Math.random */
  random?: () => number
}

/** Options of {@link MemoryBackend.setCurrency}. */
export interface SetCurrencyOptions {
  /** The market's country (ISO 3166-1 alpha-2); without it, the default market changes. */
  country?: string
  /**
   * Units of `currency` worth one unit of the base currency, to convert prices that were not
   * set with `setPrice` in that currency.
   * @default the rate given before, else 1
   */
  rate?: number
}

/** What the backend stores about a cart beyond its snapshot. */
export interface MemoryCartRecord {
  snapshot: CartSnapshot
  /** Whether the shopper agreed to marketing email when it was captured. */
  emailConsent: boolean | null
  country: string | null
  createdAt: number
}

/** A line of a Shopify-style cart permalink. */
export interface PermalinkLine {
  merchandiseId: string
  quantity: number
}

/**
 * A deterministic in-memory commerce backend: catalogue with stock and prices, carts with
 * versions, the merge rule, target-state writes, email capture, completion, expiry, recovery
 * tokens and cart permalinks, plus controls a test uses to change the world under a cart.
 * Everything it returns is a fresh copy.
 */
export interface MemoryBackend {
  readonly baseCurrency: string
  /** Creates a cart and applies `input.ops` to it. */
  createCart(input: CreateCartInput, options?: WriteOptions): CartWriteResult
  /** The cart, or `null` when it does not exist or expired. */
  getCart(cartId: string): CartSnapshot | null
  /** Applies a batch of target-state ops atomically (a bad op rejects the whole batch). */
  applyOps(cartId: string, ops: readonly CartOp[], options?: WriteOptions): CartWriteResult
  /** Records the checkout email and the marketing consent. */
  captureEmail(cartId: string, input: CaptureEmailInput, options?: WriteOptions): CartWriteResult
  /** The merchandise with these ids as it is now, priced for the market; unknown ids left out. */
  getMerchandise(ids: readonly string[], options?: { country?: string }): Merchandise[]
  /** Resolves a recovery token, a recovery URL or a cart permalink. */
  recover(link: string): RecoveryResult
  /** A token that recovers this cart, valid for `recoveryTokenLifetimeMs`. */
  createRecoveryToken(cartId: string): string
  /** A URL on `baseUrl` that carries a recovery token for this cart. */
  createRecoveryLink(cartId: string): string
  /** A Shopify-style permalink path: `/cart/VARIANT:QTY,VARIANT:QTY`. */
  permalink(lines: readonly PermalinkLine[]): string

  /** The cart with what the backend keeps beside it; `null` when it does not exist. */
  inspectCart(cartId: string): MemoryCartRecord | null
  /** Ids of every stored cart, expired ones included. */
  cartIds(): string[]
  /** Turns the cart into an order (docs/domain.md R17): further writes throw `cart_completed`. */
  completeCart(cartId: string): CartSnapshot
  /** Makes the cart expire now. */
  expireCart(cartId: string): void
  /** Forgets the cart, as if the backend purged it. */
  deleteCart(cartId: string): void
  /** Sets stock: `null` untracks it; `0` makes the merchandise unavailable. */
  setStock(merchandiseId: string, quantity: number | null): void
  /** Sells out the merchandise: unavailable, no units left. */
  sellOut(merchandiseId: string): void
  /** Sets the price in `price.currency` (the base currency or a market's). */
  setPrice(merchandiseId: string, price: Money, options?: { compareAtPrice?: Money | null }): void
  /** Removes the merchandise from the catalogue. */
  discontinue(merchandiseId: string): void
  /** Adds (or replaces) a catalogue entry. */
  addMerchandise(entry: CatalogueEntry): void
  /** Changes the currency a market is priced in (docs/domain.md R19). */
  setCurrency(currency: string, options?: SetCurrencyOptions): void
}

/** Options of a write: the idempotency key the request carried. */
export interface WriteOptions {
  /** The same key with the same content gives the first result again without applying twice. */
  idempotencyKey?: string
}

interface StoredLine {
  id: string
  key: string
  merchandise: Merchandise
  quantity: number
  attributes: Record<string, string>
  /** The selling plan (subscription) the line is bought on, part of its identity. */
  sellingPlanId?: string
}

interface StoredCart {
  id: string
  version: number
  status: 'active' | 'completed'
  country: string | null
  currency: string
  lines: StoredLine[]
  email: string | null
  emailConsent: boolean | null
  note: string
  attributes: Record<string, string>
  discountCodes: string[]
  createdAt: number
  updatedAt: number
  expired: boolean
}

interface CatalogueRecord {
  base: Merchandise
  /** Prices set explicitly in a currency other than the base one. */
  prices: Map<string, { price: Money; compareAtPrice: Money | null }>
}

interface RecoveryTokenRecord {
  cartId: string
  secret: string
  expiresAt: number | null
}

const DAY = 24 * 60 * 60 * 1000
const DEFAULT_MARKET = '*'
const TOKEN_PATTERN = /^tote-mem\.([a-z0-9]+)\.(\d+)\.([a-z0-9]+)$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_NOTE_LENGTH = 5000

const clone = <T>(value: T): T => structuredClone(value)

function rejected(message: string, details: Record<string, unknown>): ToteAdapterError {
  return new ToteAdapterError('rejected', message, { status: 422, details })
}

function invalidLink(
  reason: 'malformed' | 'tampered' | 'expired' | 'completed' | 'unknown',
  message: string,
): ToteAdapterError {
  return new ToteAdapterError('invalid_recovery_link', message, {
    status: 410,
    details: { reason },
  })
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.entries(value).every(
    ([key, item]) => typeof item === 'string' && key !== '__proto__',
  )
}

/** Copies a record without inheriting anything (`__proto__` keys become plain data). */
function cleanRecord(value: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, item] of Object.entries(value)) result[key] = item
  return result
}

/** Checks every op before any is applied, so a bad batch changes nothing. */
function validateOps(ops: unknown): asserts ops is CartOp[] {
  if (!Array.isArray(ops)) throw rejected('ops must be an array', { field: 'ops' })
  ops.forEach((op: unknown, index) => {
    const fail = (reason: string) =>
      rejected(`ops[${index}]: ${reason}`, { field: `ops[${index}]`, reason })
    if (typeof op !== 'object' || op === null) throw fail('expected an object')
    const candidate = op as Record<string, unknown>
    switch (candidate.type) {
      case 'setLine': {
        if (typeof candidate.merchandiseId !== 'string' || candidate.merchandiseId === '')
          throw fail('merchandiseId must be a non-empty string')
        if (
          typeof candidate.quantity !== 'number' ||
          !Number.isInteger(candidate.quantity) ||
          candidate.quantity < 0 ||
          candidate.quantity > MAX_LINE_QUANTITY
        )
          throw fail(`quantity must be an integer from 0 to ${MAX_LINE_QUANTITY}`)
        const attributes = candidate.attributes ?? {}
        if (!isStringRecord(attributes)) throw fail('attributes must map strings to strings')
        const plan = candidate.sellingPlanId
        if (plan !== undefined && (typeof plan !== 'string' || plan === ''))
          throw fail('sellingPlanId must be a non-empty string')
        if (
          candidate.lineKey !== undefined &&
          candidate.lineKey !== lineKey(candidate.merchandiseId, attributes, plan)
        )
          throw fail('lineKey does not match merchandiseId, attributes and sellingPlanId')
        return
      }
      case 'setNote':
        if (typeof candidate.note !== 'string' || candidate.note.length > MAX_NOTE_LENGTH)
          throw fail(`note must be a string of at most ${MAX_NOTE_LENGTH} characters`)
        return
      case 'setAttributes':
        if (!isStringRecord(candidate.attributes))
          throw fail('attributes must map strings to strings')
        return
      case 'setDiscountCodes':
        if (
          !Array.isArray(candidate.codes) ||
          !candidate.codes.every((code) => typeof code === 'string' && code.trim() !== '')
        )
          throw fail('codes must be non-empty strings')
        return
      default:
        throw fail(`unknown op type ${JSON.stringify(String(candidate.type))}`)
    }
  })
}

function toMerchandise(entry: CatalogueEntry): Merchandise {
  const quantityAvailable = entry.quantityAvailable ?? null
  const candidate = {
    id: entry.id,
    productId: entry.productId,
    productTitle: entry.productTitle,
    title: entry.title,
    image: entry.image ? { ...entry.image } : null,
    options: (entry.options ?? []).map((option) => ({ ...option })),
    price: { ...entry.price },
    compareAtPrice: entry.compareAtPrice ? { ...entry.compareAtPrice } : null,
    available: entry.available ?? quantityAvailable !== 0,
    quantityAvailable,
  }
  const parsed = safeParseMerchandise(candidate)
  if (!parsed.success) {
    const [issue] = parsed.issues
    throw new ToteArgumentError(
      'catalogue',
      `entry ${JSON.stringify(entry.id)} is not valid merchandise: ${issue?.path.join('.')}: ${issue?.message}`,
    )
  }
  return parsed.data
}

function convert(value: Money, currency: string, rate: number): Money {
  if (value.currency === currency) return { ...value }
  const scale = 10 ** (currencyDigits(currency) - currencyDigits(value.currency))
  return money(Math.round(value.amount * rate * scale), currency)
}

function randomToken(random: () => number, length: number): string {
  let result = ''
  while (result.length < length) {
    result += Math.floor(random() * 36).toString(36)
  }
  return result
}

/**
 * Creates a deterministic in-memory commerce backend for tests and demos.
 *
 * @example
 * const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock: { now: () => 0 } })
 * const { cart } = backend.createCart({ ops: [] })
 * backend.setStock('mug-speckled', 0)
 */
export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const clock = options.clock ?? { now: () => Date.now() }
  const random = options.random ?? Math.random
  const baseUrl = (options.baseUrl ?? 'https://shop.example').replace(/\/+$/, '')
  const cartLifetimeMs = options.cartLifetimeMs === undefined ? 10 * DAY : options.cartLifetimeMs
  const tokenLifetimeMs =
    options.recoveryTokenLifetimeMs === undefined ? 7 * DAY : options.recoveryTokenLifetimeMs
  const baseCurrency = options.currency ?? options.catalogue?.[0]?.price.currency ?? 'EUR'
  currencyDigits(baseCurrency)

  const catalogue = new Map<string, CatalogueRecord>()
  const carts = new Map<string, StoredCart>()
  const markets = new Map<string, string>([[DEFAULT_MARKET, baseCurrency]])
  const rates = new Map<string, number>([[baseCurrency, 1]])
  const tokens = new Map<number, RecoveryTokenRecord>()
  const idempotency = new Map<string, { fingerprint: string; result: CartWriteResult }>()
  const instance = randomToken(random, 8)
  const discountRules = new Map<string, DiscountRule>(
    Object.entries(
      options.discountCodes ?? {
        WELCOME10: { percentOff: 10 },
        SAVE5: { amountOff: money(500, baseCurrency) },
      },
    ).map(([code, rule]) => [code.toUpperCase(), rule]),
  )
  let cartCounter = 0
  let lineCounter = 0
  let tokenCounter = 0

  function addMerchandise(entry: CatalogueEntry): void {
    if (entry.price?.currency !== baseCurrency) {
      throw new ToteArgumentError(
        'entry.price',
        `catalogue prices are in the base currency ${baseCurrency}; use setPrice for others`,
      )
    }
    catalogue.set(entry.id, { base: toMerchandise(entry), prices: new Map() })
  }
  for (const entry of options.catalogue ?? []) addMerchandise(entry)

  function marketCurrency(country: string | null): string {
    return (country && markets.get(country)) || (markets.get(DEFAULT_MARKET) as string)
  }

  /** The merchandise as it is now, priced in `currency`; `null` when discontinued. */
  function current(id: string, currency: string): Merchandise | null {
    const record = catalogue.get(id)
    if (!record) return null
    const merchandise = clone(record.base)
    if (currency === baseCurrency) return merchandise
    const explicit = record.prices.get(currency)
    const rate = rates.get(currency) ?? 1
    merchandise.price = explicit
      ? { ...explicit.price }
      : convert(record.base.price, currency, rate)
    const compareAt = explicit ? explicit.compareAtPrice : record.base.compareAtPrice
    merchandise.compareAtPrice = compareAt ? convert(compareAt, currency, rate) : null
    return merchandise
  }

  function requireRecord(id: string, argument = 'merchandiseId'): CatalogueRecord {
    const record = catalogue.get(id)
    if (!record) {
      throw new ToteArgumentError(argument, `no merchandise ${JSON.stringify(id)} in the catalogue`)
    }
    return record
  }

  function isExpired(cart: StoredCart): boolean {
    return (
      cart.expired ||
      (cart.status === 'active' &&
        cartLifetimeMs !== null &&
        clock.now() >= cart.updatedAt + cartLifetimeMs)
    )
  }

  function discountFor(cart: StoredCart, subtotal: Money): Money | null {
    let off = 0
    let applied = false
    for (const code of cart.discountCodes) {
      const rule = discountRules.get(code.toUpperCase())
      if (!rule) continue
      applied = true
      if ('percentOff' in rule) off += Math.round((subtotal.amount * rule.percentOff) / 100)
      else off += convert(rule.amountOff, cart.currency, rates.get(cart.currency) ?? 1).amount
    }
    if (!applied) return null
    return money(Math.min(off, subtotal.amount), cart.currency)
  }

  function snapshot(cart: StoredCart): CartSnapshot {
    const lines: CartLine[] = cart.lines.map((line) => {
      const unitPrice = { ...line.merchandise.price }
      const subtotal = money(unitPrice.amount * line.quantity, unitPrice.currency)
      return {
        key: line.key,
        id: line.id,
        merchandise: clone(line.merchandise),
        quantity: line.quantity,
        attributes: { ...line.attributes },
        ...(line.sellingPlanId ? { sellingPlanId: line.sellingPlanId } : {}),
        cost: { unitPrice, subtotal, total: { ...subtotal } },
      }
    })
    const subtotal = money(
      lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0),
      cart.currency,
    )
    const discount = discountFor(cart, subtotal)
    return {
      id: cart.id,
      version: cart.version,
      status: cart.status,
      currency: cart.currency,
      lines,
      cost: {
        subtotal,
        total: money(subtotal.amount - (discount?.amount ?? 0), cart.currency),
        discount,
        tax: null,
      },
      email: cart.email,
      note: cart.note,
      attributes: { ...cart.attributes },
      discountCodes: cart.discountCodes.map((code) => ({
        code,
        applicable: discountRules.has(code.toUpperCase()),
      })),
      checkoutUrl: `${baseUrl}/checkout/${encodeURIComponent(cart.id)}`,
      updatedAt: new Date(cart.updatedAt).toISOString(),
    }
  }

  function writable(cartId: string): StoredCart {
    const cart = typeof cartId === 'string' ? carts.get(cartId) : undefined
    if (!cart) {
      throw new ToteAdapterError('cart_not_found', `no cart ${JSON.stringify(cartId)}`, {
        status: 404,
        details: { cartId },
      })
    }
    if (cart.status === 'completed') {
      throw new ToteAdapterError('cart_completed', `cart ${cartId} is completed`, {
        status: 409,
        details: { cartId },
      })
    }
    if (isExpired(cart)) {
      throw new ToteAdapterError('cart_expired', `cart ${cartId} expired`, {
        status: 410,
        details: { cartId },
      })
    }
    return cart
  }

  /**
   * Brings every line to today's catalogue: prices and currency follow the market, and lines
   * whose merchandise left the catalogue go, as on real backends.
   */
  function refresh(cart: StoredCart, notices: NoticeInput[]): void {
    cart.currency = marketCurrency(cart.country)
    cart.lines = cart.lines.filter((line) => {
      const now = current(line.merchandise.id, cart.currency)
      if (now) {
        line.merchandise = now
        return true
      }
      notices.push({
        code: 'discontinued',
        lineKey: line.key,
        merchandiseId: line.merchandise.id,
        title: line.merchandise.productTitle,
        from: line.quantity,
        to: 0,
      })
      return false
    })
  }

  function setLine(
    cart: StoredCart,
    op: Extract<CartOp, { type: 'setLine' }>,
    notices: NoticeInput[],
  ): void {
    const attributes = cleanRecord(op.attributes ?? {})
    const key = lineKey(op.merchandiseId, attributes, op.sellingPlanId)
    const index = cart.lines.findIndex((line) => line.key === key)
    const remove = () => {
      if (index !== -1) cart.lines.splice(index, 1)
    }
    if (op.quantity === 0) {
      remove()
      return
    }
    const merchandise = current(op.merchandiseId, cart.currency)
    const about = { lineKey: key, merchandiseId: op.merchandiseId }
    if (!merchandise) {
      notices.push({ code: 'discontinued', ...about, from: op.quantity, to: 0 })
      remove()
      return
    }
    const title = merchandise.productTitle
    const stock = merchandise.quantityAvailable
    if (!merchandise.available || stock === 0) {
      notices.push({ code: 'out_of_stock', ...about, title, from: op.quantity, to: 0 })
      remove()
      return
    }
    let quantity = op.quantity
    if (stock !== null && quantity > stock) {
      notices.push({ code: 'insufficient_stock', ...about, title, from: quantity, to: stock })
      quantity = stock
    }
    const line = cart.lines[index]
    if (line) {
      line.quantity = quantity
      line.merchandise = merchandise
    } else {
      lineCounter += 1
      cart.lines.push({
        id: `line-${lineCounter}`,
        key,
        merchandise,
        quantity,
        attributes,
        ...(op.sellingPlanId ? { sellingPlanId: op.sellingPlanId } : {}),
      })
    }
  }

  function applyTo(cart: StoredCart, ops: readonly CartOp[], notices: NoticeInput[]): void {
    for (const op of ops) {
      switch (op.type) {
        case 'setLine':
          setLine(cart, op, notices)
          break
        case 'setNote':
          cart.note = op.note
          break
        case 'setAttributes':
          cart.attributes = cleanRecord(op.attributes)
          break
        case 'setDiscountCodes': {
          const codes: string[] = []
          for (const raw of op.codes) {
            const code = raw.trim()
            if (codes.some((known) => known.toUpperCase() === code.toUpperCase())) continue
            codes.push(code)
            if (!discountRules.has(code.toUpperCase())) {
              notices.push({ code: 'discount_rejected', discountCode: code })
            }
          }
          cart.discountCodes = codes
          break
        }
      }
    }
  }

  /** Runs a change on a copy and commits it with a new version only if something changed. */
  function commit(
    cart: StoredCart,
    change: (draft: StoredCart, notices: NoticeInput[]) => void,
  ): CartWriteResult {
    const draft = clone(cart)
    const notices: NoticeInput[] = []
    refresh(draft, notices)
    change(draft, notices)
    if (JSON.stringify(draft) !== JSON.stringify(cart)) {
      draft.version = cart.version + 1
      draft.updatedAt = clock.now()
      carts.set(cart.id, draft)
    }
    return { cart: snapshot(carts.get(cart.id) as StoredCart), notices }
  }

  /** Honours an idempotency key: same key and content → the first result, not applied again. */
  function idempotent(
    options: WriteOptions | undefined,
    content: unknown,
    run: () => CartWriteResult,
  ): CartWriteResult {
    const key = options?.idempotencyKey
    if (!key) return run()
    const fingerprint = JSON.stringify(content)
    const seen = idempotency.get(key)
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new ToteAdapterError(
          'conflict',
          `idempotency key ${JSON.stringify(key)} was used for another request`,
          { status: 409, details: { idempotencyKey: key } },
        )
      }
      return clone(seen.result)
    }
    const result = run()
    idempotency.set(key, { fingerprint, result: clone(result) })
    return result
  }

  function validateCountry(country: unknown): string | null {
    if (country === undefined || country === null) return null
    if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) {
      throw rejected('country must be an ISO 3166-1 alpha-2 code', { field: 'country' })
    }
    return country
  }

  function newCart(country: string | null): StoredCart {
    cartCounter += 1
    const now = clock.now()
    const cart: StoredCart = {
      id: `cart-${cartCounter}`,
      version: 1,
      status: 'active',
      country,
      currency: marketCurrency(country),
      lines: [],
      email: null,
      emailConsent: null,
      note: '',
      attributes: {},
      discountCodes: [],
      createdAt: now,
      updatedAt: now,
      expired: false,
    }
    carts.set(cart.id, cart)
    return cart
  }

  function requireCart(cartId: string): StoredCart {
    const cart = carts.get(cartId)
    if (!cart) throw new ToteArgumentError('cartId', `no cart ${JSON.stringify(cartId)}`)
    return cart
  }

  function merchandiseOf(cart: StoredCart): Merchandise[] {
    const ids = [...new Set(cart.lines.map((line) => line.merchandise.id))]
    return ids.flatMap((id) => current(id, marketCurrency(cart.country)) ?? [])
  }

  function createRecoveryToken(cartId: string): string {
    requireCart(cartId)
    tokenCounter += 1
    const secret = randomToken(random, 24)
    tokens.set(tokenCounter, {
      cartId,
      secret,
      expiresAt: tokenLifetimeMs === null ? null : clock.now() + tokenLifetimeMs,
    })
    return `tote-mem.${instance}.${tokenCounter}.${secret}`
  }

  function recoverToken(token: string): RecoveryResult {
    const match = TOKEN_PATTERN.exec(token)
    if (!match) throw invalidLink('malformed', 'the recovery link is malformed')
    const [, owner, number, secret] = match as unknown as [string, string, string, string]
    const record = owner === instance ? tokens.get(Number(number)) : undefined
    if (!record) throw invalidLink('unknown', 'the recovery link is not known to this shop')
    if (record.secret !== secret) throw invalidLink('tampered', 'the recovery link was altered')
    if (record.expiresAt !== null && clock.now() >= record.expiresAt) {
      throw invalidLink('expired', 'the recovery link expired')
    }
    const cart = carts.get(record.cartId)
    if (!cart) throw invalidLink('unknown', 'the cart of this recovery link is gone')
    if (cart.status === 'completed') {
      throw invalidLink('completed', 'the cart of this recovery link became an order')
    }
    if (isExpired(cart)) throw invalidLink('expired', 'the cart of this recovery link expired')
    return { cart: snapshot(cart), merchandise: merchandiseOf(cart) }
  }

  function recoverPermalink(path: string, params: URLSearchParams): RecoveryResult {
    const wanted = new Map<string, number>()
    for (const part of path.split(',')) {
      const match = /^([^:]+):(\d+)$/.exec(part)
      let id = ''
      try {
        id = match ? decodeURIComponent(match[1] as string) : ''
      } catch {
        // A broken percent escape is a malformed link like any other.
      }
      const quantity = match ? Number(match[2]) : 0
      if (!id || quantity < 1) throw invalidLink('malformed', 'the cart link is malformed')
      wanted.set(id, Math.min(MAX_LINE_QUANTITY, (wanted.get(id) ?? 0) + quantity))
    }
    const known = [...wanted].filter(([id]) => catalogue.has(id))
    if (known.length === 0) throw invalidLink('unknown', 'the cart link names no known product')
    const cart = newCart(null)
    // The link describes the cart the shopper wants; reconciling it with stock is the
    // client's job, so quantities are kept as the link says.
    for (const [id, quantity] of known) {
      lineCounter += 1
      cart.lines.push({
        id: `line-${lineCounter}`,
        key: lineKey(id),
        merchandise: current(id, cart.currency) as Merchandise,
        quantity,
        attributes: {},
      })
    }
    const discount = params.get('discount')
    if (discount) cart.discountCodes = discount.split(',').filter((code) => code.trim() !== '')
    return { cart: snapshot(cart), merchandise: merchandiseOf(cart) }
  }

  return {
    baseCurrency,

    createCart(input, writeOptions) {
      return idempotent(writeOptions, ['create', input], () => {
        if (typeof input !== 'object' || input === null) {
          throw rejected('input must be an object', { field: 'input' })
        }
        const ops = input.ops ?? []
        validateOps(ops)
        const country = validateCountry(input.country)
        const cart = newCart(country)
        const notices: NoticeInput[] = []
        const draft = clone(cart)
        applyTo(draft, ops, notices)
        carts.set(cart.id, draft)
        return { cart: snapshot(draft), notices }
      })
    },

    getCart(cartId) {
      const cart = carts.get(cartId)
      if (!cart || isExpired(cart)) return null
      return snapshot(cart)
    },

    applyOps(cartId, ops, writeOptions) {
      return idempotent(writeOptions, ['apply', cartId, ops], () => {
        const cart = writable(cartId)
        validateOps(ops)
        return commit(cart, (draft, notices) => applyTo(draft, ops, notices))
      })
    },

    captureEmail(cartId, input, writeOptions) {
      return idempotent(writeOptions, ['email', cartId, input], () => {
        const cart = writable(cartId)
        const email = typeof input?.email === 'string' ? input.email.trim() : ''
        if (!EMAIL_PATTERN.test(email) || email.length > 254) {
          throw rejected('email is not a valid address', { field: 'email' })
        }
        if (typeof input.consent !== 'boolean') {
          throw rejected('consent must be a boolean', { field: 'consent' })
        }
        return commit(cart, (draft) => {
          draft.email = email
          draft.emailConsent = input.consent
        })
      })
    },

    getMerchandise(ids, lookup = {}) {
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw rejected('ids must be an array of strings', { field: 'ids' })
      }
      const currency = marketCurrency(lookup.country ?? null)
      return [...new Set(ids)].flatMap((id) => current(id, currency) ?? [])
    },

    recover(link) {
      const text = typeof link === 'string' ? link.trim() : ''
      if (!text) throw invalidLink('malformed', 'the recovery link is empty')
      if (!text.includes('/')) return recoverToken(text)
      let url: URL
      try {
        url = new URL(text, `${baseUrl}/`)
      } catch {
        throw invalidLink('malformed', 'the recovery link is not a URL')
      }
      const token = url.searchParams.get('token')
      if (token !== null) return recoverToken(token)
      const permalink = /\/cart\/([^/]+)\/?$/.exec(url.pathname)
      if (permalink) return recoverPermalink(permalink[1] as string, url.searchParams)
      throw invalidLink('malformed', 'the link is neither a recovery link nor a cart link')
    },

    createRecoveryToken,

    createRecoveryLink(cartId) {
      return `${baseUrl}/recover?token=${encodeURIComponent(createRecoveryToken(cartId))}`
    },

    permalink(lines) {
      const parts = lines.map((line) => {
        if (!Number.isInteger(line.quantity) || line.quantity < 1) {
          throw new ToteArgumentError('lines', 'each quantity must be a positive integer')
        }
        return `${encodeURIComponent(line.merchandiseId)}:${line.quantity}`
      })
      return `/cart/${parts.join(',')}`
    },

    inspectCart(cartId) {
      const cart = carts.get(cartId)
      if (!cart) return null
      return {
        snapshot: snapshot(cart),
        emailConsent: cart.emailConsent,
        country: cart.country,
        createdAt: cart.createdAt,
      }
    },

    cartIds() {
      return [...carts.keys()]
    },

    completeCart(cartId) {
      const cart = requireCart(cartId)
      if (cart.status !== 'completed') {
        cart.status = 'completed'
        cart.version += 1
        cart.updatedAt = clock.now()
      }
      return snapshot(cart)
    },

    expireCart(cartId) {
      requireCart(cartId).expired = true
    },

    deleteCart(cartId) {
      carts.delete(cartId)
    },

    setStock(merchandiseId, quantity) {
      if (quantity !== null && (!Number.isInteger(quantity) || quantity < 0)) {
        throw new ToteArgumentError('quantity', 'expected a non-negative integer or null')
      }
      const { base } = requireRecord(merchandiseId)
      base.quantityAvailable = quantity
      base.available = quantity !== 0
    },

    sellOut(merchandiseId) {
      const { base } = requireRecord(merchandiseId)
      base.quantityAvailable = 0
      base.available = false
    },

    setPrice(merchandiseId, price, priceOptions = {}) {
      const record = requireRecord(merchandiseId)
      const amount = money(price.amount, price.currency)
      const compareAt =
        priceOptions.compareAtPrice === undefined
          ? undefined
          : priceOptions.compareAtPrice &&
            money(priceOptions.compareAtPrice.amount, amount.currency)
      if (amount.currency === baseCurrency) {
        record.base.price = amount
        if (compareAt !== undefined) record.base.compareAtPrice = compareAt
      } else {
        const before = record.prices.get(amount.currency)
        record.prices.set(amount.currency, {
          price: amount,
          compareAtPrice: compareAt === undefined ? (before?.compareAtPrice ?? null) : compareAt,
        })
      }
    },

    discontinue(merchandiseId) {
      requireRecord(merchandiseId)
      catalogue.delete(merchandiseId)
    },

    addMerchandise,

    setCurrency(currency, currencyOptions = {}) {
      currencyDigits(currency)
      const country = currencyOptions.country
      if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
        throw new ToteArgumentError('options.country', 'expected an ISO 3166-1 alpha-2 code')
      }
      if (currencyOptions.rate !== undefined) {
        if (!(currencyOptions.rate > 0) || !Number.isFinite(currencyOptions.rate)) {
          throw new ToteArgumentError('options.rate', 'expected a positive finite number')
        }
        rates.set(currency, currencyOptions.rate)
      }
      markets.set(country ?? DEFAULT_MARKET, currency)
    },
  }
}
