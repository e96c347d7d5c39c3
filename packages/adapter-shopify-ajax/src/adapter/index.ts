import {
  type AdapterCapabilities,
  type AdapterContext,
  type CartAdapter,
  type CartLine,
  type CartOp,
  type CartSnapshot,
  type CartWriteResult,
  type CreateCartInput,
  httpError,
  lineKey,
  type Merchandise,
  parseCartPermalink,
  type RecoveryResult,
  readJsonResponse,
  ToteAdapterError,
  ToteArgumentError,
  transportError,
} from '@tote/core/adapter'
import ky, { type KyInstance } from 'ky'
import type * as z from 'zod/mini'
import { itemLineKey, productMerchandise, toSnapshot, toStringRecord } from '../mapping/index.ts'
import { buildNotices, type QuantityRule, type VariantFacts } from '../notices/index.ts'
import { type LinePlan, type Meta, metaPayload, planOps } from '../plan/index.ts'
import {
  AddResponseSchema,
  type AjaxCart,
  AjaxCartSchema,
  CartErrorSchema,
  ProductSchema,
  SectionsSchema,
} from '../schemas/index.ts'

/** The most sections Shopify renders in one request. */
export const MAX_SECTIONS = 5

/** Options of {@link createShopifyAjaxAdapter}. */
export interface ShopifyAjaxAdapterOptions {
  /**
   * The shop's locale-aware root, as the theme has it in `window.Shopify.routes.root`
   * (`/`, `/fr/`, or an absolute URL).
   * @default '/'
   */
  root?: string
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch
  /**
   * Theme sections to re-render with every write (bundled section rendering, at most 5).
   * Their HTML comes back in `extensions.sections` of each write result.
   * @default []
   */
  sections?: readonly string[]
  /** The page whose context renders the sections (`sections_url`). @default the current page */
  sectionsUrl?: string
  /**
   * Timeout per request in milliseconds.
   * @default 10000
   */
  timeoutMs?: number
}

const CAPABILITIES: AdapterCapabilities = Object.freeze({
  // The theme cart takes no buyer email: checkout asks for it.
  email: false,
  recovery: true,
  notes: true,
  attributes: true,
  discounts: true,
  idempotency: false,
  // Items carry a selling plan; delivery address, phone, gift cards and cart metafields are
  // checkout's on a theme: no cart details.
  sellingPlans: true,
})

type Outcome =
  | { ok: true; body: unknown; version: number }
  | { ok: false; status: number; description: string }

/**
 * Creates a Tote adapter for Shopify's theme AJAX cart (`/cart.js`, `/cart/add.js`,
 * `/cart/change.js`, `/cart/update.js`, `/cart/clear.js`).
 *
 * The merge rule is the theme's: a line is a variant plus its properties, so the same
 * variant with other properties is another line. Quantities are targets: the adapter adds
 * what is missing, then sets exact quantities by line item key, and corrects once against
 * the cart Shopify returns. A 422 (sold out, not enough stock, partial add) never fails the
 * write: the cart is read again and the shortfall comes back as a notice.
 *
 * @example
 * const adapter = createShopifyAjaxAdapter({
 *   root: window.Shopify.routes.root,
 *   sections: ['cart-drawer', 'cart-icon-bubble'],
 * })
 */
export function createShopifyAjaxAdapter(options: ShopifyAjaxAdapterOptions = {}): CartAdapter {
  if (typeof options !== 'object' || options === null) {
    throw new ToteArgumentError('options', 'expected an options object')
  }
  const rawRoot = options.root ?? '/'
  if (typeof rawRoot !== 'string' || !/^(https?:\/\/[^/]+)?\//.test(rawRoot)) {
    throw new ToteArgumentError('options.root', 'expected a root such as "/" or "/fr/"')
  }
  const root = rawRoot.endsWith('/') ? rawRoot : `${rawRoot}/`
  const sections = [...(options.sections ?? [])]
  if (sections.length > MAX_SECTIONS || !sections.every((id) => typeof id === 'string' && id)) {
    throw new ToteArgumentError(
      'options.sections',
      `expected at most ${MAX_SECTIONS} section ids (Shopify renders no more per request)`,
    )
  }
  // The sync engine owns retries, and readJsonResponse judges every status.
  const client: KyInstance = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: options.timeoutMs ?? 10_000,
    // Read at call time, never at import time, so tests and SSR can swap it.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: { Accept: 'application/json' },
  })
  const sectionParams: Record<string, string> =
    sections.length === 0
      ? {}
      : {
          sections: sections.join(','),
          ...(options.sectionsUrl ? { sections_url: options.sectionsUrl } : {}),
        }
  // Variant id → product handle, learnt from every cart read, to find product JSON.
  const handles = new Map<string, string>()
  // Variant id → what its product JSON says beyond merchandise, learnt at every look-up.
  const facts = new Map<string, VariantFacts>()
  let currency: string | null = null
  let lastVersion = 0

  /** A version for a request sent now: later requests always get larger ones. */
  function stamp(): number {
    lastVersion = Math.max(lastVersion + 1, Date.now())
    return lastVersion
  }

  function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      throw new ToteAdapterError('invalid_response', `unexpected ${what} from the theme cart`, {
        cause: parsed.error,
      })
    }
    return parsed.data
  }

  async function request(
    method: 'GET' | 'POST',
    path: string,
    ctx: AdapterContext,
    json?: unknown,
  ): Promise<Outcome> {
    const version = stamp()
    const url = `${root}${path}`
    const response = await readJsonResponse(url, () =>
      client(url, { method, json, signal: ctx.signal }),
    )
    if (response.status >= 200 && response.status < 300) {
      return { ok: true, body: response.body, version }
    }
    const error = CartErrorSchema.safeParse(response.body)
    const description = error.success ? (error.data.description ?? error.data.message ?? '') : ''
    if ([400, 404, 422].includes(response.status)) {
      return { ok: false, status: response.status, description }
    }
    throw httpError({
      status: response.status,
      // Shopify's 430 is a throttle when its JSON body says so: retried like a 429.
      ...(response.status === 430 && saysThrottled(response.body) ? { code: 'rate_limited' } : {}),
      message: `the theme cart refused ${path} (${response.status})${description ? `: ${description}` : ''}`,
    })
  }

  function remember(cart: AjaxCart): void {
    currency = cart.currency
    for (const item of cart.items) {
      if (item.handle) handles.set(String(item.variant_id), item.handle)
    }
  }

  function asCart(body: unknown): AjaxCart {
    const cart = parse(AjaxCartSchema, body, 'cart')
    remember(cart)
    return cart
  }

  async function readCart(ctx: AdapterContext): Promise<{ cart: AjaxCart; version: number }> {
    const outcome = await request('GET', 'cart.js', ctx)
    if (!outcome.ok) {
      throw new ToteAdapterError(
        'rejected',
        `the theme cart refused cart.js: ${outcome.description}`,
        {
          status: outcome.status,
        },
      )
    }
    return { cart: asCart(outcome.body), version: outcome.version }
  }

  function snapshotOf(state: { cart: AjaxCart; version: number }): CartSnapshot {
    return toSnapshot(state.cart, {
      version: state.version,
      updatedAt: new Date(state.version).toISOString(),
      checkoutUrl: `${root}checkout`,
    })
  }

  function itemInput(plan: LinePlan, quantity: number) {
    const plan$ = plan.sellingPlanId
    return {
      id: numeric(plan.merchandiseId),
      quantity,
      ...(Object.keys(plan.attributes).length > 0 ? { properties: plan.attributes } : {}),
      // The theme's product form field: the subscription the item is bought on.
      ...(plan$ ? { selling_plan: numeric(plan$) } : {}),
    }
  }

  /**
   * Brings the theme cart to the targets and returns it with notices. Batched first
   * (one add.js, one update.js), then exact and per line where Shopify refused a batch.
   */
  async function write(
    plans: LinePlan[],
    meta: Meta,
    ctx: AdapterContext,
  ): Promise<CartWriteResult & { state: { cart: AjaxCart; version: number } }> {
    const refusals = new Map<string, string>()
    let state: { cart: AjaxCart; version: number } | null = null
    let stale = true
    let rendered: Record<string, string | null> | undefined
    let renderedFresh = false

    const wrote = (outcome: Outcome & { ok: true }, full: boolean) => {
      const body = outcome.body as { sections?: unknown }
      if (sections.length > 0 && body && typeof body === 'object' && body.sections) {
        rendered = parse(SectionsSchema, body.sections, 'sections')
        renderedFresh = true
      } else renderedFresh = false
      if (full) {
        state = { cart: asCart(outcome.body), version: outcome.version }
        stale = false
      } else stale = true
    }
    const failed = () => {
      // A refused write may still have changed the cart (a partial add).
      stale = true
      renderedFresh = false
    }
    const fresh = async () => {
      if (stale || !state) {
        state = await readCart(ctx)
        stale = false
      }
      return state
    }

    // Pass 1: everything in at most two requests.
    const adds = plans.filter((plan) => plan.itemKey === null && plan.quantity > 0)
    let batchAddRefusal: string | null = null
    if (adds.length > 0) {
      const outcome = await request('POST', 'cart/add.js', ctx, {
        items: adds.map((plan) => itemInput(plan, plan.quantity)),
        ...sectionParams,
      })
      if (outcome.ok) {
        parse(AddResponseSchema, outcome.body, 'add.js answer')
        wrote(outcome, false)
      } else {
        failed()
        if (adds.length === 1) refusals.set((adds[0] as LinePlan).key, outcome.description)
        else batchAddRefusal = outcome.description
      }
    }
    const updates: Record<string, number> = {}
    for (const plan of plans) if (plan.itemKey !== null) updates[plan.itemKey] = plan.quantity
    const metaBody = metaPayload(meta)
    let metaDone = Object.keys(metaBody).length === 0
    if (Object.keys(updates).length > 0 || !metaDone) {
      const outcome = await request('POST', 'cart/update.js', ctx, {
        ...(Object.keys(updates).length > 0 ? { updates } : {}),
        ...metaBody,
        ...sectionParams,
      })
      if (outcome.ok) {
        wrote(outcome, true)
        metaDone = true
      } else failed()
    }
    let current = await fresh()

    // Pass 2: compare with the targets; correct in one request, or line by line if refused.
    const corrections: Record<string, number> = {}
    const missing: LinePlan[] = []
    for (const plan of plans) {
      const items = current.cart.items.filter((item) => itemLineKey(item) === plan.key)
      if (plan.quantity === 0) {
        for (const item of items) corrections[item.key] = 0
        continue
      }
      const [first, ...others] = items
      if (!first) {
        if (!refusals.has(plan.key)) missing.push(plan)
        continue
      }
      for (const item of others) corrections[item.key] = 0
      const quantity = items.reduce((sum, item) => sum + item.quantity, 0)
      const refused = refusals.has(plan.key) || (batchAddRefusal !== null && adds.includes(plan))
      if (quantity > plan.quantity || (quantity < plan.quantity && !refused) || others.length > 0) {
        corrections[first.key] = plan.quantity
      }
    }
    const keys = Object.keys(corrections)
    if (keys.length > 0) {
      const clearsAll =
        keys.every((key) => corrections[key] === 0) &&
        current.cart.items.every((item) => corrections[item.key] === 0)
      const outcome = clearsAll
        ? await request('POST', 'cart/clear.js', ctx, { ...sectionParams })
        : await request('POST', 'cart/update.js', ctx, { updates: corrections, ...sectionParams })
      if (outcome.ok) wrote(outcome, true)
      else {
        failed()
        // One line was refused: set each line alone, so each refusal is known.
        for (const key of keys) {
          const itemOutcome = await request('POST', 'cart/change.js', ctx, {
            id: key,
            quantity: corrections[key],
            ...sectionParams,
          })
          if (itemOutcome.ok) wrote(itemOutcome, true)
          else {
            failed()
            const item = current.cart.items.find((candidate) => candidate.key === key)
            if (item) refusals.set(itemLineKey(item), itemOutcome.description)
          }
        }
      }
    }
    for (const plan of missing) {
      const outcome = await request('POST', 'cart/add.js', ctx, {
        items: [itemInput(plan, plan.quantity)],
        ...sectionParams,
      })
      if (outcome.ok) wrote(outcome, false)
      else {
        failed()
        refusals.set(plan.key, outcome.description)
      }
    }
    if (!metaDone) {
      const outcome = await request('POST', 'cart/update.js', ctx, {
        ...metaBody,
        ...sectionParams,
      })
      if (outcome.ok) wrote(outcome, true)
      else {
        failed()
        throw new ToteAdapterError(
          'rejected',
          `the theme cart refused the note, attributes or discount: ${outcome.description}`,
          { status: outcome.status },
        )
      }
    }
    current = await fresh()
    if (meta.attributes) {
      // update.js merges attributes; a blank value removes one.
      const extra = Object.keys(current.cart.attributes ?? {}).filter(
        (key) => !Object.hasOwn(meta.attributes as object, key),
      )
      if (extra.length > 0) {
        const outcome = await request('POST', 'cart/update.js', ctx, {
          attributes: Object.fromEntries(extra.map((key) => [key, ''])),
          ...sectionParams,
        })
        if (outcome.ok) wrote(outcome, true)
        else failed()
        current = await fresh()
      }
    }
    const cart = snapshotOf(current)
    // A refusal is read from what can be known without words: the cart now, and the
    // variant's product JSON (availability, selling plans, quantity rule).
    const refused = plans.filter((plan) => {
      const reason =
        refusals.get(plan.key) ?? (adds.includes(plan) ? (batchAddRefusal ?? undefined) : undefined)
      const actual = cart.lines.find((line) => line.key === plan.key)?.quantity ?? 0
      return reason !== undefined && plan.quantity > 0 && actual < plan.quantity
    })
    const ids = [...new Set(refused.map((plan) => plan.merchandiseId))]
    if (ids.length > 0) {
      try {
        await lookUp(ids, ctx)
      } catch {
        // Best effort: without product JSON the notice says less, the write still stands.
      }
    }
    if (sections.length > 0 && !renderedFresh) rendered = await renderSections(ctx)
    const rules = new Map<string, QuantityRule>()
    for (const item of current.cart.items) {
      if (item.quantity_rule) rules.set(String(item.variant_id), item.quantity_rule)
    }
    return {
      cart,
      notices: buildNotices({
        plans,
        meta,
        cart,
        refusals,
        adds,
        batchAddRefusal,
        facts: new Map(
          ids.flatMap((id) => {
            const known = facts.get(id)
            const rule = known?.rule ?? rules.get(id) ?? null
            return known ? [[id, { ...known, rule }] as const] : []
          }),
        ),
      }),
      ...(sections.length > 0 ? { extensions: { sections: rendered ?? {} } } : {}),
      state: current,
    }
  }

  /** Renders the sections through the Section Rendering API, after a write that could not. */
  async function renderSections(ctx: AdapterContext): Promise<Record<string, string | null>> {
    const base = options.sectionsUrl ?? root
    const separator = base.includes('?') ? '&' : '?'
    const url = `${base}${separator}sections=${encodeURIComponent(sections.join(','))}`
    // Best effort: the write is done, so a failed rendering must not make it look failed.
    try {
      const response = await readJsonResponse(url, () =>
        client(url, { method: 'GET', signal: ctx.signal }),
      )
      if (response.status !== 200) return {}
      return parse(SectionsSchema, response.body, 'sections')
    } catch {
      return {}
    }
  }

  async function lookUp(ids: readonly string[], ctx: AdapterContext): Promise<Merchandise[]> {
    if (ids.length === 0) return []
    const priceCurrency = currency ?? (await readCart(ctx)).cart.currency
    const byHandle = new Set<string>()
    await Promise.all(
      ids.map(async (id) => {
        const known = handles.get(id)
        if (known) {
          byHandle.add(known)
          return
        }
        const handle = await handleOf(id, ctx)
        if (handle) {
          handles.set(id, handle)
          byHandle.add(handle)
        }
      }),
    )
    const products = await Promise.all(
      [...byHandle].map(async (handle) => {
        const outcome = await request('GET', `products/${encodeURIComponent(handle)}.js`, ctx)
        return outcome.ok ? parse(ProductSchema, outcome.body, 'product') : null
      }),
    )
    const found = new Map<string, Merchandise>()
    for (const product of products) {
      if (!product) continue
      for (const item of productMerchandise(product, priceCurrency)) found.set(item.id, item)
      for (const variant of product.variants) {
        facts.set(String(variant.id), {
          title: product.title,
          available: variant.available,
          requiresSellingPlan: variant.requires_selling_plan ?? false,
          sellingPlans: new Set(
            (variant.selling_plan_allocations ?? []).map((entry) => String(entry.selling_plan_id)),
          ),
          rule: variant.quantity_rule ?? null,
        })
      }
    }
    return ids.flatMap((id) => found.get(id) ?? [])
  }

  /** `/variants/ID` redirects to the product page; its URL names the product's handle. */
  async function handleOf(id: string, ctx: AdapterContext): Promise<string | null> {
    let response: Response
    try {
      response = await client(`${root}variants/${encodeURIComponent(id)}`, {
        method: 'HEAD',
        signal: ctx.signal,
      })
    } catch (error) {
      throw transportError(error)
    }
    if (response.status === 429 || response.status >= 500) {
      throw httpError({
        status: response.status,
        headers: response.headers,
        message: `the shop failed to find variant ${id} (${response.status})`,
      })
    }
    if (!response.ok) return null
    return /\/products\/([^/?#]+)/.exec(response.url)?.[1] ?? null
  }

  return {
    name: 'shopify-ajax',
    capabilities: CAPABILITIES,

    async create(input: CreateCartInput, ctx: AdapterContext): Promise<CartWriteResult> {
      // The theme has one cart per session: "creating" adopts it, lines already in it kept.
      const { plans, meta } = planOps(input.ops.map(withoutLineId))
      const { state: _state, ...result } = await write(plans, meta, ctx)
      return result
    },

    async get(cartId: string, ctx: AdapterContext): Promise<CartSnapshot | null> {
      const state = await readCart(ctx)
      // A new token means the session's cart changed (completed or expired): start over.
      if (state.cart.token !== cartId) return null
      return snapshotOf(state)
    },

    async apply(
      cartId: string,
      ops: readonly CartOp[],
      ctx: AdapterContext,
    ): Promise<CartWriteResult> {
      const { plans, meta } = planOps(ops)
      const { state, ...result } = await write(plans, meta, ctx)
      if (state.cart.token !== cartId) {
        throw new ToteAdapterError(
          'cart_not_found',
          'the theme session has another cart now (the previous one was completed or expired)',
        )
      }
      return result
    },

    async captureEmail(): Promise<CartWriteResult> {
      throw new ToteAdapterError(
        'unsupported',
        "Shopify's theme cart takes no email: checkout asks for it",
      )
    },

    async merchandise(ids: readonly string[], ctx: AdapterContext): Promise<Merchandise[]> {
      return lookUp([...new Set(ids)], ctx)
    },

    async recover(link: string, ctx: AdapterContext): Promise<RecoveryResult> {
      if (typeof link !== 'string' || link.trim() === '') {
        throw new ToteAdapterError('invalid_recovery_link', 'the recovery link is empty')
      }
      // A permalink names variants and quantities. The merchandise is read as it is now,
      // then what can still be bought goes into the session's cart (never lowering what the
      // shopper has), so the engine has the real cart to reconcile into. The link carries
      // no prices: the "cart as it was" is priced at today's prices.
      const permalink = parseCartPermalink(link)
      const { cart: session } = await readCart(ctx)
      const ids = permalink.lines.map((line) => line.variantId)
      const merchandise = await lookUp([...new Set(ids)], ctx)
      const found = new Map(merchandise.map((item) => [item.id, item]))
      if (found.size === 0) {
        throw new ToteAdapterError(
          'invalid_recovery_link',
          'the cart link names no variant this shop sells',
        )
      }
      const plans: LinePlan[] = permalink.lines.flatMap((line) => {
        if (!found.get(line.variantId)?.available) return []
        const key = lineKey(line.variantId)
        const has = session.items
          .filter((item) => itemLineKey(item) === key)
          .reduce((sum, item) => sum + item.quantity, 0)
        return [
          {
            key,
            merchandiseId: line.variantId,
            attributes: {},
            quantity: Math.max(has, line.quantity),
            itemKey: null,
          },
        ]
      })
      const meta: Meta = {}
      if (permalink.note !== undefined) meta.note = permalink.note
      if (Object.keys(permalink.attributes).length > 0) {
        meta.attributes = { ...toStringRecord(session.attributes), ...permalink.attributes }
      }
      if (permalink.discountCodes.length > 0) {
        const codes = (session.discount_codes ?? []).map((entry) => entry.code)
        meta.discountCodes = [...new Set([...codes, ...permalink.discountCodes])]
      }
      const { cart: held } = await write(plans, meta, ctx)
      const { currency } = held
      const named = new Set<string>()
      const lines = permalink.lines.map((line): CartLine => {
        const key = lineKey(line.variantId)
        named.add(key)
        const item = found.get(line.variantId) ?? discontinued(line.variantId, currency)
        const current = held.lines.find((candidate) => candidate.key === key)
        const unitPrice = current?.cost.unitPrice ?? item.price
        const subtotal = { amount: unitPrice.amount * line.quantity, currency }
        return {
          key,
          id: current?.id ?? null,
          merchandise: item,
          quantity: line.quantity,
          attributes: {},
          cost: { unitPrice, subtotal, total: subtotal },
        }
      })
      // The session's other lines stay in the cart; they are shown as they are.
      lines.push(...held.lines.filter((line) => !named.has(line.key)))
      const amount = lines.reduce((sum, line) => sum + line.cost.subtotal.amount, 0)
      const subtotal = { amount, currency }
      return {
        cart: { ...held, lines, cost: { subtotal, total: subtotal, discount: null, tax: null } },
        merchandise: [...found.values()],
      }
    },
  }
}

/** Whether a 430's JSON body says it is a throttle (Shopify's code or status, not words). */
function saysThrottled(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false
  const { status, errors } = body as { status?: unknown; errors?: unknown }
  if (status === 429 || status === '429' || status === 'too_many_requests') return true
  return (
    Array.isArray(errors) &&
    errors.some(
      (error) =>
        (error as { extensions?: { code?: unknown } } | null)?.extensions?.code === 'THROTTLED',
    )
  )
}

/** A Shopify id as the theme takes it: a number when it is one. */
function numeric(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id
}

function withoutLineId(op: CartOp): CartOp {
  return op.type === 'setLine' ? { ...op, lineId: null } : op
}

function discontinued(id: string, currency: string): Merchandise {
  return {
    id,
    productId: id,
    productTitle: '',
    title: '',
    image: null,
    options: [],
    price: { amount: 0, currency },
    compareAtPrice: null,
    available: false,
    quantityAvailable: 0,
  }
}
