import { atom } from 'nanostores'
import type { AdapterContext, CartAdapter, CartWriteResult } from '../adapter/index.ts'
import type { CartSyncStatus, CartView, EmailCaptureState } from '../cart/types.ts'
import type { LocksLike, ToteEnvironment } from '../env/index.ts'
import { ToteError } from '../errors/index.ts'
import type { CartSnapshot } from '../model/index.ts'
import type { NoticeInput } from '../notices/types.ts'
import { callAdapter } from './call.ts'
import { createSeqClock, type SeqClock } from './clock.ts'
import { createEmailStatus } from './email.ts'
import { classifyFailure, retryDelay } from './failure.ts'
import type { Change } from './intents.ts'
import { createLeaseLocks } from './lease.ts'
import { mergeState, seqsOf, toPersisted } from './merge.ts'
import { answered, batchDelay, failedCall, nextWork, type Pacing, type Work } from './next.ts'
import type { PersistedState } from './persist.ts'
import { request } from './request.ts'
import { createSharedStore, type SharedStore } from './shared.ts'
import { type Action, INITIAL_STATE, reduce, type SyncState } from './state.ts'
import { createTimer, type Timer } from './timer.ts'
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
  /** The cart's locale, which adapters receive in their context. */
  locale?: string
  persistEmail: boolean
  /** Tells the shopper what happened (stock, prices, a new cart): the cart localizes it. */
  notify(inputs: readonly NoticeInput[]): void
}

let tabCounter = 0

/**
 * The sync engine's effects: it keeps the {@link SyncState}, feeds what happens to the pure
 * `reduce`, asks the pure `nextWork` what to do, and does it — adapter calls with timeouts,
 * timers, storage, the other tabs, the write lock. Internal: the public face is `createCart`.
 */
export class SyncEngine {
  readonly $view = atom<CartView>(EMPTY_VIEW)
  readonly $status = atom<CartSyncStatus>({ state: 'idle' })
  /** Adapter-specific extras of the last write, such as re-rendered theme sections. */
  readonly $extensions = atom<Readonly<Record<string, unknown>>>({})
  readonly $email = atom<EmailCaptureState>({ state: 'idle', email: null })

  #state: SyncState = INITIAL_STATE
  readonly #options: EngineOptions
  readonly #env: ToteEnvironment
  readonly #tabId: string
  readonly #lockName: string
  readonly #locks: LocksLike
  readonly #clock: SeqClock
  readonly #shared: SharedStore
  readonly #pacing: Pacing = {
    lastIntentAt: 0,
    lastWriteEndAt: Number.NEGATIVE_INFINITY,
    burstStartedAt: 0,
  }
  #lastSyncAt = 0
  #life: 'new' | 'started' | 'destroyed' = 'new'
  get #destroyed(): boolean {
    return this.#life === 'destroyed'
  }
  #running = false
  #scheduled = false
  readonly #retryTimer: Timer
  readonly #batchTimer: Timer
  readonly #cleanups: (() => void)[] = []
  #waiters: (() => void)[] = []
  readonly #abort = new AbortController()
  readonly #emailStatus = createEmailStatus(this.$email)

  constructor(options: EngineOptions) {
    this.#options = options
    this.#env = options.env
    this.#retryTimer = createTimer(this.#env)
    this.#batchTimer = createTimer(this.#env)
    tabCounter += 1
    this.#tabId = `${Math.floor(this.#env.random() * 36 ** 4).toString(36)}${tabCounter.toString(36)}`
    this.#lockName = `tote:${options.storageKey}`
    this.#locks = this.#env.locks ?? createLeaseLocks(this.#env, this.#tabId)
    this.#clock = createSeqClock(() => this.#env.now(), this.#tabId)
    this.#shared = createSharedStore(this.#env, options.storageKey, this.#tabId)
    this.#restore()
  }

  // ---------------------------------------------------------------- what createCart calls

  /** The backend's cart as last confirmed. */
  confirmedCart(): CartSnapshot | null {
    return this.#state.confirmed
  }

  /** Records what the shopper wants and shows it at once. */
  change(change: Change): void {
    this.#assertAlive()
    this.start()
    this.#pacing.lastIntentAt = this.#env.now()
    this.#dispatch({ type: 'intent', change, seq: this.#clock.next() })
    this.#schedule()
  }

  /** Records the checkout email to send; settles when it is saved or refused. */
  setEmail(email: string, consent: boolean): Promise<void> {
    this.#assertAlive()
    this.start()
    const saved = this.#emailStatus.wait(email)
    const { savedEmail, savedConsent, confirmed } = this.#state
    if (savedEmail === email && savedConsent === consent && confirmed?.email === email) {
      this.#emailStatus.settle(null, email)
      return saved
    }
    this.$email.set({ state: 'saving', email })
    this.#dispatch({ type: 'email', email, consent, seq: this.#clock.next() })
    this.#schedule()
    return saved
  }

  start(): void {
    if (this.#life !== 'new') return
    this.#life = 'started'
    const env = this.#env
    this.#cleanups.push(
      env.onOnlineChange((online) => {
        this.#dispatch({ type: 'online', online })
        if (online) this.retryNow()
        else if (!this.#running) this.#setStatus({ state: 'offline' })
      }),
      this.#shared.listen(() => this.#receiveFromOtherTab()),
      env.onResume((reason) => {
        if (reason === 'pageshow' || env.now() - this.#lastSyncAt >= this.#options.refreshAfterMs) {
          this.refresh()
        }
      }),
    )
    this.#dispatch({
      type: 'start',
      online: env.isOnline(),
      lookup: !!this.#options.adapter.current,
    })
    if (!this.#state.online) this.#setStatus({ state: 'offline' })
    this.#schedule()
  }

  destroy(): void {
    if (this.#destroyed) return
    this.#life = 'destroyed'
    this.#abort.abort(new ToteError('destroyed', 'the cart was destroyed'))
    this.#retryTimer.stop()
    this.#batchTimer.stop()
    for (const cleanup of this.#cleanups.splice(0)) cleanup()
    this.#emailStatus.settle(
      new ToteError('destroyed', 'the cart was destroyed before the email was saved'),
      this.#state.email?.email ?? '',
    )
    this.#resolveWaiters()
  }

  /** Fetches the cart again before anything else is sent (server wins). */
  refresh(): void {
    if (this.#destroyed) return
    this.start()
    this.#dispatch({ type: 'stale' })
    this.#schedule()
  }

  retryNow(): void {
    this.#retryTimer.stop()
    this.#schedule()
  }

  /** Resolves when nothing is pending, in flight or scheduled. */
  settled(): Promise<void> {
    if (this.#isSettled()) return Promise.resolve()
    this.start()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /**
   * Makes a recovered cart the active one: runs `call` under the write lock, after any write
   * in flight and with the other tabs' changes merged, then commits the cart and the outbox
   * `commit` derives from its answer and the view it replaces. If either throws, nothing
   * changes. The recovery module (`@tote/core/recovery`) brings both.
   */
  recover<T>(
    call: (adapter: CartAdapter, ctx: AdapterContext) => Promise<T>,
    commit: (answer: T, view: CartView) => { snapshot: CartSnapshot; changes: Change[] },
  ): Promise<void> {
    this.#assertAlive()
    this.start()
    return this.#locks.request(this.#lockName, async () => {
      this.#receiveFromOtherTab()
      const answer = await this.#call((ctx) => call(this.#options.adapter, ctx))
      this.#assertAlive()
      this.#dispatch({
        type: 'recovered',
        ...commit(answer, this.$view.get()),
        seq: this.#clock.next(),
      })
      this.#schedule()
    })
  }

  // ---------------------------------------------------------------- state

  /** Feeds an action to the reducer, then shows, stores and announces what changed. */
  #dispatch(action: Action): void {
    const before = this.#state
    const { state, notices } = reduce(before, action)
    this.#state = state
    if (state !== before) {
      // A new confirmed cart only ever comes from the backend (a lost one is null).
      if (state.confirmed && state.confirmed !== before.confirmed) {
        this.#lastSyncAt = this.#env.now()
        const { email } = state.confirmed
        if (email && this.$email.get().state === 'idle') this.$email.set({ state: 'saved', email })
      }
      this.#render()
      this.#persist()
    }
    if (notices.length > 0) this.#options.notify(notices)
  }

  #render(): void {
    const { confirmed, intents, email, savedEmail } = this.#state
    this.$view.set(deriveView(confirmed, intents, this.$view.get(), email?.email ?? savedEmail))
  }

  #setStatus(status: CartSyncStatus): void {
    const current = this.$status.get()
    if (current.state === status.state && status.state !== 'error') return
    this.$status.set(status)
  }

  #assertAlive(): void {
    if (this.#life === 'destroyed')
      throw new ToteError('destroyed', 'this cart was destroyed; create a new one')
  }

  #isSettled(): boolean {
    return (
      this.#life === 'destroyed' ||
      (!this.#running &&
        nextWork(this.#state).kind === 'idle' &&
        !this.#retryTimer.pending &&
        !this.#batchTimer.pending)
    )
  }

  #resolveWaiters(): void {
    for (const resolve of this.#waiters.splice(0)) resolve()
  }

  // ---------------------------------------------------------------- the pump

  /** Runs the pump on the next microtask, so actions made in one tick share one batch. */
  #schedule(): void {
    if (this.#scheduled || this.#life !== 'started') return
    this.#scheduled = true
    queueMicrotask(() => {
      this.#scheduled = false
      void this.#pump()
    })
  }

  async #pump(): Promise<void> {
    if (this.#running || this.#life !== 'started' || this.#retryTimer.pending) return
    if (!this.#state.online) {
      this.#setStatus({ state: 'offline' })
      return
    }
    const work = nextWork(this.#state)
    if (work.kind === 'idle') {
      this.#dispatch({ type: 'idle' })
      this.#setStatus({ state: 'idle' })
      this.#resolveWaiters()
      return
    }
    if (this.#holdBack(work)) return
    this.#running = true
    this.#setStatus({ state: this.#state.confirmed || !this.#state.cartId ? 'syncing' : 'loading' })
    try {
      await this.#locks.request(this.#lockName, () => this.#runOnce())
    } catch (error) {
      this.#fail(error, null, '')
    }
    this.#running = false
    this.#pacing.lastWriteEndAt = this.#env.now()
    if (this.#destroyed) this.#resolveWaiters()
    else this.#schedule()
  }

  /** Holds a batch back while the shopper keeps clicking right after a write. */
  #holdBack(work: Work): boolean {
    const { batchWindowMs, maxBatchWaitMs } = this.#options
    const now = this.#env.now()
    if (work.kind === 'refetch' || now - this.#pacing.lastWriteEndAt >= batchWindowMs) {
      this.#pacing.burstStartedAt = now
      return false
    }
    const delay = batchDelay(this.#pacing, now, batchWindowMs, maxBatchWaitMs)
    if (delay === 0) return false
    if (!this.#batchTimer.pending) this.#setStatus({ state: 'syncing' })
    this.#batchTimer.start(delay, () => this.#schedule())
    return true
  }

  /** One call, chosen under the write lock after merging what other tabs did. */
  async #runOnce(): Promise<void> {
    if (this.#destroyed) return
    this.#receiveFromOtherTab()
    const work = nextWork(this.#state)
    if (work.kind === 'idle') return
    const writes = work.kind === 'create' || work.kind === 'apply'
    const key = (writes && work.key) || this.#newIdempotencyKey()
    if (work.kind === 'create' && work.key === null) {
      // Recorded (and stored) before it is sent: an unclear answer is resent as it was.
      this.#dispatch({ type: 'creating', create: { key, sent: [...work.sent] } })
    }
    let answer: CartSnapshot | CartWriteResult | null
    try {
      answer = await this.#call((ctx) => request(this.#options, work, ctx), key)
    } catch (error) {
      return this.#fail(error, work, key)
    }
    // A destroyed cart (a closed page) must not acknowledge anything for the tabs that remain.
    if (this.#destroyed) return
    const extensions = answer && 'notices' in answer ? answer.extensions : undefined
    if (extensions) this.$extensions.set(extensions)
    this.#dispatch(answered(work, answer, this.#clock.next()))
    if (work.kind === 'email') this.#emailStatus.settle(null, work.email.email)
  }

  /** Applies what a failure means (see `classifyFailure`) and waits before a retry. */
  #fail(error: unknown, work: Work | null, key: string): void {
    if (this.#destroyed) return
    const failure = classifyFailure(error, failedCall(work, key))
    const sent = work && 'sent' in work ? work.sent : null
    const email = work?.kind === 'email' ? { email: work.email } : {}
    this.#dispatch({ type: 'failed', failure, sent, seq: this.#clock.next(), ...email })
    if (failure.kind === 'refused' && work?.kind === 'email') {
      this.#emailStatus.settle(failure.error, work.email.email)
    }
    if (failure.kind !== 'retry') return
    const { attempt } = this.#state
    const delay = retryDelay({
      attempt,
      error: failure.error,
      baseMs: this.#options.retryBaseMs,
      maxMs: this.#options.retryMaxMs,
      random: this.#env.random(),
    })
    this.#retryTimer.start(delay, () => this.#schedule())
    this.#setStatus({
      state: 'error',
      error: failure.error,
      retryAt: this.#env.now() + delay,
      attempt,
    })
  }

  /** 128 random bits from the platform's CSPRNG, then the tab's sequence for debugging. */
  #newIdempotencyKey(): string {
    const bytes = new Uint8Array(16)
    globalThis.crypto.getRandomValues(bytes)
    let hex = ''
    for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
    return `tote-${hex}-${this.#clock.next()}`
  }

  /** Calls the adapter with a timeout and the engine's abort signal. */
  #call<T>(run: (ctx: AdapterContext) => Promise<T>, key?: string): Promise<T> {
    const { env, timeoutMs, locale } = this.#options
    const idempotencyKey = key ?? this.#newIdempotencyKey()
    const signal = this.#abort.signal
    return callAdapter(
      { env, timeoutMs, signal, idempotencyKey, ...(locale ? { locale } : {}) },
      run,
    )
  }

  // ---------------------------------------------------------------- storage and tabs

  #persist(): void {
    // Without storage there is no one to tell: skip serializing the whole state.
    if (!this.#state.storable || !this.#env.storage) return
    const error = this.#shared.save(toPersisted(this.#state, this.#options.persistEmail))
    if (!error) return
    this.#env.warn(
      `storage refused the cart (${(error as Error).name ?? 'error'}): it is kept in memory for this page only`,
    )
    this.#dispatch({ type: 'storageFailed' })
  }

  #restore(): void {
    const loaded = this.#shared.load()
    if (loaded.kind === 'discarded') {
      this.#env.warn(`the saved cart was discarded: ${loaded.reason}`)
      if (loaded.cartId) this.#state = { ...this.#state, cartId: loaded.cartId, stale: true }
      return
    }
    if (loaded.kind === 'ok') this.#merge(loaded.state)
    this.#shared.remember(toPersisted(this.#state, this.#options.persistEmail))
    this.#render()
  }

  /** Another tab changed the shared state: merge it and show it. */
  #receiveFromOtherTab(): void {
    if (this.#destroyed) return
    const loaded = this.#shared.load()
    if (loaded.kind === 'ok' && this.#merge(loaded.state)) {
      this.#render()
      this.#schedule()
    }
  }

  #merge(other: PersistedState): boolean {
    for (const seq of seqsOf(other)) this.#clock.observe(seq)
    const { state, changed } = mergeState(this.#state, other)
    this.#state = state
    return changed
  }
}
