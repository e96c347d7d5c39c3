import { atom, type WritableAtom } from 'nanostores'
import type { CartAdapter, CartOp, CartWriteResult, RecoveryResult } from '../adapter/index.ts'
import type { CartSyncStatus, CartView, EmailCaptureState } from '../cart/types.ts'
import type { ChannelLike, LocksLike, ToteEnvironment } from '../env/index.ts'
import { AMBIGUOUS_ERROR_CODES, isToteError, ToteAdapterError, ToteError } from '../errors/index.ts'
import {
  type CartLine,
  type CartSnapshot,
  MerchandiseSchema,
  parseCartSnapshot,
} from '../model/index.ts'
import { multiplyMoney } from '../money/index.ts'
import { type Notice, type NoticeInput, NoticeInputSchema } from '../notices/types.ts'
import type { Reconciliation, reconcileRecovery } from '../recovery/index.ts'
import { type Intent, isSatisfied, lineSlot, toOps } from './intents.ts'
import { createLeaseLocks } from './lease.ts'
import {
  loadState,
  PERSIST_VERSION,
  type PersistedState,
  saveState,
  serializeState,
} from './persist.ts'
import { deriveView, EMPTY_VIEW } from './view.ts'

/** What the engine needs from the cart around it. */
export interface EngineOptions {
  adapter: CartAdapter
  env: ToteEnvironment
  storageKey: string
  timeoutMs: number
  retryBaseMs: number
  retryMaxMs: number
  refreshAfterMs: number
  batchWindowMs: number
  maxBatchWaitMs: number
  country: string | undefined
  persistEmail: boolean
  /** Turns a notice input into a localized notice. */
  notice(input: NoticeInput): Notice
}

/** A unit of work the engine runs while holding the cart's write lock. */
type Step = 'again' | 'done' | 'wait'

interface EmailIntent {
  email: string
  consent: boolean
  seq: string
}

interface Waiter {
  resolve(): void
}

let tabCounter = 0

/**
 * The sync engine: confirmed snapshot + pending intents, a single flight of batched
 * writes, server-wins reconciliation, retries, a durable outbox and tab coordination.
 * Internal: the public face is `createCart`.
 */
export class SyncEngine {
  readonly $view: WritableAtom<CartView> = atom(EMPTY_VIEW)
  readonly $status: WritableAtom<CartSyncStatus> = atom<CartSyncStatus>({ state: 'idle' })
  readonly $notices: WritableAtom<readonly Notice[]> = atom<readonly Notice[]>([])
  /** Adapter-specific extras of the last write, such as re-rendered theme sections. */
  readonly $extensions: WritableAtom<Readonly<Record<string, unknown>>> = atom({})
  readonly $email: WritableAtom<EmailCaptureState> = atom<EmailCaptureState>({
    state: 'idle',
    email: null,
  })

  confirmed: CartSnapshot | null = null
  cartId: string | null = null
  /** Pending intents by slot, in the order the shopper made them. */
  readonly intents = new Map<string, Intent>()
  email: EmailIntent | null = null
  /** The consent last saved with `savedEmail` by this page; `null` when not known. */
  private savedConsent: boolean | null = null
  savedEmail: string | null = null

  private readonly options: EngineOptions
  private readonly env: ToteEnvironment
  private readonly tabId: string
  private readonly locks: LocksLike
  private epoch: string
  /** When the confirmed snapshot was received, in the tabs' shared sequence order. */
  private confirmedSeq = '0'
  private acked = new Map<string, string>()
  private counter = 0
  private lastNow = 0
  private started = false
  private destroyed = false
  private running = false
  private scheduled = false
  private needsRefetch = false
  /** Whether to ask the adapter for the shopper's current cart (no cart id is known). */
  private needsCurrent = false
  private attempt = 0
  private retryTimer: unknown = null
  private lastFailed: { opsJson: string; key: string } | null = null
  private lastSyncAt = 0
  private lastIntentAt = 0
  private calls = 0
  private idleRounds = 0
  private lastWriteEndAt = Number.NEGATIVE_INFINITY
  private burstStartedAt = 0
  private batchTimer: unknown = null
  private readonly callTimers = new Set<unknown>()
  private online = true
  private channel: ChannelLike | null = null
  private readonly cleanups: (() => void)[] = []
  private waiters: Waiter[] = []
  private readonly abort = new AbortController()
  private readonly emailListeners = new Set<(error: ToteError | null, email: string) => void>()
  /** Called after every confirmed snapshot, with the snapshot before it. */
  onConfirmed: ((next: CartSnapshot, previous: CartSnapshot | null) => void) | null = null

  constructor(options: EngineOptions) {
    this.options = options
    this.env = options.env
    tabCounter += 1
    this.tabId = `${Math.floor(this.env.random() * 36 ** 4).toString(36)}${tabCounter.toString(36)}`
    this.locks = this.env.locks ?? createLeaseLocks(this.env, this.tabId)
    // The lowest epoch: a stored cart, or any other tab's, is newer than none.
    this.epoch = '0'
    this.restore()
  }

  // ---------------------------------------------------------------- sequencing

  /** A sortable, tab-unique sequence number; later calls sort after earlier ones. */
  nextSeq(): string {
    const now = Math.max(this.env.now(), this.lastNow)
    this.lastNow = now
    this.counter += 1
    return `${now.toString(36).padStart(10, '0')}.${this.counter.toString(36).padStart(6, '0')}.${this.tabId}`
  }

  /**
   * Moves this tab's sequence past one seen from another tab (a Lamport clock), so an
   * action taken after seeing another tab's always sorts after it, whatever the clocks say.
   */
  private observe(seq: string): void {
    const [time, counter] = seq.split('.')
    const seenNow = Number.parseInt(time ?? '', 36)
    const seenCounter = Number.parseInt(counter ?? '', 36)
    if (!Number.isFinite(seenNow) || !Number.isFinite(seenCounter)) return
    if (seenNow > this.lastNow) {
      this.lastNow = seenNow
      this.counter = Math.max(this.counter, seenCounter)
    } else if (seenNow === this.lastNow) {
      this.counter = Math.max(this.counter, seenCounter)
    }
  }

  // ---------------------------------------------------------------- intents

  /** Records what the shopper wants and shows it at once. */
  setIntent(intent: Intent): void {
    this.assertAlive()
    // Overwriting keeps the slot's first position, so lines keep their order on screen.
    this.intents.set(intent.slot, intent)
    this.lastIntentAt = this.env.now()
    this.changed()
    this.schedule()
  }

  /** Records the checkout email to send. */
  setEmail(email: string, consent: boolean): Promise<void> {
    this.assertAlive()
    const promise = new Promise<void>((resolve, reject) => {
      const listener = (error: ToteError | null, settled: string) => {
        if (settled !== email) return
        this.emailListeners.delete(listener)
        if (error) reject(error)
        else resolve()
      }
      this.emailListeners.add(listener)
    })
    if (
      this.savedEmail === email &&
      this.savedConsent === consent &&
      this.confirmed?.email === email
    ) {
      this.settleEmail(null, email)
      return promise
    }
    this.email = { email, consent, seq: this.nextSeq() }
    this.$email.set({ state: 'saving', email })
    this.changed()
    this.schedule()
    return promise
  }

  private settleEmail(error: ToteError | null, email: string): void {
    const current = this.$email.get()
    const unchanged = !error && current.state === 'saved' && current.email === email
    if (email && !unchanged) {
      this.$email.set(error ? { state: 'error', email, error } : { state: 'saved', email })
    }
    for (const listener of [...this.emailListeners]) listener(error, email)
  }

  /** Adds notices for the shopper. */
  notify(inputs: readonly NoticeInput[]): Notice[] {
    if (inputs.length === 0) return []
    const notices = inputs.map((input) => this.options.notice(input))
    this.$notices.set([...this.$notices.get(), ...notices])
    return notices
  }

  dismissNotice(id: string): void {
    this.$notices.set(this.$notices.get().filter((notice) => notice.id !== id))
  }

  // ---------------------------------------------------------------- life cycle

  start(): void {
    if (this.started || this.destroyed) return
    this.started = true
    const { env } = this
    this.online = env.isOnline()
    this.cleanups.push(
      env.onOnlineChange((online) => {
        this.online = online
        if (online) {
          this.retryNow()
        } else if (!this.running) this.setStatus({ state: 'offline' })
      }),
      env.onStorageChange(this.options.storageKey, () => this.receiveFromOtherTab()),
      env.onResume((reason) => {
        if (reason === 'pageshow' || env.now() - this.lastSyncAt >= this.options.refreshAfterMs) {
          this.requestRefetch()
        }
      }),
    )
    if (env.openChannel) {
      try {
        const channel = env.openChannel(`tote:${this.options.storageKey}`)
        const listener = (event: { data: unknown }) => {
          const data = event.data as { from?: unknown } | null
          if (data && data.from !== this.tabId) this.receiveFromOtherTab()
        }
        channel.addEventListener('message', listener)
        this.channel = channel
        this.cleanups.push(() => {
          channel.removeEventListener('message', listener)
          channel.close()
        })
      } catch {
        this.channel = null
      }
    }
    if (!this.online) this.setStatus({ state: 'offline' })
    // A stored cart may have changed elsewhere (checkout, prices): show it, then refetch it.
    if (this.cartId) this.needsRefetch = true
    else if (this.options.adapter.current) this.needsCurrent = true
    this.schedule()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.abort.abort(new ToteError('destroyed', 'the cart was destroyed'))
    for (const timer of [this.retryTimer, this.batchTimer, ...this.callTimers]) {
      if (timer !== null) this.env.clearTimeout(timer)
    }
    this.retryTimer = null
    this.batchTimer = null
    this.callTimers.clear()
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    this.settleEmail(
      new ToteError('destroyed', 'the cart was destroyed before the email was saved'),
      this.email?.email ?? '',
    )
    this.resolveWaiters()
  }

  private assertAlive(): void {
    if (this.destroyed)
      throw new ToteError('destroyed', 'this cart was destroyed; create a new one')
  }

  /** Fetches the cart again before anything else is sent (server wins). */
  requestRefetch(): void {
    if (this.destroyed) return
    if (this.cartId) this.needsRefetch = true
    this.schedule()
  }

  retryNow(): void {
    if (this.retryTimer !== null) {
      this.env.clearTimeout(this.retryTimer)
      this.retryTimer = null
    }
    this.schedule()
  }

  /** Resolves when nothing is pending, in flight or scheduled. */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve()
    this.start()
    return new Promise((resolve) => this.waiters.push({ resolve }))
  }

  private isSettled(): boolean {
    return (
      this.destroyed ||
      (!this.running && !this.hasWork() && this.retryTimer === null && this.batchTimer === null)
    )
  }

  private resolveWaiters(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const waiter of waiters) waiter.resolve()
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Resolves a recovery link, reconciles it with the catalogue now and makes it the active
   * cart. Runs under the write lock, after any write in flight. A failure changes nothing.
   */
  async recover(
    link: string,
    onExisting: 'replace' | 'merge',
    reconcile: typeof reconcileRecovery,
  ): Promise<Reconciliation> {
    this.assertAlive()
    this.start()
    return this.locks.request(`tote:${this.options.storageKey}`, async () => {
      this.receiveFromOtherTab()
      const result = await this.call(async (ctx) =>
        parseRecovery(await this.options.adapter.recover(link, ctx)),
      )
      this.assertAlive()
      if (result.cart.status === 'completed') {
        throw new ToteError('invalid_recovery_link', 'this cart was already turned into an order', {
          details: { reason: 'completed' },
        })
      }
      const reconciliation = reconcile(result)
      const current = this.$view.get()
      const sameCart = current.id === result.cart.id
      const carried =
        !sameCart && onExisting === 'merge' ? current.lines.filter((line) => line.quantity > 0) : []
      // The recovered cart shows today's prices at once (R12); its quantities stay the
      // backend's until the reconciliation's targets are confirmed, so they are sent.
      const reconciled = new Map(reconciliation.cart.lines.map((line) => [line.key, line]))
      const lines = result.cart.lines.map((line): CartLine => {
        const now = reconciled.get(line.key)
        if (!now) return line
        const subtotal = multiplyMoney(now.cost.unitPrice, line.quantity)
        return {
          ...now,
          quantity: line.quantity,
          cost: { unitPrice: now.cost.unitPrice, subtotal, total: subtotal },
        }
      })
      this.intents.clear()
      this.needsRefetch = false
      this.lastFailed = null
      this.epoch = this.nextSeq()
      this.confirmed = null
      this.confirm({ ...reconciliation.cart, lines, cost: { ...reconciliation.cart.cost } })
      for (const op of reconciliation.ops) {
        if (op.type !== 'setLine') continue
        this.intents.set(lineSlot(op.lineKey), {
          kind: 'line',
          slot: lineSlot(op.lineKey),
          seq: this.nextSeq(),
          key: op.lineKey,
          merchandiseId: op.merchandiseId,
          attributes: op.attributes,
          quantity: op.quantity,
          merchandise: null,
        })
      }
      for (const line of carried) {
        const existing = this.$view.get().lines.find((candidate) => candidate.key === line.key)
        // Opening the same cart twice must not double it: keep the larger quantity.
        const quantity = Math.max(existing?.quantity ?? 0, line.quantity)
        this.intents.set(lineSlot(line.key), {
          kind: 'line',
          slot: lineSlot(line.key),
          seq: this.nextSeq(),
          key: line.key,
          merchandiseId: line.merchandiseId,
          attributes: line.attributes,
          quantity,
          merchandise: line.merchandise,
        })
      }
      this.changed()
      this.schedule()
      return reconciliation
    })
  }

  // ---------------------------------------------------------------- the pump

  private hasWork(): boolean {
    if (this.needsRefetch && this.cartId) return true
    if (this.needsCurrent) return true
    if (this.email) return true
    for (const intent of this.intents.values()) if (!this.isDone(intent)) return true
    return false
  }

  /** Runs the pump on the next microtask, so actions made in one tick share one batch. */
  schedule(): void {
    if (this.scheduled || !this.started || this.destroyed) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      void this.pump()
    })
  }

  private async pump(): Promise<void> {
    if (this.running || this.destroyed || this.retryTimer !== null) return
    if (!this.online) {
      this.setStatus({ state: 'offline' })
      return
    }
    if (!this.hasWork()) {
      this.dropSatisfied()
      this.dropRemovalsWithoutCart()
      this.setStatus({ state: 'idle' })
      this.resolveWaiters()
      return
    }
    if (this.shouldWaitForMore()) return
    this.running = true
    this.setStatus({ state: this.confirmed || !this.cartId ? 'syncing' : 'loading' })
    let step: Step
    const callsBefore = this.calls
    try {
      step = await this.locks.request(`tote:${this.options.storageKey}`, () => this.runOnce())
    } catch (error) {
      step = this.failed(error, null)
    }
    this.running = false
    this.lastWriteEndAt = this.env.now()
    if (this.destroyed) {
      this.resolveWaiters()
      return
    }
    if (step === 'wait') return
    // Rounds that made no call cannot make progress forever; guard against spinning.
    if (this.calls === callsBefore) {
      this.idleRounds += 1
      if (this.idleRounds > 20) {
        // A defect must never freeze the page: slow down instead of spinning.
        this.idleRounds = 0
        this.env.warn('sync made no progress in 20 rounds; pausing before the next one')
        this.scheduleRetry(new ToteError('invalid_response', 'sync made no progress'))
        return
      }
    } else this.idleRounds = 0
    this.schedule()
  }

  /**
   * The first change after a quiet spell goes out at once. While the shopper keeps clicking
   * right after a write, the next batch waits for a pause (`batchWindowMs`, at most
   * `maxBatchWaitMs`), so a burst of clicks becomes one more request, not one per response.
   */
  private shouldWaitForMore(): boolean {
    const { batchWindowMs, maxBatchWaitMs } = this.options
    const now = this.env.now()
    if (this.needsRefetch || now - this.lastWriteEndAt >= batchWindowMs) {
      this.burstStartedAt = now
      return false
    }
    const quietAt = this.lastIntentAt + batchWindowMs
    const deadline = this.burstStartedAt + maxBatchWaitMs
    if (now >= quietAt || now >= deadline) return false
    if (this.batchTimer === null) {
      this.setStatus({ state: 'syncing' })
      this.batchTimer = this.env.setTimeout(() => {
        this.batchTimer = null
        this.schedule()
      }, Math.min(quietAt, deadline) - now)
    }
    return true
  }

  /** One round: refetch if needed, then send one batch. Runs under the write lock. */
  private async runOnce(): Promise<Step> {
    if (this.destroyed) return 'done'
    this.receiveFromOtherTab()
    if (this.needsRefetch && this.cartId) {
      const cartId = this.cartId
      let snapshot: CartSnapshot | null
      try {
        snapshot = await this.call(async (ctx) => {
          const got = await this.options.adapter.get(cartId, ctx)
          return got === null ? null : parseSnapshot(got)
        })
      } catch (error) {
        return this.failed(error, null)
      }
      if (this.destroyed) return 'done'
      this.needsRefetch = false
      if (snapshot === null) return this.cartGone('cart_not_found')
      if (snapshot.status === 'completed') return this.cartGone('cart_completed')
      this.confirm(snapshot)
      this.dropSatisfied()
      this.succeeded()
      return 'again'
    }

    if (this.needsCurrent) {
      const current = this.options.adapter.current
      let snapshot: CartSnapshot | null = null
      if (current && !this.cartId) {
        try {
          snapshot = await this.call(async (ctx) => {
            const got = await current.call(this.options.adapter, ctx)
            return got === null ? null : parseSnapshot(got)
          })
        } catch (error) {
          return this.failed(error, null)
        }
        if (this.destroyed) return 'done'
      }
      this.needsCurrent = false
      if (snapshot && snapshot.status === 'active' && !this.cartId) {
        this.epoch = this.nextSeq()
        this.confirm(snapshot)
      }
      this.succeeded()
      return 'again'
    }

    const pending = [...this.intents.values()].filter((intent) => !this.isDone(intent))
    if (pending.length > 0 || !this.cartId) {
      if (pending.length === 0 && !this.email) return 'done'
      return this.sendBatch(pending)
    }
    if (this.email) return this.sendEmail(this.email)
    this.dropSatisfied()
    return 'done'
  }

  private async sendBatch(pending: Intent[]): Promise<Step> {
    const ops = toOps(pending, this.confirmed)
    const sent = new Map(pending.map((intent) => [intent.slot, intent]))
    const opsJson = JSON.stringify(ops)
    const key =
      this.lastFailed?.opsJson === opsJson ? this.lastFailed.key : this.newIdempotencyKey()
    const cartId = this.cartId
    let result: CartWriteResult
    try {
      result = await this.call(
        async (ctx) =>
          parseWriteResult(
            cartId
              ? await this.options.adapter.apply(cartId, ops, ctx)
              : await this.options.adapter.create(
                  this.options.country ? { ops, country: this.options.country } : { ops },
                  ctx,
                ),
          ),
        key,
      )
    } catch (error) {
      return this.failed(error, { ops, opsJson, key, sent })
    }
    // A destroyed cart (a closed page) must not acknowledge anything for the tabs that remain.
    if (this.destroyed) return 'done'
    if (cartId === null) this.epoch = this.nextSeq()
    this.applyResult(result, sent)
    this.succeeded()
    return 'again'
  }

  private async sendEmail(email: EmailIntent): Promise<Step> {
    const cartId = this.cartId as string
    let result: CartWriteResult
    try {
      result = await this.call((ctx) =>
        this.options.adapter.captureEmail(
          cartId,
          { email: email.email, consent: email.consent },
          ctx,
        ),
      )
    } catch (error) {
      if (
        isToteError(error) &&
        (error.code === 'rejected' ||
          error.code === 'invalid_argument' ||
          error.code === 'unsupported')
      ) {
        if (this.email === email) this.email = null
        this.settleEmail(error, email.email)
        this.changed()
        return 'again'
      }
      return this.failed(error, null)
    }
    if (this.destroyed) return 'done'
    this.applyResult(result, new Map())
    if (this.email === email) this.email = null
    this.savedEmail = email.email
    this.savedConsent = email.consent
    this.succeeded()
    this.settleEmail(null, email.email)
    this.changed()
    return 'again'
  }

  /** Applies a write's result: server wins, acknowledged intents drop, the rest replay. */
  private applyResult(result: CartWriteResult, sent: ReadonlyMap<string, Intent>): void {
    const previous = this.confirmed
    if (result.extensions) this.$extensions.set(result.extensions)
    this.confirm(result.cart)
    const reported = new Set(result.notices.map((notice) => notice.lineKey).filter(Boolean))
    const synthesized: NoticeInput[] = []
    for (const [slot, intent] of sent) {
      if (this.intents.get(slot) === intent) {
        this.intents.delete(slot)
        this.acked.set(slot, intent.seq)
      }
      if (intent.kind === 'line' && !reported.has(intent.key)) {
        const got = this.confirmed?.lines.find((line) => line.key === intent.key)?.quantity ?? 0
        if (got !== intent.quantity) synthesized.push(adjustmentNotice(intent, got, previous))
      }
    }
    this.notify([...result.notices, ...synthesized])
    if (result.cart.status === 'completed') {
      this.cartGone('cart_completed')
      return
    }
    this.changed()
  }

  /**
   * Whether an intent needs no write: the confirmed cart already is what it asks for, and
   * that snapshot was taken after the intent was made. An older snapshot proves nothing:
   * another tab may have written since and closed before anyone saw its answer.
   */
  private isDone(intent: Intent): boolean {
    return intent.seq < this.confirmedSeq && isSatisfied(intent, this.confirmed)
  }

  /** Makes `snapshot` the confirmed cart unless it is older than what is applied. */
  private confirm(snapshot: CartSnapshot): void {
    const current = this.confirmed
    // A response older than what is applied (another tab got further) is discarded.
    if (current && current.id === snapshot.id && snapshot.version < current.version) return
    this.confirmed = snapshot
    this.confirmedSeq = this.nextSeq()
    this.cartId = snapshot.id
    this.lastSyncAt = this.env.now()
    if (snapshot.email) {
      this.savedEmail = snapshot.email
      if (this.$email.get().state === 'idle')
        this.$email.set({ state: 'saved', email: snapshot.email })
    }
    this.onConfirmed?.(snapshot, current)
    this.changed()
  }

  /** Drops intents the confirmed cart already satisfies (after a refetch). */
  private dropSatisfied(): void {
    // Without a snapshot, "no such line" may only mean another tab's create is in flight:
    // acknowledging a removal then would let the line come back.
    if (!this.confirmed) return
    let dropped = false
    for (const [slot, intent] of this.intents) {
      if (this.isDone(intent)) {
        this.intents.delete(slot)
        this.acked.set(slot, intent.seq)
        dropped = true
      }
    }
    if (dropped) this.changed()
  }

  /**
   * With no cart, a removal has nothing to remove. It is dropped here without a tombstone:
   * if another tab is creating the cart, its own copy of the intent still removes the line.
   */
  private dropRemovalsWithoutCart(): void {
    if (this.cartId !== null) return
    let dropped = false
    for (const [slot, intent] of this.intents) {
      if (intent.kind === 'line' && intent.quantity === 0) {
        this.intents.delete(slot)
        dropped = true
      }
    }
    if (dropped) this.changed()
  }

  /** The backend says the cart is over: start a new one, carrying unconfirmed intents over (R17). */
  private cartGone(code: 'cart_not_found' | 'cart_completed' | 'cart_expired'): Step {
    const hadCart = this.cartId !== null
    this.confirmed = null
    this.cartId = null
    this.needsRefetch = false
    this.lastFailed = null
    this.epoch = this.nextSeq()
    // Intents were targets for the old cart; on the new one, only additions make sense.
    for (const [slot, intent] of this.intents)
      if (intent.kind === 'line' && intent.quantity === 0) this.intents.delete(slot)
    if (hadCart)
      this.notify([{ code: code === 'cart_completed' ? 'cart_completed' : 'cart_expired' }])
    this.changed()
    return 'again'
  }

  private succeeded(): void {
    this.attempt = 0
    this.lastFailed = null
  }

  /** Decides what a failure means: refetch, wait and retry, roll back, or start over. */
  private failed(
    error: unknown,
    batch: {
      ops: CartOp[]
      opsJson: string
      key: string
      sent: ReadonlyMap<string, Intent>
    } | null,
  ): Step {
    if (this.destroyed) return 'done'
    const toteError = isToteError(error)
      ? error
      : new ToteAdapterError('invalid_response', 'the adapter failed unexpectedly', {
          cause: error,
        })
    switch (toteError.code) {
      case 'cart_not_found':
      case 'cart_expired':
      case 'cart_completed':
        return this.cartGone(toteError.code)
      case 'rejected':
      case 'invalid_argument':
        if (batch) {
          // The backend refused the batch: roll its lines back to the server's value, loudly.
          const notices: NoticeInput[] = []
          const detailNotices = (toteError.details?.notices ?? []) as NoticeInput[]
          for (const [slot, intent] of batch.sent) {
            if (this.intents.get(slot) === intent) this.intents.delete(slot)
            this.acked.set(slot, intent.seq)
            if (
              intent.kind === 'line' &&
              !detailNotices.some((notice) => notice.lineKey === intent.key)
            ) {
              notices.push({
                code: 'rejected',
                lineKey: intent.key,
                merchandiseId: intent.merchandiseId,
              })
            }
          }
          this.notify([...detailNotices, ...notices])
          this.lastFailed = null
          if (this.cartId) this.needsRefetch = true
          this.changed()
          return 'again'
        }
        return this.scheduleRetry(toteError)
      case 'conflict':
        if (this.cartId) this.needsRefetch = true
        this.lastFailed = null
        return this.scheduleRetry(toteError)
      case 'rate_limited':
        if (batch) this.lastFailed = { opsJson: batch.opsJson, key: batch.key }
        return this.scheduleRetry(toteError)
      default:
        if (AMBIGUOUS_ERROR_CODES.has(toteError.code) || !batch) {
          // Unknown whether the backend applied it: look before resending.
          if (this.cartId) this.needsRefetch = true
        }
        if (batch) this.lastFailed = { opsJson: batch.opsJson, key: batch.key }
        return this.scheduleRetry(toteError)
    }
  }

  private scheduleRetry(error: ToteError): Step {
    this.attempt += 1
    const retryAfter = (error as ToteAdapterError).retryAfterMs
    const backoff = Math.min(
      this.options.retryMaxMs,
      this.options.retryBaseMs * 2 ** (this.attempt - 1),
    )
    const delay =
      retryAfter !== undefined ? Math.max(retryAfter, 0) : backoff * (0.5 + this.env.random() / 2)
    const retryAt = this.env.now() + delay
    this.retryTimer = this.env.setTimeout(() => {
      this.retryTimer = null
      this.schedule()
    }, delay)
    this.setStatus({ state: 'error', error, retryAt, attempt: this.attempt })
    return 'wait'
  }

  private newIdempotencyKey(): string {
    const random = () =>
      Math.floor(this.env.random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
    return `tote-${random()}${random()}-${this.nextSeq()}`
  }

  /** Calls the adapter with a timeout and the engine's abort signal. */
  private async call<T>(
    run: (ctx: { signal: AbortSignal; idempotencyKey: string }) => Promise<T>,
    key?: string,
  ): Promise<T> {
    this.calls += 1
    const controller = new AbortController()
    const onAbort = () => controller.abort(this.abort.signal.reason)
    this.abort.signal.addEventListener('abort', onAbort)
    let timer: unknown = null
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
        once: true,
      })
    })
    const timeout = new Promise<never>((_, reject) => {
      timer = this.env.setTimeout(() => {
        const error = new ToteAdapterError(
          'timeout',
          `the backend did not answer within ${this.options.timeoutMs} ms`,
        )
        controller.abort(error)
        reject(error)
      }, this.options.timeoutMs)
      this.callTimers.add(timer)
    })
    try {
      return await Promise.race([
        run({ signal: controller.signal, idempotencyKey: key ?? this.newIdempotencyKey() }),
        timeout,
        aborted,
      ])
    } finally {
      this.env.clearTimeout(timer)
      this.callTimers.delete(timer)
      this.abort.signal.removeEventListener('abort', onAbort)
    }
  }

  // ---------------------------------------------------------------- state, storage, tabs

  private setStatus(status: CartSyncStatus): void {
    const current = this.$status.get()
    if (current.state === status.state && status.state !== 'error') return
    this.$status.set(status)
  }

  /** Recomputes the view, persists and tells the other tabs. */
  private changed(): void {
    this.$view.set(
      deriveView(
        this.confirmed,
        this.intents,
        this.$view.get(),
        this.email?.email ?? this.savedEmail,
      ),
    )
    this.persist()
  }

  private snapshotState(): PersistedState {
    const state: PersistedState = {
      v: PERSIST_VERSION,
      epoch: this.epoch,
      cartId: this.cartId,
      confirmedSeq: this.confirmedSeq,
      cart:
        this.confirmed && !this.options.persistEmail && this.confirmed.email
          ? { ...this.confirmed, email: null }
          : this.confirmed,
      intents: [...this.intents.values()],
      acked: Object.fromEntries(this.acked),
    }
    const email = this.email?.email ?? this.savedEmail
    if (this.options.persistEmail && email) state.email = email
    return state
  }

  private lastWritten: string | null = null

  private persist(): void {
    const { storage } = this.env
    if (!storage) return
    const serialized = serializeState(this.snapshotState())
    if (serialized === this.lastWritten) return
    const error = saveState(storage, this.options.storageKey, serialized)
    if (error) {
      this.env.storage = null
      this.env.warn(
        `the cart cannot be saved in storage (${(error as Error).name ?? 'error'}); it is kept in memory for this page only`,
      )
      this.notify([{ code: 'storage_unavailable' }])
      return
    }
    this.lastWritten = serialized
    this.channel?.postMessage({ from: this.tabId })
  }

  private restore(): void {
    const { storage } = this.env
    if (!storage) return
    const loaded = loadState(storage, this.options.storageKey)
    if (loaded.kind === 'discarded') {
      this.env.warn(`the saved cart was discarded: ${loaded.reason}`)
      try {
        storage.removeItem(this.options.storageKey)
      } catch {}
      if (loaded.cartId) {
        this.cartId = loaded.cartId
        this.needsRefetch = true
      }
      return
    }
    if (loaded.kind === 'ok') this.merge(loaded.state)
    this.$view.set(deriveView(this.confirmed, this.intents, this.$view.get(), this.savedEmail))
  }

  /** Another tab changed the shared state: merge it and show it. */
  receiveFromOtherTab(): void {
    const { storage } = this.env
    if (!storage || this.destroyed) return
    const loaded = loadState(storage, this.options.storageKey)
    if (loaded.kind !== 'ok') return
    if (this.merge(loaded.state)) {
      this.$view.set(
        deriveView(
          this.confirmed,
          this.intents,
          this.$view.get(),
          this.email?.email ?? this.savedEmail,
        ),
      )
      this.schedule()
    }
  }

  /**
   * Merges another tab's state. Carts: the newer epoch wins, then the higher version.
   * Intents: per slot the newest wins, unless already acknowledged. Commutative, so tabs converge.
   */
  private merge(other: PersistedState): boolean {
    let changed = false
    this.observe(other.epoch)
    for (const seq of Object.values(other.acked)) this.observe(seq)
    for (const intent of other.intents) this.observe(intent.seq)
    if (other.epoch > this.epoch) {
      if (other.cartId !== this.cartId) {
        this.confirmed = other.cart
        this.confirmedSeq = other.confirmedSeq
        this.cartId = other.cartId
        this.needsRefetch = false
        changed = true
      }
      this.epoch = other.epoch
    }
    if (
      other.cart &&
      other.cart.id === this.cartId &&
      (!this.confirmed || other.cart.version > this.confirmed.version)
    ) {
      this.confirmed = other.cart
      this.confirmedSeq = other.confirmedSeq
      changed = true
    }
    if (!this.confirmed && other.cartId === this.cartId && other.cart) {
      this.confirmed = other.cart
      this.confirmedSeq = other.confirmedSeq
      changed = true
    }
    for (const [slot, seq] of Object.entries(other.acked)) {
      const mine = this.acked.get(slot)
      if (!mine || seq > mine) this.acked.set(slot, seq)
    }
    for (const intent of other.intents) {
      const mine = this.intents.get(intent.slot)
      if (!mine || intent.seq > mine.seq) {
        this.intents.set(intent.slot, intent)
        changed = true
      }
    }
    for (const [slot, intent] of this.intents) {
      const acked = this.acked.get(slot)
      if (acked && intent.seq <= acked) {
        this.intents.delete(slot)
        changed = true
      }
    }
    if (other.email && !this.savedEmail) this.savedEmail = other.email
    return changed
  }
}

/**
 * Adapters parse what their backend sends; the engine checks again what it is handed, so a
 * faulty adapter can never make it read `{}` as an empty cart or keep a float quantity.
 */
const parseSnapshot = (value: unknown): CartSnapshot =>
  parseCartSnapshot(value, "the adapter's cart")

function parseRecovery(value: RecoveryResult): RecoveryResult {
  const cart = parseSnapshot(value?.cart)
  if (!Array.isArray(value.merchandise)) {
    throw new ToteAdapterError('invalid_response', 'the adapter returned no merchandise list')
  }
  // An unreadable entry must not pass for a discontinued product: refuse the whole answer.
  const merchandise = value.merchandise.map((entry, index) => {
    const parsed = MerchandiseSchema.safeParse(entry)
    if (parsed.success) return parsed.data
    throw new ToteAdapterError(
      'invalid_response',
      `the adapter returned invalid merchandise at ${index}`,
      {
        cause: parsed.error,
      },
    )
  })
  return { cart, merchandise }
}

function parseWriteResult(value: CartWriteResult): CartWriteResult {
  if (typeof value !== 'object' || value === null)
    return { cart: parseSnapshot(value), notices: [] }
  const cart = parseSnapshot(value.cart)
  const notices = Array.isArray(value.notices)
    ? value.notices.flatMap((notice) => {
        const parsed = NoticeInputSchema.safeParse(notice)
        return parsed.success ? [parsed.data] : []
      })
    : []
  return value.extensions === undefined
    ? { cart, notices }
    : { cart, notices, extensions: value.extensions }
}

function adjustmentNotice(
  intent: Extract<Intent, { kind: 'line' }>,
  got: number,
  previous: CartSnapshot | null,
): NoticeInput {
  const title =
    intent.merchandise?.productTitle ??
    previous?.lines.find((line) => line.key === intent.key)?.merchandise.productTitle
  const base = {
    lineKey: intent.key,
    merchandiseId: intent.merchandiseId,
    from: intent.quantity,
    to: got,
    ...(title ? { title } : {}),
  }
  if (got === 0 && intent.quantity > 0) return { code: 'out_of_stock', ...base }
  if (got < intent.quantity) return { code: 'insufficient_stock', ...base }
  return { code: 'quantity_adjusted', ...base }
}
