import { computed, onMount, type ReadableAtom } from 'nanostores'
import { browserEnvironment } from '../env/index.ts'
import { ToteArgumentError, ToteError } from '../errors/index.ts'
import {
  type CartEvents,
  cartRecoveredEvent,
  checkoutStartedEvent,
  createEmitter,
  lineChangeEvent,
} from '../events/index.ts'
import { createTranslator, toNotice } from '../i18n/index.ts'
import { type LineAttributes, lineKey as makeLineKey } from '../line-key/index.ts'
import { MerchandiseSchema } from '../model/index.ts'
import { reconcileRecovery } from '../recovery/index.ts'
import { SyncEngine } from '../sync/engine.ts'
import { lineSlot } from '../sync/intents.ts'
import type { AddToCartInput, Cart, CartLineView, CartOptions, EmailCaptureState } from './types.ts'

const DEFAULT_MAX_QUANTITY = 999
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value === null ? 'null' : typeof value
}

function assertId(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ToteArgumentError(argument, `expected a non-empty string, got ${describe(value)}`)
  }
}

function assertQuantity(
  argument: string,
  value: unknown,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ToteArgumentError(
      argument,
      `expected a whole number from ${min} to ${max}, got ${describe(value)}`,
    )
  }
}

function assertDuration(argument: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ToteArgumentError(
      argument,
      `expected a number of milliseconds of at least ${min}, got ${describe(value)}`,
    )
  }
}

function assertAttributes(argument: string, value: unknown): asserts value is LineAttributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ToteArgumentError(argument, `expected an object of strings, got ${describe(value)}`)
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new ToteArgumentError(argument, `"${key}" cannot be an attribute name`)
    }
    if (typeof entry !== 'string') {
      throw new ToteArgumentError(`${argument}.${key}`, `expected a string, got ${describe(entry)}`)
    }
  }
}

function defaultLocale(): string {
  const g = globalThis as { document?: Document; navigator?: Navigator }
  return g.document?.documentElement?.lang || g.navigator?.language || 'en'
}

/**
 * Creates a cart that changes at once when the shopper acts and syncs to the backend
 * behind the adapter: batched, retried, persisted across reloads and shared by tabs.
 * Sync starts with the first subscriber to a store, the first action, or `start()`.
 *
 * @example
 * const cart = createCart({ adapter: createRestAdapter({ baseUrl: '/api' }) })
 * cart.$count.subscribe((count) => { badge.textContent = String(count) })
 * cart.add({ merchandiseId: 'variant-1', quantity: 2 })
 */
export function createCart(options: CartOptions): Cart {
  if (typeof options !== 'object' || options === null) {
    throw new ToteArgumentError('options', 'expected an options object with an adapter')
  }
  const { adapter } = options
  if (typeof adapter !== 'object' || adapter === null || typeof adapter.apply !== 'function') {
    throw new ToteArgumentError(
      'options.adapter',
      'expected a cart adapter, such as createRestAdapter(...)',
    )
  }
  const maxQuantity = options.maxQuantity ?? DEFAULT_MAX_QUANTITY
  assertQuantity('options.maxQuantity', maxQuantity, 1, 1_000_000)
  const storageKey = options.storageKey ?? 'tote:cart'
  assertId('options.storageKey', storageKey)
  const timeoutMs = options.timeoutMs ?? 15_000
  const retryBaseMs = options.retry?.baseMs ?? 500
  const retryMaxMs = options.retry?.maxMs ?? 30_000
  const refreshAfterMs = options.refreshAfterMs ?? 60_000
  const batchWindowMs = options.batchWindowMs ?? 100
  assertDuration('options.timeoutMs', timeoutMs, 1)
  assertDuration('options.retry.baseMs', retryBaseMs, 1)
  assertDuration('options.retry.maxMs', retryMaxMs, retryBaseMs)
  assertDuration('options.refreshAfterMs', refreshAfterMs, 0)
  assertDuration('options.batchWindowMs', batchWindowMs, 0)
  if (options.country !== undefined && !/^[A-Z]{2}$/.test(String(options.country))) {
    throw new ToteArgumentError(
      'options.country',
      `expected an ISO 3166-1 code such as "NO", got ${describe(options.country)}`,
    )
  }
  if (options.persistEmail !== undefined && typeof options.persistEmail !== 'boolean') {
    throw new ToteArgumentError(
      'options.persistEmail',
      `expected true or false, got ${describe(options.persistEmail)}`,
    )
  }
  const env = { ...browserEnvironment(), ...options.env }
  const translator = createTranslator({
    locale: options.locale ?? defaultLocale(),
    ...(options.messages ? { messages: options.messages } : {}),
  })
  const events = createEmitter<CartEvents>({
    onError: (error) => env.warn(`an event listener failed: ${String(error)}`),
  })
  let noticeCounter = 0

  const engine = new SyncEngine({
    adapter,
    env,
    storageKey,
    timeoutMs,
    retryBaseMs,
    retryMaxMs,
    refreshAfterMs,
    batchWindowMs,
    maxBatchWaitMs: 1_000,
    country: options.country,
    persistEmail: options.persistEmail ?? false,
    notice: (input) => {
      noticeCounter += 1
      return toNotice(input, translator, `${input.code}-${noticeCounter}`)
    },
  })

  const $cart = engine.$view as ReadableAtom<
    Cart['$cart'] extends ReadableAtom<infer V> ? V : never
  >
  onMount($cart, () => {
    engine.start()
  })
  const $lines = computed($cart, (cart) => cart.lines)
  const $count = computed($cart, (cart) => cart.count)
  const $subtotal = computed($cart, (cart) => cart.subtotal)
  const $status = engine.$status
  const $notices = engine.$notices
  const lineStores = new Map<string, ReadableAtom<CartLineView | undefined>>()
  const $email: ReadableAtom<EmailCaptureState> = engine.$email

  function currentQuantity(key: string): number {
    return engine.$view.get().lines.find((line) => line.key === key)?.quantity ?? 0
  }

  function setLine(
    key: string,
    quantity: number,
    fields?: {
      merchandiseId: string
      attributes: LineAttributes
      merchandise: AddToCartInput['merchandise']
    },
  ): void {
    const existing = engine.$view.get().lines.find((line) => line.key === key)
    const merchandiseId = fields?.merchandiseId ?? existing?.merchandiseId
    if (!merchandiseId) return // removing a line that is not there changes nothing
    const from = existing?.quantity ?? 0
    engine.setIntent({
      kind: 'line',
      slot: lineSlot(key),
      seq: engine.nextSeq(),
      key,
      merchandiseId,
      attributes: fields?.attributes ?? existing?.attributes ?? {},
      quantity,
      merchandise: fields?.merchandise ?? existing?.merchandise ?? null,
    })
    const line = engine.$view.get().lines.find((candidate) => candidate.key === key) ?? existing
    const event = line && lineChangeEvent(line, { from, to: quantity, cartId: engine.cartId })
    if (event) events.emit(event.type, event as never)
  }

  function findLineKey(argument: string, key: unknown): string {
    assertId(argument, key)
    return key
  }

  const cart: Cart = {
    $cart,
    $lines,
    $count,
    $subtotal,
    $status,
    $notices,
    $email,
    $extensions: engine.$extensions,
    get confirmed() {
      return engine.confirmed
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
    add(input) {
      if (typeof input !== 'object' || input === null) {
        throw new ToteArgumentError('input', 'expected { merchandiseId, quantity?, attributes? }')
      }
      assertId('merchandiseId', input.merchandiseId)
      const quantity = input.quantity ?? 1
      assertQuantity('quantity', quantity, 1, maxQuantity)
      const attributes = input.attributes ?? {}
      assertAttributes('attributes', attributes)
      let merchandise = null
      if (input.merchandise !== undefined) {
        const parsed = MerchandiseSchema.safeParse(input.merchandise)
        if (!parsed.success)
          throw new ToteArgumentError('merchandise', parsed.error.issues[0]?.message ?? 'invalid')
        if (parsed.data.id !== input.merchandiseId) {
          throw new ToteArgumentError(
            'merchandise',
            `its id ${parsed.data.id} is not merchandiseId ${input.merchandiseId}`,
          )
        }
        merchandise = parsed.data
      }
      const key = makeLineKey(input.merchandiseId, attributes)
      const target = currentQuantity(key) + quantity
      if (target > maxQuantity) {
        throw new ToteArgumentError(
          'quantity',
          `the line would have ${target}, more than the maximum of ${maxQuantity}`,
        )
      }
      engine.start()
      setLine(key, target, {
        merchandiseId: input.merchandiseId,
        attributes: { ...attributes },
        merchandise: merchandise ?? undefined,
      })
      return key
    },
    setQuantity(key, quantity) {
      findLineKey('lineKey', key)
      assertQuantity('quantity', quantity, 0, maxQuantity)
      engine.start()
      setLine(key, quantity)
    },
    remove(key) {
      findLineKey('lineKey', key)
      engine.start()
      setLine(key, 0)
    },
    clear() {
      engine.start()
      for (const line of engine.$view.get().lines) setLine(line.key, 0)
    },
    setNote(note) {
      if (typeof note !== 'string')
        throw new ToteArgumentError('note', `expected a string, got ${describe(note)}`)
      engine.start()
      engine.setIntent({ kind: 'note', slot: 'note', seq: engine.nextSeq(), note })
    },
    setAttributes(attributes) {
      assertAttributes('attributes', attributes)
      engine.start()
      engine.setIntent({
        kind: 'attributes',
        slot: 'attributes',
        seq: engine.nextSeq(),
        attributes: { ...attributes },
      })
    },
    applyDiscountCode(code) {
      assertId('code', code)
      const codes = engine.$view.get().discountCodes.map((entry) => entry.code)
      if (codes.some((existing) => existing.toLowerCase() === code.trim().toLowerCase())) return
      engine.start()
      engine.setIntent({
        kind: 'discounts',
        slot: 'discounts',
        seq: engine.nextSeq(),
        codes: [...codes, code.trim()],
      })
    },
    removeDiscountCode(code) {
      assertId('code', code)
      const codes = engine.$view.get().discountCodes.map((entry) => entry.code)
      const next = codes.filter((existing) => existing.toLowerCase() !== code.trim().toLowerCase())
      if (next.length === codes.length) return
      engine.start()
      engine.setIntent({ kind: 'discounts', slot: 'discounts', seq: engine.nextSeq(), codes: next })
    },
    dismissNotice(id) {
      engine.dismissNotice(id)
    },
    start() {
      engine.start()
    },
    retry() {
      engine.retryNow()
    },
    refresh() {
      engine.start()
      engine.requestRefetch()
      return engine.settled()
    },
    settled() {
      return engine.settled()
    },
    async captureEmail(email, captureOptions = {}) {
      if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
        throw new ToteArgumentError(
          'email',
          `expected an email address such as "ada@example.com", got ${typeof email === 'string' ? 'a malformed address' : describe(email)}`,
        )
      }
      const consent = captureOptions.consent ?? false
      if (typeof consent !== 'boolean') {
        throw new ToteArgumentError(
          'options.consent',
          `expected true or false, got ${describe(consent)}`,
        )
      }
      engine.start()
      await engine.setEmail(email.trim(), consent)
      const confirmed = engine.confirmed
      if (confirmed) {
        events.emit('email_captured', {
          type: 'email_captured',
          cartId: confirmed.id,
          consent,
          value: confirmed.cost.total,
        })
      }
    },
    async openRecovery(link, recoveryOptions = {}) {
      assertId('link', link)
      const onExisting = recoveryOptions.onExistingCart ?? 'merge'
      if (onExisting !== 'merge' && onExisting !== 'replace') {
        throw new ToteArgumentError(
          'options.onExistingCart',
          `expected "merge" or "replace", got ${describe(onExisting)}`,
        )
      }
      const { cart: recovered, report } = await engine.recover(
        link.trim(),
        onExisting,
        reconcileRecovery,
      )
      const notices = engine.notify(report.notices)
      events.emit('cart_recovered', cartRecoveredEvent(recovered, report.counts))
      return { notices, counts: report.counts }
    },
    async checkout() {
      await engine.settled()
      const confirmed = engine.confirmed
      if (!confirmed || confirmed.lines.length === 0) {
        throw new ToteError('rejected', 'the cart is empty: add something before checking out')
      }
      if (!confirmed.checkoutUrl)
        throw new ToteError('unsupported', 'the backend gave this cart no checkout URL')
      events.emit('checkout_started', checkoutStartedEvent(confirmed))
      return confirmed.checkoutUrl
    },
    on(type, listener) {
      return events.on(type, listener)
    },
    destroy() {
      engine.destroy()
    },
  }
  return cart
}
