import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type CartOp,
  type CartSnapshot,
  isToteError,
  lineKey,
  type Merchandise,
  type Money,
  type NoticeInput,
  toDecimalString,
} from '@tote/core/adapter'
import type { MemoryBackend } from '@tote/testing'
import {
  type DocumentNode,
  execute,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  valueFromASTUntyped,
} from 'graphql'
import { STOREFRONT_API_VERSION } from '../adapter/index.ts'
import { storefrontSchema } from './schema.ts'

/** A canned answer the fake gives instead of executing the next request. */
export interface FakeFault {
  status: number
  body?: string
  headers?: Record<string, string>
  /** Apply the request first, then answer with the fault (an ambiguous failure). */
  afterApply?: boolean
  /** Answer this many requests normally first. */
  after?: number
}

/**
 * The most values a list input takes: the pinned schema says "The input must not contain more
 * than `250` values" of every list argument the adapter sends (cart lines, line ids, nodes).
 * What Shopify answers beyond it is not documented; the fake refuses the whole request with
 * a GraphQL error before executing anything, as a validation error would.
 */
const MAX_INPUT_VALUES = 250

function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList))
  if (value && typeof value === 'object')
    return Math.max(0, ...Object.values(value).map(longestList))
  return 0
}

/** A Storefront API endpoint on 127.0.0.1 that executes requests against the real schema. */
export interface FakeStorefront {
  /** `http://127.0.0.1:PORT`: pass it as `storeDomain`. */
  readonly origin: string
  readonly token: string
  readonly backend: MemoryBackend
  /** Every request body received, in order, with its headers. */
  readonly requests: Array<{
    query: string
    variables: Record<string, unknown>
    headers: Record<string, string | string[] | undefined>
  }>
  /** Answers the next requests with these faults, in order. */
  fail(...faults: FakeFault[]): void
  /** The Shopify cart id of a backend cart, and back. */
  cartGid(backendId: string): string
  /** The metafields set on a backend cart. */
  metafields(backendId: string): Record<string, string>
  close(): Promise<void>
}

const CART_PREFIX = 'gid://shopify/Cart/'
const LINE_PREFIX = 'gid://shopify/CartLine/'

function moneyV2(value: Money) {
  return { amount: toDecimalString(value), currencyCode: value.currency }
}

/** What a request's `@inContext` says. */
interface InContext {
  country: string | null
  language: string | null
  buyer: { customerAccessToken: string; companyLocationId?: string } | null
  visitorConsent: Record<string, boolean> | null
}

const DEFAULT_RULE = { minimum: 1, maximum: null, increment: 1 }

function variant(
  merchandise: Merchandise,
  extras: {
    productTitle?: string
    quantityRule?: QuantityRuleShape
    inventoryDenied?: boolean
  } = {},
) {
  return {
    __typename: 'ProductVariant',
    id: merchandise.id,
    title: merchandise.title,
    availableForSale: merchandise.available,
    // Without the inventory scope Shopify answers the rest and refuses this field (see handle).
    quantityAvailable: extras.inventoryDenied
      ? () => {
          throw new InventoryDenied()
        }
      : merchandise.quantityAvailable,
    quantityRule: extras.quantityRule ?? DEFAULT_RULE,
    price: moneyV2(merchandise.price),
    compareAtPrice: merchandise.compareAtPrice ? moneyV2(merchandise.compareAtPrice) : null,
    image: merchandise.image
      ? { url: merchandise.image.url, altText: merchandise.image.alt ?? null }
      : null,
    selectedOptions: merchandise.options,
    product: {
      __typename: 'Product',
      id: merchandise.productId,
      title: extras.productTitle ?? merchandise.productTitle,
    },
  }
}

type QuantityRuleShape = { minimum: number; maximum: number | null; increment: number }

/** The error Shopify gives for `quantityAvailable` without `unauthenticated_read_product_inventory`. */
class InventoryDenied extends Error {
  constructor() {
    super(
      'Access denied for quantityAvailable field. Required access: `unauthenticated_read_product_inventory` access scope.',
    )
  }
}

interface FakeOptions {
  backend: MemoryBackend
  token?: string
  /**
   * How a mutation answers a line asking for more than the stock left. `userErrors`: the
   * mutation is refused with `MERCHANDISE_NOT_APPLICABLE` (Storefront API 2025-10 and later);
   * `warnings`: the line is clamped with `MERCHANDISE_NOT_ENOUGH_STOCK` or left out with
   * `MERCHANDISE_OUT_OF_STOCK` (2024-10). Lines a mutation does not touch always get warnings.
   * @default 'userErrors'
   */
  stockErrors?: 'userErrors' | 'warnings'
  /**
   * Selling plans by variant id, as a shop with a subscription app has them: the plans a
   * variant may be bought on, and whether it is sold by subscription only
   * (`requiresSellingPlan`). A line's plan is part of its identity: lines that differ by plan
   * stay apart, as in Shopify. Left out, every plan is taken (no subscription app modelled).
   */
  sellingPlans?: Record<
    string,
    { plans: Array<{ id: string; name: string }>; requiresSellingPlan?: boolean }
  >
  /** B2B quantity rules by variant id; others have Shopify's default (1, none, 1). */
  quantityRules?: Record<string, QuantityRuleShape>
  /** Product titles by `LanguageCode`, then product id: what `@inContext(language:)` returns. */
  translations?: Record<string, Record<string, string>>
  /** Whether the token has `unauthenticated_read_product_inventory`. @default true */
  inventoryScope?: boolean
  /** A private token the fake also accepts (with a `Shopify-Storefront-Buyer-IP`). */
  privateToken?: string
  /**
   * Automatic line-level discounts, in percent by variant id: the line's `totalAmount` and
   * the cart's `subtotalAmount` are after them, as in Shopify, and each line has its
   * `discountAllocations`.
   */
  lineDiscounts?: Record<string, number>
  /** Gift card codes the shop issued (case-insensitive); others are refused. */
  giftCards?: readonly string[]
}

/**
 * Starts a fake Storefront API on 127.0.0.1 with a random port. Requests are parsed,
 * validated and executed with graphql-js against the schema shipped by
 * `@shopify/hydrogen-react`; the resolvers are backed by a `MemoryBackend`. It follows
 * Shopify's documented behaviour: `cart(id:)` is `null` for a missing or completed cart,
 * mutations report `userErrors` (with `cart: null`) and stock `warnings`, `cartLinesAdd`
 * merges into the line with the same merchandise and attributes.
 */
export async function startFakeStorefront(options: FakeOptions): Promise<FakeStorefront> {
  const { backend } = options
  const stockErrors = options.stockErrors ?? 'userErrors'
  const token = options.token ?? 'public-token'
  const schema = storefrontSchema()
  const requests: FakeStorefront['requests'] = []
  const faults: FakeFault[] = []
  const NO_CONTEXT: InContext = { country: null, language: null, buyer: null, visitorConsent: null }
  // What Shopify keeps on a cart beyond the memory backend: gift cards, addresses, phone, metafields.
  type Extras = {
    giftCards: Array<{ id: string; code: string }>
    addresses: Array<Record<string, unknown>>
    phone: string | null
    metafields: Record<string, string>
  }
  const extras = new Map<string, Extras>()
  let giftCardIds = 0
  const extrasOf = (backendId: string): Extras => {
    let found = extras.get(backendId)
    if (!found) {
      found = { giftCards: [], addresses: [], phone: null, metafields: {} }
      extras.set(backendId, found)
    }
    return found
  }
  /** Every cart's metafields, for tests to read what was set. */
  const metafieldsOf = (backendId: string) => ({ ...extrasOf(backendId).metafields })
  // The context of the request being executed (requests execute one at a time).
  let currentContext: InContext = NO_CONTEXT

  const toGid = (id: string) => `${CART_PREFIX}${id}?key=fake`
  const fromGid = (gid: unknown) =>
    typeof gid === 'string' && gid.startsWith(CART_PREFIX)
      ? gid.slice(CART_PREFIX.length).replace(/\?.*$/, '')
      : ''

  const planName = (variantId: string, planId: string) =>
    options.sellingPlans?.[variantId]?.plans.find((plan) => plan.id === planId)?.name ?? planId

  /** The variant as this request's context sees it: language, quantity rule, inventory scope. */
  function variantIn(merchandise: Merchandise, context: InContext) {
    const productTitle = context.language
      ? options.translations?.[context.language]?.[merchandise.productId]
      : undefined
    const quantityRule = options.quantityRules?.[merchandise.id]
    return variant(merchandise, {
      ...(productTitle ? { productTitle } : {}),
      ...(quantityRule ? { quantityRule } : {}),
      inventoryDenied: options.inventoryScope === false,
    })
  }

  /** The checkout URL for a context: Shopify encodes visitor consent into its `_cs` parameter. */
  function checkoutUrlIn(url: string | null, context: InContext): string | null {
    if (!url || !context.visitorConsent) return url
    const consent = Object.entries(context.visitorConsent)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([purpose, given]) => `${purpose}:${given ? 1 : 0}`)
      .join(',')
    return `${url}${url.includes('?') ? '&' : '?'}_cs=${encodeURIComponent(consent)}`
  }

  function cartObject(snapshot: CartSnapshot, country: string | null) {
    const context = currentContext
    // A line's merchandise is the live ProductVariant: availability and price as they are now.
    const live = (merchandise: Merchandise) =>
      backend.getMerchandise([merchandise.id], country ? { country } : {})[0] ?? merchandise
    const lineOff = (line: CartSnapshot['lines'][number]) =>
      Math.round(
        (line.cost.subtotal.amount * (options.lineDiscounts?.[line.merchandise.id] ?? 0)) / 100,
      )
    const currency = snapshot.currency
    const lineNodes = snapshot.lines.map((line) => ({
      __typename: 'CartLine',
      id: `${LINE_PREFIX}${line.id}`,
      quantity: line.quantity,
      attributes: Object.entries(line.attributes).map(([key, value]) => ({ key, value })),
      sellingPlanAllocation: line.sellingPlanId
        ? {
            sellingPlan: {
              id: line.sellingPlanId,
              name: planName(line.merchandise.id, line.sellingPlanId),
            },
          }
        : null,
      cost: {
        amountPerQuantity: moneyV2(line.cost.unitPrice),
        subtotalAmount: moneyV2(line.cost.subtotal),
        totalAmount: moneyV2({ amount: line.cost.total.amount - lineOff(line), currency }),
      },
      discountAllocations:
        lineOff(line) > 0
          ? [
              {
                __typename: 'CartAutomaticDiscountAllocation',
                discountedAmount: moneyV2({ amount: lineOff(line), currency }),
              },
            ]
          : [],
      merchandise: variantIn(live(line.merchandise), context),
    }))
    const linesOff = snapshot.lines.reduce((sum, line) => sum + lineOff(line), 0)
    return {
      __typename: 'Cart',
      id: toGid(snapshot.id),
      checkoutUrl: checkoutUrlIn(snapshot.checkoutUrl, context),
      updatedAt: snapshot.updatedAt,
      note: snapshot.note === '' ? null : snapshot.note,
      totalQuantity: snapshot.lines.reduce((sum, line) => sum + line.quantity, 0),
      attributes: Object.entries(snapshot.attributes).map(([key, value]) => ({ key, value })),
      buyerIdentity: {
        email: snapshot.email,
        phone: extrasOf(snapshot.id).phone,
        countryCode: country,
      },
      appliedGiftCards: extrasOf(snapshot.id).giftCards.map((card) => ({
        __typename: 'AppliedGiftCard',
        id: card.id,
        lastCharacters: card.code.slice(-4),
      })),
      delivery: {
        addresses: ({ selected }: { selected?: boolean }) =>
          extrasOf(snapshot.id)
            .addresses.filter((entry) => !selected || entry.selected)
            .map((entry, index) => ({
              id: `gid://shopify/CartSelectableAddress/${index + 1}`,
              selected: entry.selected === true,
              oneTimeUse: entry.oneTimeUse === true,
              address: {
                __typename: 'CartDeliveryAddress',
                ...((entry.address as { deliveryAddress: object }).deliveryAddress ?? {}),
              },
            })),
      },
      discountCodes: snapshot.discountCodes,
      discountAllocations:
        snapshot.cost.discount && snapshot.cost.discount.amount > 0
          ? [
              {
                __typename: 'CartCodeDiscountAllocation',
                discountedAmount: moneyV2(snapshot.cost.discount),
              },
            ]
          : [],
      // Shopify's cart subtotal is after line-level discounts, before cart-level ones.
      cost: {
        subtotalAmount: moneyV2({ amount: snapshot.cost.subtotal.amount - linesOff, currency }),
        totalAmount: moneyV2({ amount: snapshot.cost.total.amount - linesOff, currency }),
      },
      lines: ({ first, after }: { first?: number; after?: string }) => {
        const start = after ? Number(after) : 0
        const size = first ?? 250
        const nodes = lineNodes.slice(start, start + size)
        const end = start + nodes.length
        return {
          nodes,
          pageInfo: {
            hasNextPage: end < lineNodes.length,
            hasPreviousPage: start > 0,
            endCursor: nodes.length > 0 ? String(end) : null,
          },
        }
      },
    }
  }

  function readable(backendId: string) {
    const record = backend.inspectCart(backendId)
    const snapshot = backend.getCart(backendId)
    if (!record || !snapshot || snapshot.status === 'completed') return null
    return cartObject(snapshot, record.country)
  }

  type Payload = { cart: unknown; userErrors: unknown[]; warnings: unknown[] }

  function missingCart(): Payload {
    return {
      cart: null,
      userErrors: [
        { code: 'INVALID', field: ['cartId'], message: 'The specified cart does not exist.' },
      ],
      warnings: [],
    }
  }

  function toWarnings(
    backendId: string,
    notices: NoticeInput[],
    before: CartSnapshot['lines'] = [],
  ): unknown[] {
    const snapshot = backend.getCart(backendId)
    // Like Shopify, the warning targets the cart line, also one the write removed (sold
    // out); only a line that never existed is named by its merchandise.
    const lineId = (key: string | undefined, merchandiseId: string | undefined) => {
      const line =
        snapshot?.lines.find((item) => item.key === key) ?? before.find((item) => item.key === key)
      return line ? `${LINE_PREFIX}${line.id}` : (merchandiseId ?? '')
    }
    return notices.flatMap((notice) => {
      switch (notice.code) {
        case 'insufficient_stock':
          return [
            {
              code: 'MERCHANDISE_NOT_ENOUGH_STOCK',
              message: `Only ${String(notice.to)} items were added to your cart due to availability.`,
              target: lineId(notice.lineKey, notice.merchandiseId),
            },
          ]
        case 'out_of_stock':
          return [
            {
              code: 'MERCHANDISE_OUT_OF_STOCK',
              message: 'This item is out of stock.',
              target: lineId(notice.lineKey, notice.merchandiseId),
            },
          ]
        case 'discount_rejected':
          return [
            {
              code: 'DISCOUNT_NOT_FOUND',
              message: `The discount code ${notice.discountCode ?? ''} is not valid.`,
              target: toGid(backendId),
            },
          ]
        default:
          return []
      }
    })
  }

  /** Applies ops through the backend, turning its refusals into Shopify user errors. */
  function write(backendId: string, ops: CartOp[]): Payload {
    try {
      const before = currentLines(backendId)
      const result = backend.applyOps(backendId, ops)
      const notices = [...result.notices]
      // Like Shopify, every mutation brings the other lines back within stock, with warnings.
      const touched = new Set(ops.flatMap((op) => (op.type === 'setLine' ? [op.lineKey] : [])))
      const clamps = currentLines(backendId).flatMap((line) => {
        const stock = line.merchandise.quantityAvailable
        if (touched.has(line.key) || stock === null || line.quantity <= stock) return []
        return [setLine(line.merchandise.id, line.attributes, line.quantity, line.sellingPlanId)]
      })
      if (clamps.length > 0) notices.push(...backend.applyOps(backendId, clamps).notices)
      return {
        cart: readable(backendId),
        userErrors: [],
        warnings: toWarnings(backendId, notices, before),
      }
    } catch (error) {
      if (isToteError(error, 'cart_not_found') || isToteError(error, 'cart_completed')) {
        return missingCart()
      }
      if (isToteError(error, 'cart_expired')) return missingCart()
      throw error
    }
  }

  function currentLines(backendId: string) {
    return backend.getCart(backendId)?.lines ?? []
  }

  type SetLineOp = Extract<CartOp, { type: 'setLine' }>

  function setLine(
    merchandiseId: string,
    attributes: Record<string, string>,
    quantity: number,
    sellingPlanId?: string | null,
  ): SetLineOp {
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

  type LineInput = {
    merchandiseId: string
    quantity: number
    attributes: Record<string, string>
    sellingPlanId: string | null
  }

  function readLineInput(line: Record<string, unknown>): LineInput {
    return {
      merchandiseId: String(line.merchandiseId),
      quantity: typeof line.quantity === 'number' ? line.quantity : 1,
      attributes: attributesOf(line.attributes),
      sellingPlanId: typeof line.sellingPlanId === 'string' ? line.sellingPlanId : null,
    }
  }

  /**
   * Shopify's refusals of a line's selling plan: a variant sold by subscription only without
   * one (`VARIANT_REQUIRES_SELLING_PLAN`), or a plan the variant is not offered on
   * (`SELLING_PLAN_NOT_APPLICABLE`).
   */
  function planRefusals(lines: readonly LineInput[], prefix: string[]): unknown[] {
    // Without `sellingPlans` the fake models no subscription app: every plan is taken.
    if (!options.sellingPlans) return []
    return lines.flatMap((line, index) => {
      const offer = options.sellingPlans?.[line.merchandiseId]
      if (line.sellingPlanId === null) {
        return offer?.requiresSellingPlan
          ? [
              {
                code: 'VARIANT_REQUIRES_SELLING_PLAN',
                field: [...prefix, String(index), 'sellingPlanId'],
                message: 'Variant can only be purchased with a selling plan.',
              },
            ]
          : []
      }
      if (offer?.plans.some((plan) => plan.id === line.sellingPlanId)) return []
      return [
        {
          code: 'SELLING_PLAN_NOT_APPLICABLE',
          field: [...prefix, String(index), 'sellingPlanId'],
          message: 'The selling plan is not applicable to this merchandise.',
        },
      ]
    })
  }

  /** Shopify's refusals of a quantity that breaks the variant's quantity rule (B2B). */
  function ruleRefusals(
    targets: ReadonlyArray<{ op: SetLineOp; index: number }>,
    prefix: string[],
  ): unknown[] {
    return targets.flatMap(({ op, index }) => {
      const rule = options.quantityRules?.[op.merchandiseId]
      if (!rule || op.quantity === 0) return []
      const field = [...prefix, String(index), 'quantity']
      if (op.quantity < rule.minimum) {
        return [
          { code: 'MINIMUM_NOT_MET', field, message: `The minimum quantity is ${rule.minimum}.` },
        ]
      }
      if (rule.maximum !== null && op.quantity > rule.maximum) {
        return [
          { code: 'MAXIMUM_EXCEEDED', field, message: `The maximum quantity is ${rule.maximum}.` },
        ]
      }
      if (op.quantity % rule.increment !== 0) {
        return [
          {
            code: 'INVALID_INCREMENT',
            field,
            message: `The quantity must be a multiple of ${rule.increment}.`,
          },
        ]
      }
      return []
    })
  }

  function attributesOf(list: unknown): Record<string, string> {
    const result: Record<string, string> = {}
    for (const item of (list as Array<{ key: string; value: string }> | undefined) ?? []) {
      result[item.key] = item.value
    }
    return result
  }

  function unknownMerchandise(lines: Array<{ merchandiseId: string }>, country: string | null) {
    return lines.flatMap((line, index) =>
      backend.getMerchandise([line.merchandiseId], country ? { country } : {}).length === 0
        ? [
            {
              // Since 2025-10 a variant that does not exist is MERCHANDISE_NOT_APPLICABLE.
              code: stockErrors === 'userErrors' ? 'MERCHANDISE_NOT_APPLICABLE' : 'INVALID',
              field: ['lines', String(index), 'merchandiseId'],
              message: `The merchandise with id ${line.merchandiseId} does not exist.`,
            },
          ]
        : [],
    )
  }

  /** Refusals for lines asking more than is left, when the fake refuses rather than clamps. */
  function stockRefusals(
    targets: ReadonlyArray<{ op: SetLineOp; index: number }>,
    country: string | null,
    prefix: string[],
  ): unknown[] {
    if (stockErrors !== 'userErrors') return []
    return targets.flatMap(({ op, index }) => {
      const [merchandise] = backend.getMerchandise([op.merchandiseId], country ? { country } : {})
      if (!merchandise || op.quantity === 0) return []
      const left = merchandise.available ? merchandise.quantityAvailable : 0
      if (left === null || op.quantity <= left) return []
      return [
        {
          code: 'MERCHANDISE_NOT_APPLICABLE',
          field: [...prefix, String(index), 'quantity'],
          message:
            left === 0
              ? `The product '${merchandise.productTitle}' is already sold out.`
              : `Only ${left} of '${merchandise.productTitle}' are available.`,
        },
      ]
    })
  }

  function linesAdd(backendId: string, lines: Array<Record<string, unknown>>): Payload {
    if (!readable(backendId)) return missingCart()
    const country = backend.inspectCart(backendId)?.country ?? null
    const inputs = lines.map(readLineInput)
    const errors = [...unknownMerchandise(inputs, country), ...planRefusals(inputs, ['lines'])]
    if (errors.length > 0) return { cart: null, userErrors: errors, warnings: [] }
    const wanted = new Map<string, { op: SetLineOp; index: number }>()
    inputs.forEach((input, index) => {
      // The same merchandise, attributes and selling plan join one line; another plan is another line.
      const key = lineKey(input.merchandiseId, input.attributes, input.sellingPlanId)
      const existing =
        wanted.get(key)?.op.quantity ??
        currentLines(backendId).find((line) => line.key === key)?.quantity ??
        0
      wanted.set(key, {
        op: setLine(
          input.merchandiseId,
          input.attributes,
          existing + input.quantity,
          input.sellingPlanId,
        ),
        index: wanted.get(key)?.index ?? index,
      })
    })
    const refusals = [
      ...ruleRefusals([...wanted.values()], ['lines']),
      ...stockRefusals([...wanted.values()], country, ['lines']),
    ]
    if (refusals.length > 0) return { cart: null, userErrors: refusals, warnings: [] }
    return write(
      backendId,
      [...wanted.values()].map((item) => item.op),
    )
  }

  function linesById(
    backendId: string,
    ids: string[],
    field: string,
  ): { lines: CartSnapshot['lines']; errors: unknown[] } {
    const lines = currentLines(backendId)
    const found: CartSnapshot['lines'] = []
    const errors: unknown[] = []
    ids.forEach((id, index) => {
      const line = lines.find((item) => `${LINE_PREFIX}${item.id}` === id)
      if (line) found.push(line)
      else {
        errors.push({
          code: 'INVALID',
          field: field === 'lineIds' ? [field, String(index)] : [field, String(index), 'id'],
          message: `The merchandise line with id ${id} does not exist.`,
        })
      }
    })
    return { lines: found, errors }
  }

  function linesUpdate(backendId: string, lines: Array<Record<string, unknown>>): Payload {
    if (!readable(backendId)) return missingCart()
    const found = linesById(
      backendId,
      lines.map((line) => String(line.id)),
      'lines',
    )
    if (found.errors.length > 0) return { cart: null, userErrors: found.errors, warnings: [] }
    const ops = found.lines.map((line, index) =>
      setLine(
        line.merchandise.id,
        line.attributes,
        (lines[index]?.quantity as number | undefined) ?? line.quantity,
        line.sellingPlanId,
      ),
    )
    const country = backend.inspectCart(backendId)?.country ?? null
    const ruled = ruleRefusals(
      ops.map((op, index) => ({ op, index })),
      ['lines'],
    )
    if (ruled.length > 0) return { cart: null, userErrors: ruled, warnings: [] }
    const refusals = stockRefusals(
      ops
        .map((op, index) => ({ op, index }))
        .filter(({ op }, index) => {
          // Lowering a quantity is never refused for stock.
          return op.quantity > (found.lines[index]?.quantity ?? 0)
        }),
      country,
      ['lines'],
    )
    if (refusals.length > 0) return { cart: null, userErrors: refusals, warnings: [] }
    return write(backendId, ops)
  }

  function linesRemove(backendId: string, ids: string[]): Payload {
    if (!readable(backendId)) return missingCart()
    const found = linesById(backendId, ids, 'lineIds')
    if (found.errors.length > 0) return { cart: null, userErrors: found.errors, warnings: [] }
    return write(
      backendId,
      found.lines.map((line) =>
        setLine(line.merchandise.id, line.attributes, 0, line.sellingPlanId),
      ),
    )
  }

  function rootValue(country: string | null) {
    const country$ = country ? { country } : {}
    // The presentment currency, as the prices of this request show it.
    let currency = backend.baseCurrency
    return {
      cart: ({ id }: { id: string }) => readable(fromGid(id)),
      nodes: ({ ids }: { ids: string[] }) =>
        ids.map((id) => {
          const [found] = backend.getMerchandise([id], country$)
          if (found) currency = found.price.currency
          return found ? variantIn(found, currentContext) : null
        }),
      localization: () => ({ country: { currency: { isoCode: currency } } }),
      cartCreate: ({ input }: { input: Record<string, unknown> }) => {
        const lines = (input.lines as Array<Record<string, unknown>> | undefined) ?? []
        const buyer = (input.buyerIdentity as Record<string, unknown> | undefined) ?? {}
        const cartCountry = (buyer.countryCode as string | undefined) ?? null
        const inputs = lines.map(readLineInput)
        const errors = [
          ...unknownMerchandise(inputs, cartCountry),
          ...planRefusals(inputs, ['input', 'lines']),
        ]
        if (errors.length > 0) return { cart: null, userErrors: errors, warnings: [] }
        const merged = new Map<string, { op: SetLineOp; index: number }>()
        inputs.forEach((line, index) => {
          const key = lineKey(line.merchandiseId, line.attributes, line.sellingPlanId)
          const before = merged.get(key)?.op.quantity ?? 0
          merged.set(key, {
            op: setLine(
              line.merchandiseId,
              line.attributes,
              before + line.quantity,
              line.sellingPlanId,
            ),
            index: merged.get(key)?.index ?? index,
          })
        })
        const refusals = [
          ...ruleRefusals([...merged.values()], ['input', 'lines']),
          ...stockRefusals([...merged.values()], cartCountry, ['input', 'lines']),
        ]
        if (refusals.length > 0) return { cart: null, userErrors: refusals, warnings: [] }
        const ops: CartOp[] = [...merged.values()].map((item) => item.op)
        if (typeof input.note === 'string') ops.push({ type: 'setNote', note: input.note })
        if (input.attributes) {
          ops.push({ type: 'setAttributes', attributes: attributesOf(input.attributes) })
        }
        if (Array.isArray(input.discountCodes)) {
          ops.push({ type: 'setDiscountCodes', codes: input.discountCodes as string[] })
        }
        const created = backend.createCart(cartCountry ? { ops, country: cartCountry } : { ops })
        const backendId = created.cart.id
        if (typeof buyer.email === 'string') {
          backend.captureEmail(backendId, { email: buyer.email, consent: false })
        }
        return {
          cart: readable(backendId),
          userErrors: [],
          warnings: toWarnings(backendId, created.notices),
        }
      },
      cartLinesAdd: ({
        cartId,
        lines,
      }: {
        cartId: string
        lines: Array<Record<string, unknown>>
      }) => linesAdd(fromGid(cartId), lines),
      cartLinesUpdate: ({
        cartId,
        lines,
      }: {
        cartId: string
        lines: Array<Record<string, unknown>>
      }) => linesUpdate(fromGid(cartId), lines),
      cartLinesRemove: ({ cartId, lineIds }: { cartId: string; lineIds: string[] }) =>
        linesRemove(fromGid(cartId), lineIds),
      cartNoteUpdate: ({ cartId, note }: { cartId: string; note: string }) => {
        if (note.length > 5000) {
          return {
            cart: null,
            userErrors: [{ code: 'NOTE_TOO_LONG', field: ['note'], message: 'Note is too long' }],
            warnings: [],
          }
        }
        return write(fromGid(cartId), [{ type: 'setNote', note }])
      },
      cartAttributesUpdate: ({ cartId, attributes }: { cartId: string; attributes: unknown }) =>
        write(fromGid(cartId), [{ type: 'setAttributes', attributes: attributesOf(attributes) }]),
      cartDiscountCodesUpdate: ({
        cartId,
        discountCodes,
      }: {
        cartId: string
        discountCodes: string[]
      }) => write(fromGid(cartId), [{ type: 'setDiscountCodes', codes: discountCodes }]),
      cartGiftCardCodesAdd: ({
        cartId,
        giftCardCodes,
      }: {
        cartId: string
        giftCardCodes: string[]
      }) => {
        const backendId = fromGid(cartId)
        if (!readable(backendId)) return missingCart()
        const issued = new Set((options.giftCards ?? []).map((code) => code.toLowerCase()))
        const unknown = giftCardCodes.findIndex((code) => !issued.has(code.toLowerCase()))
        if (unknown !== -1) {
          return {
            cart: null,
            userErrors: [
              {
                code: 'INVALID',
                field: ['giftCardCodes', String(unknown)],
                message: 'Gift card code is invalid',
              },
            ],
            warnings: [],
          }
        }
        const cards = extrasOf(backendId).giftCards
        for (const code of giftCardCodes) {
          if (cards.some((card) => card.code.toLowerCase() === code.toLowerCase())) continue
          giftCardIds += 1
          cards.push({ id: `gid://shopify/AppliedGiftCard/${giftCardIds}`, code })
        }
        return { cart: readable(backendId), userErrors: [], warnings: [] }
      },
      cartGiftCardCodesRemove: ({
        cartId,
        appliedGiftCardIds,
      }: {
        cartId: string
        appliedGiftCardIds: string[]
      }) => {
        const backendId = fromGid(cartId)
        if (!readable(backendId)) return missingCart()
        const kept = extrasOf(backendId).giftCards.filter(
          (card) => !appliedGiftCardIds.includes(card.id),
        )
        extrasOf(backendId).giftCards = kept
        return { cart: readable(backendId), userErrors: [], warnings: [] }
      },
      cartDeliveryAddressesReplace: ({
        cartId,
        addresses,
      }: {
        cartId: string
        addresses: Array<Record<string, unknown>>
      }) => {
        const backendId = fromGid(cartId)
        if (!readable(backendId)) return missingCart()
        extrasOf(backendId).addresses = addresses
        return { cart: readable(backendId), userErrors: [], warnings: [] }
      },
      cartMetafieldsSet: ({ metafields }: { metafields: Array<Record<string, string>> }) => {
        for (const metafield of metafields) {
          const backendId = fromGid(metafield.ownerId)
          extrasOf(backendId).metafields[metafield.key as string] = metafield.value as string
        }
        return { metafields: [], userErrors: [] }
      },
      cartBuyerIdentityUpdate: ({
        cartId,
        buyerIdentity,
      }: {
        cartId: string
        buyerIdentity: Record<string, unknown>
      }) => {
        const backendId = fromGid(cartId)
        if (!readable(backendId)) return missingCart()
        if (buyerIdentity.phone !== undefined) {
          extrasOf(backendId).phone = (buyerIdentity.phone as string | null) ?? null
        }
        if (typeof buyerIdentity.email === 'string') {
          try {
            backend.captureEmail(backendId, { email: buyerIdentity.email, consent: false })
          } catch (error) {
            if (isToteError(error, 'rejected')) {
              return {
                cart: null,
                userErrors: [
                  {
                    code: 'INVALID',
                    field: ['buyerIdentity', 'email'],
                    message: 'Email is invalid',
                  },
                ],
                warnings: [],
              }
            }
            throw error
          }
        }
        return { cart: readable(backendId), userErrors: [], warnings: [] }
      },
    }
  }

  const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
    (value as { __typename?: string }).__typename
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _context, info) => {
    const value = (source as Record<string, unknown> | null)?.[info.fieldName]
    return typeof value === 'function' ? value(args) : value
  }

  function readContext(document: DocumentNode, variables: Record<string, unknown>): InContext {
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    )
    const directive = operation?.directives?.find((item) => item.name.value === 'inContext')
    const read = (name: string): unknown => {
      const argument = directive?.arguments?.find((item) => item.name.value === name)
      return argument ? valueFromASTUntyped(argument.value, variables) : undefined
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : null)
    const object = <T>(value: unknown) => (value && typeof value === 'object' ? (value as T) : null)
    return {
      country: text(read('country')),
      language: text(read('language')),
      buyer: object<InContext['buyer']>(read('buyer')),
      visitorConsent: object<InContext['visitorConsent']>(read('visitorConsent')),
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers })
      response.end(body)
    }
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (request.url !== `/api/${STOREFRONT_API_VERSION}/graphql.json`) {
      return send(404, JSON.stringify({ errors: [{ message: 'Not Found' }] }))
    }
    const privateToken = request.headers['shopify-storefront-private-token']
    const authorized =
      request.headers['x-shopify-storefront-access-token'] === token ||
      (options.privateToken !== undefined &&
        privateToken === options.privateToken &&
        typeof request.headers['shopify-storefront-buyer-ip'] === 'string')
    if (!authorized) {
      return send(401, JSON.stringify({ errors: [{ message: 'Unauthorized' }] }))
    }
    let fault: FakeFault | undefined = faults[0]
    if (fault?.after) {
      fault.after -= 1
      fault = undefined
    } else faults.shift()
    if (fault && !fault.afterApply) {
      return send(fault.status, fault.body ?? '', fault.headers)
    }
    let body: { query: string; variables?: Record<string, unknown> }
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return send(400, JSON.stringify({ errors: [{ message: 'Bad JSON' }] }))
    }
    const variables = body.variables ?? {}
    requests.push({ query: body.query, variables, headers: { ...request.headers } })
    const document = parse(body.query)
    const errors = validate(schema, document)
    if (errors.length > 0) {
      return send(200, JSON.stringify({ errors: errors.map((error) => error.toJSON()) }))
    }
    const longest = longestList(variables)
    if (longest > MAX_INPUT_VALUES) {
      const message = `The input must not contain more than ${MAX_INPUT_VALUES} values (got ${longest}).`
      return send(200, JSON.stringify({ errors: [{ message }] }))
    }
    currentContext = readContext(document, variables)
    let result: Awaited<ReturnType<typeof execute>>
    try {
      result = await execute({
        schema,
        document,
        rootValue: rootValue(currentContext.country),
        variableValues: variables,
        fieldResolver,
        typeResolver,
      })
    } finally {
      currentContext = NO_CONTEXT
    }
    if (fault) return send(fault.status, fault.body ?? '', fault.headers)
    // Shopify answers a field the token may not read with partial data and ACCESS_DENIED.
    const answered = result.errors?.map((error) =>
      error.originalError instanceof InventoryDenied
        ? { ...error.toJSON(), extensions: { code: 'ACCESS_DENIED' } }
        : error.toJSON(),
    )
    send(200, JSON.stringify(answered ? { ...result, errors: answered } : result))
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    token,
    backend,
    requests,
    fail: (...items) => faults.push(...items),
    cartGid: toGid,
    metafields: metafieldsOf,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
