import type { AdapterContext, CartAdapter, CartOp } from '@tote/core/adapter'
import { ToteAdapterError } from '@tote/core/adapter'
import type { AdapterMethod } from '../memory-adapter/index.ts'

/**
 * A fault to inject into one adapter call:
 * - `pass`: the call goes through untouched.
 * - `drop`: fails with `network` before reaching the backend (not applied).
 * - `ackLost`: applied on the backend, then fails with `network` (or `timeout`).
 * - `serverErrorAfterApply`: applied, then fails with a 5xx `server_error`.
 * - `rateLimited`: fails with a 429 `rate_limited` and `retryAfterMs` (not applied).
 * - `timeout`: fails with `timeout`; not applied unless `applied: true`.
 * - `malformed`: applied, then fails with `invalid_response`, as a 200 with an HTML body.
 * - `delay`: applied at once, the answer arrives `ms` later.
 */
export type Fault =
  | 'pass'
  | 'drop'
  | 'ackLost'
  | 'serverErrorAfterApply'
  | 'rateLimited'
  | 'timeout'
  | 'malformed'
  | { type: 'pass' }
  | { type: 'drop' }
  | { type: 'ackLost' /** @default 'network' */; code?: 'network' | 'timeout' }
  | { type: 'serverErrorAfterApply' /** @default 500 */; status?: number }
  | { type: 'rateLimited' /** @default 1000 */; retryAfterMs?: number }
  | {
      type: 'timeout'
      /** Whether the backend applied the call before the time ran out. @default false */
      applied?: boolean
      /** How long until the failure, on the scheduler. @default 0 */
      afterMs?: number
    }
  | { type: 'malformed' }
  | { type: 'delay'; ms: number }

/** The name of a {@link Fault}. */
export type FaultType = Extract<Fault, { type: string }>['type']

/** A call as the fault chooser sees it. */
export interface FaultyCall {
  method: AdapterMethod
  cartId: string | null
  ops: readonly CartOp[] | null
  idempotencyKey: string
  /** How many calls came before this one (all methods). */
  index: number
}

/** Runs a function later; tests pass fake timers or a fast-check scheduler. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown
}

/** Options of {@link createFaultyAdapter}. */
export interface FaultyAdapterOptions {
  /** Faults used one per call, in order; once empty, `fault` decides. @default [] */
  faults?: readonly Fault[]
  /** Chooses the fault of a call the queue did not cover. @default always 'pass' */
  fault?: (call: FaultyCall) => Fault | undefined
  /** The methods faults apply to; other calls pass and take nothing from the queue. @default all */
  methods?: readonly AdapterMethod[]
  /** Timers for `delay` and `timeout`. @default globalThis.setTimeout */
  scheduler?: Scheduler
  /**
   * Sees every answer before the caller does, to delay or reorder answers (for example
   * `(answer) => fcScheduler.schedule(answer)`, or {@link createHeldResponses}).
   */
  respond?: <T>(answer: Promise<T>, call: FaultyCall) => Promise<T>
}

/** What happened to one call. */
export interface FaultRecord {
  call: FaultyCall
  fault: FaultType
}

/** An adapter that injects faults into the calls it forwards to another adapter. */
export interface FaultyAdapter extends CartAdapter {
  readonly inner: CartAdapter
  /** Every call and the fault it got, in order. */
  readonly log: FaultRecord[]
  /** Adds faults to the end of the queue. */
  inject(...faults: Fault[]): void
  /** Empties the queue and stops the chooser: every later call passes. */
  heal(): void
  /** How many faults are still queued. */
  readonly queued: number
}

type NormalFault = Exclude<Fault, string>

function normalize(fault: Fault | undefined): NormalFault {
  if (fault === undefined) return { type: 'pass' }
  return typeof fault === 'string' ? ({ type: fault } as NormalFault) : fault
}

function failure(
  code: 'network' | 'timeout' | 'server_error' | 'rate_limited' | 'invalid_response',
  message: string,
  fault: FaultType,
  extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
): ToteAdapterError {
  return new ToteAdapterError(code, message, { ...extra, details: { fault } })
}

/**
 * Wraps an adapter and injects faults per call, from a queue or a chooser function: lost
 * requests, lost answers, server errors after the write, rate limits, timeouts, HTML bodies,
 * delays, and (with `respond`) reordered answers.
 *
 * @example
 * const adapter = createFaultyAdapter(createMemoryAdapter(backend), {
 *   faults: ['ackLost', { type: 'rateLimited', retryAfterMs: 2000 }],
 *   methods: ['create', 'apply'],
 * })
 */
export function createFaultyAdapter(
  inner: CartAdapter,
  options: FaultyAdapterOptions = {},
): FaultyAdapter {
  const queue: Fault[] = [...(options.faults ?? [])]
  const log: FaultRecord[] = []
  const methods = options.methods ? new Set(options.methods) : null
  let chooser = options.fault
  let index = 0

  function later(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    const scheduler = options.scheduler ?? { setTimeout: (f, t) => setTimeout(f, t) }
    return new Promise((resolve) => {
      scheduler.setTimeout(resolve, ms)
    })
  }

  async function settle<T>(forward: () => Promise<T>): Promise<void> {
    // The backend applied the call; whatever it answered is lost on the way back.
    await forward().catch(() => undefined)
  }

  async function inject<T>(call: FaultyCall, fault: NormalFault, forward: () => Promise<T>) {
    switch (fault.type) {
      case 'pass':
        return forward()
      case 'drop':
        throw failure('network', 'the request was lost before reaching the backend', fault.type)
      case 'ackLost':
        await settle(forward)
        throw failure(
          fault.code ?? 'network',
          'the answer was lost after the backend applied the request',
          fault.type,
        )
      case 'serverErrorAfterApply':
        await settle(forward)
        throw failure('server_error', 'the backend failed after applying the request', fault.type, {
          status: fault.status ?? 500,
        })
      case 'rateLimited': {
        const retryAfterMs = fault.retryAfterMs ?? 1000
        throw failure('rate_limited', 'the backend asked to slow down', fault.type, {
          status: 429,
          retryAfterMs,
        })
      }
      case 'timeout':
        if (fault.applied) await settle(forward)
        await later(fault.afterMs ?? 0)
        throw failure('timeout', 'the backend did not answer in time', fault.type)
      case 'malformed':
        await settle(forward)
        throw failure('invalid_response', 'expected JSON, got an HTML page', fault.type, {
          status: 200,
          cause: new SyntaxError(`Unexpected token '<', "<!DOCTYPE html>" is not valid JSON`),
        })
      case 'delay': {
        const answer = forward().then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        )
        await later(fault.ms)
        const outcome = await answer
        if (!outcome.ok) throw outcome.error
        return outcome.value
      }
    }
    throw new TypeError(`unknown fault ${JSON.stringify(fault)} for ${call.method}`)
  }

  function run<T>(
    method: AdapterMethod,
    cartId: string | null,
    ops: readonly CartOp[] | null,
    ctx: AdapterContext,
    forward: () => Promise<T>,
  ): Promise<T> {
    const call: FaultyCall = {
      method,
      cartId,
      ops,
      idempotencyKey: ctx?.idempotencyKey ?? '',
      index: index++,
    }
    let fault: NormalFault = { type: 'pass' }
    if (!methods || methods.has(method)) {
      fault = normalize(queue.length > 0 ? queue.shift() : chooser?.(call))
    }
    log.push({ call, fault: fault.type })
    const answer = inject(call, fault, forward)
    return options.respond ? options.respond(answer, call) : answer
  }

  return {
    name: inner.name,
    capabilities: inner.capabilities,
    inner,
    log,
    get queued() {
      return queue.length
    },
    inject(...faults) {
      queue.push(...faults)
    },
    heal() {
      queue.length = 0
      chooser = undefined
    },
    create: (input, ctx) =>
      run('create', null, input?.ops ?? null, ctx, () => inner.create(input, ctx)),
    get: (cartId, ctx) => run('get', cartId, null, ctx, () => inner.get(cartId, ctx)),
    apply: (cartId, ops, ctx) =>
      run('apply', cartId, ops, ctx, () => inner.apply(cartId, ops, ctx)),
    captureEmail: (cartId, input, ctx) =>
      run('captureEmail', cartId, null, ctx, () => inner.captureEmail(cartId, input, ctx)),
    merchandise: (ids, ctx) =>
      run('merchandise', null, null, ctx, () => inner.merchandise(ids, ctx)),
    recover: (link, ctx) => run('recover', null, null, ctx, () => inner.recover(link, ctx)),
  }
}

/** Answers held back by {@link createHeldResponses}, released in any order. */
export interface HeldResponses {
  /** Pass as `respond` to {@link createFaultyAdapter}. */
  respond<T>(answer: Promise<T>, call: FaultyCall): Promise<T>
  /** The calls whose answers are held, oldest first. */
  readonly calls: readonly FaultyCall[]
  /** Delivers the held answer at `position` (0 is the oldest). */
  release(position?: number): Promise<void>
  /** Delivers every held answer, newest first when `order` is `'reverse'`. */
  releaseAll(order?: 'arrival' | 'reverse'): Promise<void>
}

/**
 * Holds every answer until the test releases it, to deliver answers out of order.
 *
 * @example
 * const held = createHeldResponses()
 * const adapter = createFaultyAdapter(inner, { respond: held.respond })
 * // ... two writes go out ...
 * await held.release(1) // the second answer arrives first
 */
export function createHeldResponses(): HeldResponses {
  const entries: { call: FaultyCall; answer: Promise<unknown>; deliver: () => void }[] = []
  return {
    respond<T>(answer: Promise<T>, call: FaultyCall): Promise<T> {
      // Keeps an early failure from being reported as unhandled while it is held.
      answer.catch(() => undefined)
      return new Promise<void>((resolve) => {
        entries.push({ call, answer, deliver: resolve })
      }).then(() => answer)
    },
    get calls() {
      return entries.map((entry) => entry.call)
    },
    async release(position = 0) {
      const [entry] = entries.splice(position, 1)
      if (!entry) throw new RangeError(`no held answer at position ${position}`)
      await entry.answer.catch(() => undefined)
      entry.deliver()
    },
    async releaseAll(order = 'arrival') {
      while (entries.length > 0) await this.release(order === 'reverse' ? entries.length - 1 : 0)
    },
  }
}
