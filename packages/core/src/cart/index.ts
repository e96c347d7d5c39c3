import { atom, computed, onMount, type ReadableAtom } from 'nanostores'
import {
  assertDetail,
  type CartDetailName,
  type CartDetails,
  giftCardTail,
} from '../details/index.ts'
import { expected, ToteArgumentError, ToteError } from '../errors/index.ts'
import {
  type CartEvents,
  checkoutStartedEvent,
  createEmitter,
  type Emitter,
  lineChangeEvent,
} from '../events/index.ts'
import { createTranslator, toNotice } from '../i18n/index.ts'
import { type LineAttributes, lineKey as makeLineKey } from '../line-key/index.ts'
import type { Merchandise } from '../model/index.ts'
import { firstIssue, safeParseMerchandise } from '../model/parse.ts'
import type { Notice, NoticeInput } from '../notices/types.ts'
import { SyncEngine } from '../sync/engine.ts'
import { assertAttributes, assertBoolean, assertEmail, assertId, assertQuantity } from './assert.ts'
import { type CartConfig, readOptions } from './options.ts'
import type { AddToCartInput, Cart, CartLineView, CartOptions } from './types.ts'

/** What the cart's actions share. */
interface CartContext {
  engine: SyncEngine
  config: CartConfig
  events: Emitter<CartEvents>
  /** Localizes notices and shows them to the shopper. */
  notify(inputs: readonly NoticeInput[]): Notice[]
}

/**
 * Creates a cart that changes at once when the shopper acts and syncs to the backend
 * behind the adapter: batched, retried, persisted across reloads and shared by tabs.
 * Sync starts with the first subscriber to a store, the first action, or `start()`.
 *
 * @example
 * const cart = createCart({ adapter: createRestAdapter({ baseUrl: 'https://api.shop.example' }) })
 * cart.$count.subscribe((count) => { badge.textContent = String(count) })
 * cart.add({ merchandiseId: 'variant-1', quantity: 2 })
 */
export function createCart(options: CartOptions): Cart {
  const config = readOptions(options)
  const translator = createTranslator(config)
  const events = createEmitter<CartEvents>({
    onError: (error) => config.env.warn(`an event listener failed: ${String(error)}`),
  })
  const $notices = atom<readonly Notice[]>([])
  let noticeCounter = 0
  const notify = (inputs: readonly NoticeInput[]): Notice[] => {
    const notices = inputs.map((input) =>
      toNotice(input, translator, `${input.code}-${++noticeCounter}`),
    )
    if (notices.length > 0) $notices.set([...$notices.get(), ...notices])
    return notices
  }
  const engine = new SyncEngine({ ...config, maxBatchWaitMs: 1_000, notify })
  const ctx: CartContext = { engine, config, events, notify }

  const $cart = engine.$view
  onMount($cart, () => {
    engine.start()
  })
  const $lines = computed($cart, (cart) => cart.lines)
  const lineStores = new Map<string, ReadableAtom<CartLineView | undefined>>()
  return {
    $cart,
    $lines,
    $count: computed($cart, (cart) => cart.count),
    $subtotal: computed($cart, (cart) => cart.subtotal),
    $status: engine.$status,
    $notices,
    $email: engine.$email,
    $extensions: engine.$extensions,
    get confirmed() {
      return engine.confirmedCart()
    },
    line(key) {
      assertId('lineKey', key)
      let store = lineStores.get(key)
      if (!store) {
        store = computed($lines, (lines) => lines.find((line) => line.key === key))
        lineStores.set(key, store)
      }
      return store
    },
    ...lineActions(ctx),
    ...detailActions(engine),
    ...cartDetailActions(engine, config),
    ...flows(ctx),
    dismissNotice(id) {
      $notices.set($notices.get().filter((notice) => notice.id !== id))
    },
    start: () => engine.start(),
    retry: () => engine.retryNow(),
    refresh() {
      engine.refresh()
      return engine.settled()
    },
    settled: () => engine.settled(),
    on: (type, listener) => events.on(type, listener),
    destroy: () => engine.destroy(),
  }
}

/** The merchandise `add` was given to show the line at once, checked. */
function readMerchandise(input: {
  merchandiseId: string
  merchandise?: unknown
}): Merchandise | null {
  if (input.merchandise === undefined) return null
  const parsed = safeParseMerchandise(input.merchandise)
  if (!parsed.success)
    throw new ToteArgumentError('merchandise', firstIssue(parsed.issues, 'merchandise'))
  if (parsed.data.id !== input.merchandiseId) {
    throw new ToteArgumentError(
      'merchandise',
      `its id ${parsed.data.id} is not merchandiseId ${input.merchandiseId}`,
    )
  }
  return parsed.data
}

/** Adding, changing and removing lines. */
/** Checks what `cart.add` was given, before anything changes. */
function readAddInput(input: AddToCartInput, config: CartContext['config']) {
  if (typeof input !== 'object' || input === null) {
    throw new ToteArgumentError(
      'input',
      'expected { merchandiseId, quantity?, attributes?, sellingPlanId? }',
    )
  }
  assertId('merchandiseId', input.merchandiseId)
  const quantity = input.quantity ?? 1
  assertQuantity('quantity', quantity, 1, config.maxQuantity)
  const attributes = input.attributes ?? {}
  assertAttributes('attributes', attributes)
  const { sellingPlanId } = input
  if (sellingPlanId !== undefined) {
    assertId('sellingPlanId', sellingPlanId)
    const { adapter } = config
    if (!adapter.capabilities.sellingPlans) {
      throw new ToteError('unsupported', `the ${adapter.name} adapter has no selling plans`)
    }
  }
  return { quantity, attributes, sellingPlanId, merchandise: readMerchandise(input) }
}

function lineActions({ engine, config, events }: CartContext) {
  const { maxQuantity } = config
  const viewLine = (key: string) => engine.$view.get().lines.find((line) => line.key === key)
  const setLine = (
    key: string,
    quantity: number,
    fields?: {
      merchandiseId: string
      attributes: LineAttributes
      sellingPlanId?: string
      merchandise: Merchandise | null
    },
  ): void => {
    const existing = viewLine(key)
    const merchandiseId = fields?.merchandiseId ?? existing?.merchandiseId
    if (!merchandiseId) return // removing a line that is not there changes nothing
    const sellingPlanId = fields ? fields.sellingPlanId : existing?.sellingPlanId
    engine.change({
      kind: 'line',
      key,
      merchandiseId,
      attributes: fields?.attributes ?? existing?.attributes ?? {},
      ...(sellingPlanId ? { sellingPlanId } : {}),
      quantity,
      merchandise: fields?.merchandise ?? existing?.merchandise ?? null,
    })
    const line = viewLine(key) ?? existing
    const cartId = engine.confirmedCart()?.id ?? null
    const event =
      line && lineChangeEvent(line, { from: existing?.quantity ?? 0, to: quantity, cartId })
    if (event) events.emit(event.type, event as never)
  }
  return {
    add(input) {
      const { quantity, attributes, sellingPlanId, merchandise } = readAddInput(input, config)
      const key = makeLineKey(input.merchandiseId, attributes, sellingPlanId)
      const target = (viewLine(key)?.quantity ?? 0) + quantity
      if (target > maxQuantity) {
        throw new ToteArgumentError(
          'quantity',
          `the line would have ${target}, more than the maximum of ${maxQuantity}`,
        )
      }
      setLine(key, target, {
        merchandiseId: input.merchandiseId,
        attributes: { ...attributes },
        ...(sellingPlanId ? { sellingPlanId } : {}),
        merchandise,
      })
      return key
    },
    setQuantity(key, quantity) {
      assertId('lineKey', key)
      assertQuantity('quantity', quantity, 0, maxQuantity)
      setLine(key, quantity)
    },
    remove(key) {
      assertId('lineKey', key)
      setLine(key, 0)
    },
    clear() {
      for (const line of engine.$view.get().lines) setLine(line.key, 0)
    },
  } satisfies Pick<Cart, 'add' | 'setQuantity' | 'remove' | 'clear'>
}

/** The note, the cart's attributes and its discount codes. */
function detailActions(engine: SyncEngine) {
  const codes = () => engine.$view.get().discountCodes.map((entry) => entry.code)
  const same = (a: string, b: string) => a.toLowerCase() === b.trim().toLowerCase()
  return {
    setNote(note) {
      if (typeof note !== 'string') throw new ToteArgumentError('note', expected('a string', note))
      engine.change({ kind: 'note', note })
    },
    setAttributes(attributes) {
      assertAttributes('attributes', attributes)
      engine.change({ kind: 'attributes', attributes: { ...attributes } })
    },
    applyDiscountCode(code) {
      assertId('code', code)
      const current = codes()
      if (current.some((existing) => same(existing, code))) return
      engine.change({ kind: 'discounts', codes: [...current, code.trim()] })
    },
    removeDiscountCode(code) {
      assertId('code', code)
      const current = codes()
      const next = current.filter((existing) => !same(existing, code))
      if (next.length < current.length) engine.change({ kind: 'discounts', codes: next })
    },
  } satisfies Pick<Cart, 'setNote' | 'setAttributes' | 'applyDiscountCode' | 'removeDiscountCode'>
}

/** Delivery address, buyer phone, gift cards and metafields: what only some backends keep. */
function cartDetailActions(engine: SyncEngine, config: CartConfig) {
  const set = <Name extends CartDetailName>(name: Name, value: CartDetails[Name]) => {
    const { adapter } = config
    if (!adapter.capabilities.details?.includes(name)) {
      throw new ToteError('unsupported', `the ${adapter.name} adapter cannot set ${name}`)
    }
    assertDetail(name, name, value)
    engine.change({ kind: 'detail', name, value })
  }
  const details = () => engine.$view.get().details ?? {}
  const codes = () => details().giftCardCodes ?? []
  return {
    setDeliveryAddress(address) {
      assertDetail('address', 'deliveryAddress', address)
      if (address) config.addressRules?.(address)
      set('deliveryAddress', address && { ...address })
    },
    setBuyerPhone: (phone) => set('buyerPhone', phone),
    applyGiftCardCode(code) {
      assertId('code', code)
      const tail = giftCardTail(code)
      // A code already applied (or its last characters) is replaced by the full code.
      set('giftCardCodes', [
        ...codes().filter((entry) => giftCardTail(entry) !== tail),
        code.trim(),
      ])
    },
    removeGiftCardCode(code) {
      assertId('code', code)
      const tail = giftCardTail(code)
      const next = codes().filter((entry) => giftCardTail(entry) !== tail)
      if (next.length < codes().length) set('giftCardCodes', next)
    },
    setMetafield(key, value) {
      assertId('key', key)
      const metafields = { ...details().metafields }
      if (value === null) delete metafields[key]
      else metafields[key] = value
      set('metafields', metafields)
    },
  } satisfies Pick<
    Cart,
    | 'setDeliveryAddress'
    | 'setBuyerPhone'
    | 'applyGiftCardCode'
    | 'removeGiftCardCode'
    | 'setMetafield'
  >
}

/** The checkout email, recovery links and checkout. */
function flows({ engine, config, events, notify }: CartContext) {
  return {
    async captureEmail(email, captureOptions = {}) {
      assertEmail('email', email)
      const consent = captureOptions.consent ?? false
      assertBoolean('options.consent', consent)
      await engine.setEmail(email.trim(), consent)
      const confirmed = engine.confirmedCart()
      if (confirmed) {
        const { id: cartId, cost } = confirmed
        events.emit('email_captured', {
          type: 'email_captured',
          cartId,
          consent,
          value: cost.total,
        })
      }
    },
    async openRecovery(link, recoveryOptions = {}) {
      const { recovery } = config
      if (!recovery) {
        throw new ToteError(
          'unsupported',
          "openRecovery needs createCart({ adapter, recovery }): pass `recovery` from '@tote/core/recovery'",
        )
      }
      const { report, event } = await recovery.open(engine, link, recoveryOptions)
      const notices = notify(report.notices)
      events.emit('cart_recovered', event)
      return { notices, counts: report.counts }
    },
    async checkout() {
      await engine.settled()
      const confirmed = engine.confirmedCart()
      if (!confirmed || confirmed.lines.length === 0) {
        throw new ToteError('rejected', 'an empty cart cannot be checked out')
      }
      if (!confirmed.checkoutUrl)
        throw new ToteError('unsupported', 'the backend gave this cart no checkout URL')
      events.emit('checkout_started', checkoutStartedEvent(confirmed))
      return confirmed.checkoutUrl
    },
  } satisfies Pick<Cart, 'captureEmail' | 'openRecovery' | 'checkout'>
}
