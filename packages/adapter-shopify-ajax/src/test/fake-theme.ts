import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CartOp, type CartSnapshot, isToteError, lineKey } from '@tote/core/adapter'
import type { CatalogueEntry, MemoryBackend } from '@tote/testing'

/** A canned answer the fake gives instead of (or after) handling the next request. */
export interface FakeFault {
  status: number
  body?: string
  headers?: Record<string, string>
  /** Handle the request first, then answer with the fault (an ambiguous failure). */
  afterApply?: boolean
  /** Only for the next request to this path (such as `/cart/add.js`); any request otherwise. */
  path?: string
}

/** A Shopify theme (AJAX cart API) on 127.0.0.1, backed by a memory backend. */
export interface FakeTheme {
  /** `http://127.0.0.1:PORT/`: pass it as `root`. */
  readonly root: string
  readonly backend: MemoryBackend
  /** Every request as `METHOD /path`, in order. */
  readonly requests: string[]
  /** Request bodies of the POSTs, in order. */
  readonly bodies: Array<Record<string, unknown>>
  /** Answers the next requests with these faults, in order. */
  fail(...faults: FakeFault[]): void
  /** The backend cart id behind a cart token. */
  backendId(token: string): string
  close(): Promise<void>
}

type SetLine = Extract<CartOp, { type: 'setLine' }>

function hash(text: string): string {
  let value = 5381
  for (const char of text) value = ((value * 33) ^ char.charCodeAt(0)) >>> 0
  return value.toString(16).padStart(8, '0')
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function setLine(
  merchandiseId: string,
  attributes: Record<string, string>,
  quantity: number,
  sellingPlanId?: string | null,
): SetLine {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    ...(sellingPlanId ? { sellingPlanId } : {}),
    quantity,
    lineKey: lineKey(merchandiseId, attributes, sellingPlanId),
    lineId: null,
  }
}

/** The languages the fake theme speaks its cart errors in. */
export type ThemeLanguage = 'en' | 'fr' | 'de' | 'es' | 'ja'

/**
 * Cart error descriptions as localized themes word them, each language with its own quotes
 * around a product's name (« » in French and Spanish, „ “ in German, 「 」 in Japanese).
 */
const CART_ERRORS: Record<
  ThemeLanguage,
  {
    soldOut: (title: string) => string
    only: (count: number) => string
    maximum: string
    needsPlan: (title: string) => string
    planGone: (title: string) => string
    rule: (title: string) => string
  }
> = {
  en: {
    soldOut: (title) => `The product '${title}' is already sold out.`,
    only: (count) => `Only ${count} items were added to your cart.`,
    maximum: 'The maximum quantity of this item is already in your cart.',
    needsPlan: (title) => `'${title}' can only be purchased with a subscription.`,
    planGone: (title) => `The selling plan of '${title}' is not available.`,
    rule: (title) => `The quantity of '${title}' does not meet its quantity rule.`,
  },
  fr: {
    soldOut: (title) => `Le produit « ${title} » est déjà épuisé.`,
    only: (count) => `Seuls ${count} articles ont été ajoutés à votre panier.`,
    maximum: 'La quantité maximale de cet article se trouve déjà dans votre panier.',
    needsPlan: (title) => `« ${title} » ne peut être acheté qu’avec un abonnement.`,
    planGone: (title) => `L’abonnement choisi pour « ${title} » n’est pas disponible.`,
    rule: (title) => `La quantité de « ${title} » ne respecte pas sa règle de quantité.`,
  },
  de: {
    soldOut: (title) => `Das Produkt „${title}“ ist bereits ausverkauft.`,
    only: (count) => `Nur ${count} Artikel wurden deinem Warenkorb hinzugefügt.`,
    maximum: 'Die maximale Menge dieses Artikels befindet sich bereits in deinem Warenkorb.',
    needsPlan: (title) => `„${title}“ ist nur im Abonnement erhältlich.`,
    planGone: (title) => `Das Abo für „${title}“ ist nicht verfügbar.`,
    rule: (title) => `Die Menge von „${title}“ entspricht nicht der Mengenregel.`,
  },
  es: {
    soldOut: (title) => `El producto «${title}» ya está agotado.`,
    only: (count) => `Solo se agregaron ${count} artículos a tu carrito.`,
    maximum: 'La cantidad máxima de este artículo ya está en tu carrito.',
    needsPlan: (title) => `«${title}» solo se puede comprar con una suscripción.`,
    planGone: (title) => `El plan de suscripción de «${title}» no está disponible.`,
    rule: (title) => `La cantidad de «${title}» no cumple su regla de cantidad.`,
  },
  ja: {
    soldOut: (title) => `商品「${title}」はすでに売り切れです。`,
    only: (count) => `カートに追加されたのは${count}点のみです。`,
    maximum: 'この商品の最大数量がすでにカートに入っています。',
    needsPlan: (title) => `「${title}」は定期購入でのみ購入できます。`,
    planGone: (title) => `「${title}」の定期購入プランは利用できません。`,
    rule: (title) => `「${title}」の数量が数量ルールを満たしていません。`,
  },
}

/** A variant's B2B quantity rule, as `/cart.js` and product JSON spell it. */
type ThemeQuantityRule = { min: number; max: number | null; increment: number }

/**
 * Starts a fake Shopify theme on 127.0.0.1 with a random port, following the documented
 * AJAX cart API: `/cart.js`, `/cart/add.js` (merges the same variant and properties),
 * `/cart/change.js` and `/cart/update.js` (absolute quantities by line item key),
 * `/cart/clear.js`, 422 `Cart Error`s for stock (sold out; "Only N items were added" after a
 * partial add; "The maximum quantity of this item is already in your cart"), bundled
 * section rendering (`sections`, at most 5), product JSON and `/variants/ID` redirects.
 * The cart is chosen by a `cart` cookie, as in a browser session.
 */
export async function startFakeTheme(options: {
  backend: MemoryBackend
  catalogue: readonly CatalogueEntry[]
  /** The language of cart error descriptions (a shop under `/fr/` words them in French). @default 'en' */
  language?: ThemeLanguage
  /**
   * Selling plans by variant id (numbers, as the theme spells them): the plans a variant is
   * offered on, and whether it is sold by subscription only. The same variant on another
   * plan is another item. Left out, every plan is taken (no subscription app modelled).
   */
  sellingPlans?: Record<
    string,
    { plans: Array<{ id: string; name: string }>; requiresSellingPlan?: boolean }
  >
  /** B2B quantity rules by variant id. */
  quantityRules?: Record<string, ThemeQuantityRule>
  /** Automatic line discounts in percent by variant id (in `final_line_price`, `total_discount`). */
  lineDiscounts?: Record<string, number>
}): Promise<FakeTheme> {
  const { backend, catalogue } = options
  const words = CART_ERRORS[options.language ?? 'en']
  const requests: string[] = []
  const bodies: Array<Record<string, unknown>> = []
  const faults: FakeFault[] = []
  const handleOf = (entry: CatalogueEntry) => slug(entry.productTitle)

  const keyOf = (id: string, attributes: Record<string, string>, plan?: string | null) =>
    `${id}:${hash(JSON.stringify([Object.entries(attributes).sort(), plan ?? null]))}`
  const itemKey = (line: CartSnapshot['lines'][number]) =>
    keyOf(line.merchandise.id, line.attributes, line.sellingPlanId)
  const planName = (variantId: string, planId: string) =>
    options.sellingPlans?.[variantId]?.plans.find((plan) => plan.id === planId)?.name ?? planId
  const ruleOf = (variantId: string): ThemeQuantityRule =>
    options.quantityRules?.[variantId] ?? { min: 1, max: null, increment: 1 }
  const breaks = (quantity: number, rule: ThemeQuantityRule) =>
    quantity > 0 &&
    (quantity < rule.min ||
      (rule.max !== null && quantity > rule.max) ||
      quantity % rule.increment !== 0)

  function cartJson(snapshot: CartSnapshot, token: string) {
    const lineOff = (line: CartSnapshot['lines'][number]) =>
      Math.round(
        (line.cost.subtotal.amount * (options.lineDiscounts?.[line.merchandise.id] ?? 0)) / 100,
      )
    const linesOff = snapshot.lines.reduce((sum, line) => sum + lineOff(line), 0)
    const items = snapshot.lines.map((line) => {
      const entry = catalogue.find((item) => item.id === line.merchandise.id)
      return {
        id: Number(line.merchandise.id),
        key: itemKey(line),
        variant_id: Number(line.merchandise.id),
        product_id: Number(line.merchandise.productId.replace(/\D/g, '')) || 1,
        quantity: line.quantity,
        title: `${line.merchandise.productTitle} - ${line.merchandise.title}`,
        product_title: line.merchandise.productTitle,
        variant_title: line.merchandise.title === 'Default Title' ? null : line.merchandise.title,
        handle: entry ? handleOf(entry) : null,
        price: line.cost.unitPrice.amount,
        original_price: line.cost.unitPrice.amount,
        final_price: line.cost.unitPrice.amount,
        original_line_price: line.cost.subtotal.amount,
        final_line_price: line.cost.total.amount - lineOff(line),
        line_price: line.cost.total.amount - lineOff(line),
        properties: Object.keys(line.attributes).length > 0 ? line.attributes : null,
        image: line.merchandise.image?.url ?? null,
        featured_image: line.merchandise.image
          ? { url: line.merchandise.image.url, alt: line.merchandise.image.alt ?? null }
          : null,
        options_with_values: line.merchandise.options,
        selling_plan_allocation: line.sellingPlanId
          ? {
              selling_plan: {
                id: Number(line.sellingPlanId),
                name: planName(line.merchandise.id, line.sellingPlanId),
              },
            }
          : null,
        quantity_rule: ruleOf(line.merchandise.id),
      }
    })
    return {
      token,
      note: snapshot.note === '' ? null : snapshot.note,
      attributes: snapshot.attributes,
      // Before every discount; the total after line and order discounts, as Shopify has them.
      original_total_price: snapshot.cost.subtotal.amount,
      total_price: snapshot.cost.total.amount - linesOff,
      total_discount: (snapshot.cost.discount?.amount ?? 0) + linesOff,
      total_weight: 0,
      item_count: snapshot.lines.reduce((sum, line) => sum + line.quantity, 0),
      items,
      requires_shipping: true,
      currency: snapshot.currency,
      items_subtotal_price: snapshot.cost.subtotal.amount,
      cart_level_discount_applications: [],
      discount_codes: snapshot.discountCodes,
    }
  }

  function renderSections(ids: string[], snapshot: CartSnapshot | null) {
    const count = snapshot?.lines.reduce((sum, line) => sum + line.quantity, 0) ?? 0
    return Object.fromEntries(
      ids.map((id) => [
        id,
        `<div id="shopify-section-${id}" class="shopify-section">${count}</div>`,
      ]),
    )
  }

  const cartError = (status: number, description: string) => ({
    status,
    body: { status, message: 'Cart Error', description },
  })

  /** Stock rules of add/change/update: clamp to stock and say so with a 422. */
  function stockCheck(
    backendId: string,
    merchandiseId: string,
    attributes: Record<string, string>,
    wanted: number,
    sellingPlanId: string | null = null,
  ): { quantity: number; error: { status: number; body: unknown } | null } {
    const [merchandise] = backend.getMerchandise([merchandiseId])
    const existing =
      backend
        .getCart(backendId)
        ?.lines.find((line) => line.key === lineKey(merchandiseId, attributes, sellingPlanId))
        ?.quantity ?? 0
    if (!merchandise) return { quantity: existing, error: cartError(404, 'Cannot find variant') }
    if (breaks(wanted, ruleOf(merchandiseId))) {
      return { quantity: existing, error: cartError(422, words.rule(merchandise.productTitle)) }
    }
    const stock = merchandise.available ? merchandise.quantityAvailable : 0
    if (stock === null || wanted <= stock) return { quantity: wanted, error: null }
    if (stock === 0) {
      return { quantity: 0, error: cartError(422, words.soldOut(merchandise.productTitle)) }
    }
    if (existing >= stock) {
      return { quantity: existing, error: cartError(422, words.maximum) }
    }
    return { quantity: stock, error: cartError(422, words.only(stock - existing)) }
  }

  /** The theme refuses an item without the plan it requires, or with one it is not offered on. */
  function planCheck(merchandiseId: string, sellingPlanId: string | null) {
    // Without `sellingPlans` the fake models no subscription app: every plan is taken.
    if (!options.sellingPlans) return null
    const offer = options.sellingPlans[merchandiseId]
    const [merchandise] = backend.getMerchandise([merchandiseId])
    const title = merchandise?.productTitle ?? merchandiseId
    if (sellingPlanId === null) {
      return offer?.requiresSellingPlan ? cartError(422, words.needsPlan(title)) : null
    }
    return offer?.plans.some((plan) => plan.id === sellingPlanId)
      ? null
      : cartError(422, words.planGone(title))
  }

  const sessions = new Map<string, string>()
  let tokens = 0

  function session(request: IncomingMessage): { token: string; backendId: string; fresh: boolean } {
    const token = /(?:^|;\s*)cart=([^;]+)/.exec(request.headers.cookie ?? '')?.[1]
    const backendId = token ? sessions.get(token) : undefined
    const snapshot = backendId ? backend.getCart(backendId) : null
    if (token && backendId && snapshot && snapshot.status === 'active') {
      return { token, backendId, fresh: false }
    }
    const created = backend.createCart({ ops: [] }).cart.id
    tokens += 1
    const next = `hWN${tokens}${hash(created)}?key=${hash(String(tokens))}`
    sessions.set(next, created)
    return { token: next, backendId: created, fresh: true }
  }

  function find(backendId: string, id: unknown) {
    const lines = backend.getCart(backendId)?.lines ?? []
    const text = String(id)
    return (
      lines.find((line) => itemKey(line) === text) ??
      lines.find((line) => line.merchandise.id === text)
    )
  }

  function apply(backendId: string, ops: CartOp[]) {
    if (ops.length > 0) backend.applyOps(backendId, ops)
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    requests.push(`${request.method} ${url.pathname}`)
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const index = faults.findIndex((item) => item.path === undefined || item.path === url.pathname)
    const fault = index === -1 ? undefined : faults.splice(index, 1)[0]
    const { token, backendId, fresh } = session(request)
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(fresh ? { 'set-cookie': `cart=${token}; Path=/` } : {}),
    }
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      if (fault) {
        response.writeHead(fault.status, { ...headers, ...fault.headers })
        response.end(fault.body ?? '')
        return
      }
      response.writeHead(status, { ...headers, ...extra })
      response.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    if (fault && !fault.afterApply) return send(0, '')
    let body: Record<string, unknown> = {}
    if (request.method === 'POST') {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
      } catch {
        return send(400, { status: 'bad_request', message: 'Parameter Missing or Invalid' })
      }
      bodies.push(body)
    }
    const sectionIds =
      typeof body.sections === 'string'
        ? body.sections.split(',').filter(Boolean)
        : Array.isArray(body.sections)
          ? (body.sections as string[])
          : []
    if (sectionIds.length > 5) return send(400, { status: 400, message: 'Too many sections' })
    const withSections = (payload: Record<string, unknown>) =>
      sectionIds.length > 0
        ? { ...payload, sections: renderSections(sectionIds, backend.getCart(backendId)) }
        : payload
    const cart = () => withSections(cartJson(backend.getCart(backendId) as CartSnapshot, token))
    const path = url.pathname

    try {
      if (request.method === 'GET' && url.searchParams.has('sections') && !path.endsWith('.js')) {
        const ids = (url.searchParams.get('sections') ?? '').split(',').filter(Boolean)
        if (ids.length > 5) return send(400, { status: 400, message: 'Too many sections' })
        return send(200, renderSections(ids, backend.getCart(backendId)))
      }
      if (path === '/cart.js' && request.method === 'GET') return send(200, cart())
      const variant = /^\/variants\/([^/]+)$/.exec(path)
      if (variant) {
        const entry = catalogue.find((item) => item.id === decodeURIComponent(variant[1] as string))
        if (!entry || backend.getMerchandise([entry.id]).length === 0) return send(404, 'Not found')
        return send(302, '', { location: `/products/${handleOf(entry)}?variant=${entry.id}` })
      }
      const product = /^\/products\/([^/]+?)(\.js)?$/.exec(path)
      if (product) {
        const entries = catalogue.filter(
          (item) => handleOf(item) === product[1] && backend.getMerchandise([item.id]).length > 0,
        )
        if (entries.length === 0) return send(404, { status: 404, message: 'Not found' })
        if (!product[2])
          return send(200, '<html><body>product</body></html>', { 'content-type': 'text/html' })
        const variants = backend.getMerchandise(entries.map((item) => item.id))
        const first = variants[0] as NonNullable<(typeof variants)[number]>
        return send(200, {
          id: Number(first.productId.replace(/\D/g, '')) || 1,
          title: first.productTitle,
          handle: product[1],
          options: first.options.map((option) => option.name),
          variants: variants.map((item) => ({
            id: Number(item.id),
            title: item.title,
            price: item.price.amount,
            compare_at_price: item.compareAtPrice?.amount ?? null,
            available: item.available,
            requires_selling_plan: options.sellingPlans?.[item.id]?.requiresSellingPlan ?? false,
            selling_plan_allocations: (options.sellingPlans?.[item.id]?.plans ?? []).map(
              (plan) => ({ selling_plan_id: Number(plan.id) }),
            ),
            quantity_rule: ruleOf(item.id),
            options: item.options.map((option) => option.value),
            featured_image: item.image
              ? { src: item.image.url, alt: item.image.alt ?? null }
              : null,
          })),
          featured_image: first.image?.url ?? null,
        })
      }
      if (request.method !== 'POST') return send(404, { status: 404, message: 'Not found' })

      if (path === '/cart/add.js') {
        const items = Array.isArray(body.items)
          ? (body.items as Array<Record<string, unknown>>)
          : [{ id: body.id, quantity: body.quantity, properties: body.properties }]
        const added: unknown[] = []
        for (const item of items) {
          const merchandiseId = String(item.id)
          const attributes = Object.fromEntries(
            Object.entries((item.properties as Record<string, unknown> | undefined) ?? {}).map(
              ([key, value]) => [key, String(value)],
            ),
          )
          const plan =
            item.selling_plan === undefined ||
            item.selling_plan === null ||
            item.selling_plan === ''
              ? null
              : String(item.selling_plan)
          const refusal = planCheck(merchandiseId, plan)
          if (refusal) return send(refusal.status, refusal.body)
          const existing =
            backend
              .getCart(backendId)
              ?.lines.find((line) => line.key === lineKey(merchandiseId, attributes, plan))
              ?.quantity ?? 0
          const quantity = typeof item.quantity === 'number' ? item.quantity : 1
          const check = stockCheck(backendId, merchandiseId, attributes, existing + quantity, plan)
          if (check.quantity !== existing) {
            apply(backendId, [setLine(merchandiseId, attributes, check.quantity, plan)])
          }
          if (check.error) return send(check.error.status, check.error.body)
          const line = find(backendId, keyOf(merchandiseId, attributes, plan))
          added.push({ key: line ? itemKey(line) : null, quantity: line?.quantity ?? 0 })
        }
        return send(200, withSections({ items: added }))
      }
      if (path === '/cart/change.js') {
        const line = find(backendId, body.id ?? body.variant_id)
        if (!line) {
          return send(400, {
            status: 'bad_request',
            message: 'no valid id or line parameter',
            description: 'no valid id or line parameter',
          })
        }
        const wanted = typeof body.quantity === 'number' ? body.quantity : line.quantity
        const plan = line.sellingPlanId ?? null
        const check =
          wanted <= line.quantity && !breaks(wanted, ruleOf(line.merchandise.id))
            ? { quantity: wanted, error: null }
            : stockCheck(backendId, line.merchandise.id, line.attributes, wanted, plan)
        apply(backendId, [setLine(line.merchandise.id, line.attributes, check.quantity, plan)])
        if (check.error) return send(check.error.status, check.error.body)
        return send(200, cart())
      }
      if (path === '/cart/update.js') {
        let error: { status: number; body: unknown } | null = null
        const ops: CartOp[] = []
        for (const [id, value] of Object.entries((body.updates as Record<string, number>) ?? {})) {
          const line = find(backendId, id)
          if (!line) continue
          const plan = line.sellingPlanId ?? null
          const check =
            value <= line.quantity && !breaks(value, ruleOf(line.merchandise.id))
              ? { quantity: value, error: null }
              : stockCheck(backendId, line.merchandise.id, line.attributes, value, plan)
          error ??= check.error
          ops.push(setLine(line.merchandise.id, line.attributes, check.quantity, plan))
        }
        if (typeof body.note === 'string') ops.push({ type: 'setNote', note: body.note })
        if (body.attributes && typeof body.attributes === 'object') {
          const merged = { ...(backend.getCart(backendId)?.attributes ?? {}) }
          for (const [key, value] of Object.entries(body.attributes as Record<string, unknown>)) {
            if (value === '' || value === null) delete merged[key]
            else merged[key] = String(value)
          }
          ops.push({ type: 'setAttributes', attributes: merged })
        }
        if (typeof body.discount === 'string') {
          ops.push({
            type: 'setDiscountCodes',
            codes: body.discount
              .split(',')
              .map((code) => code.trim())
              .filter(Boolean),
          })
        }
        apply(backendId, ops)
        if (error) return send(error.status, error.body)
        return send(200, cart())
      }
      if (path === '/cart/clear.js') {
        const lines = backend.getCart(backendId)?.lines ?? []
        apply(
          backendId,
          lines.map((line) => setLine(line.merchandise.id, line.attributes, 0, line.sellingPlanId)),
        )
        return send(200, cart())
      }
      return send(404, { status: 404, message: 'Not found' })
    } catch (error) {
      if (isToteError(error, 'rejected')) return send(422, cartError(422, error.message).body)
      throw error
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    root: `http://127.0.0.1:${port}/`,
    backend,
    requests,
    bodies,
    fail: (...items) => faults.push(...items),
    backendId: (token) => sessions.get(token) ?? '',
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

/**
 * A `fetch` with a cookie jar, as a browser session has: it keeps the `cart` cookie the
 * theme sets and sends it back.
 */
export function sessionFetch(): typeof globalThis.fetch {
  let cookie = ''
  return async (input, init) => {
    const request = new Request(input, init)
    if (cookie) request.headers.set('cookie', cookie)
    const response = await fetch(request)
    const set = response.headers.get('set-cookie')
    const value = set ? /cart=([^;]+)/.exec(set)?.[1] : undefined
    if (value) cookie = `cart=${value}`
    return response
  }
}
