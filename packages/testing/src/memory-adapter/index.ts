import type {
  AdapterCapabilities,
  AdapterContext,
  CaptureEmailInput,
  CartAdapter,
  CartOp,
  CreateCartInput,
} from '@tote/core/adapter'
import { ToteAdapterError } from '@tote/core/adapter'
import type { MemoryBackend } from '../memory-backend/index.ts'

/** The methods of a `CartAdapter`. */
export type AdapterMethod = 'create' | 'get' | 'apply' | 'captureEmail' | 'merchandise' | 'recover'

/** One request a memory adapter received, as a test inspects it. */
export interface MemoryAdapterCall {
  method: AdapterMethod
  /** The cart the call is about; `null` for `create`, `merchandise` and `recover`. */
  cartId: string | null
  /** The batch for `apply` and `create`; `null` otherwise. */
  ops: CartOp[] | null
  idempotencyKey: string
  /** The email input of `captureEmail`. */
  email?: CaptureEmailInput
  /** The ids asked for by `merchandise`. */
  ids?: string[]
  /** The link given to `recover`. */
  link?: string
}

/** How long a call spends on the way to the backend and on the way back, in milliseconds. */
export interface Latency {
  /** Before the backend applies the call. @default 0 */
  request?: number
  /** After the backend applied it, before the answer arrives. @default 0 */
  response?: number
}

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** @default 'memory' */
  name?: string
  /**
   * Delays each call with `setTimeout`, so tests drive it with fake timers. A number delays
   * the answer (the backend applies at once); a function decides per call.
   * @default no delay
   */
  latency?: number | Latency | ((call: MemoryAdapterCall) => number | Latency)
  /** The presentment country used for merchandise lookups (docs/domain.md R19). */
  country?: string
}

/** A `CartAdapter` over a {@link MemoryBackend}, with a log of the calls it received. */
export interface MemoryAdapter extends CartAdapter {
  readonly backend: MemoryBackend
  /** Every call in the order it arrived; clear it with `calls.length = 0`. */
  readonly calls: MemoryAdapterCall[]
}

const CAPABILITIES: AdapterCapabilities = {
  email: true,
  recovery: true,
  notes: true,
  attributes: true,
  discounts: true,
  idempotency: true,
  // The memory backend keeps lines that differ by selling plan apart, as Shopify does.
  sellingPlans: true,
}

/** Logs what the caller sent as a list, even when it is not one (the backend refuses it). */
function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? [...value] : value === undefined ? [] : [value as T]
}

function aborted(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new ToteAdapterError('network', 'the request was aborted')
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted(signal))
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Creates a `CartAdapter` over an in-memory backend: named `'memory'`, every capability
 * on, idempotency keys honoured by the backend (same key and content → same result, applied
 * once; same key, other content → `conflict`).
 *
 * @example
 * const backend = createMemoryBackend({ catalogue: demoCatalogue() })
 * const adapter = createMemoryAdapter(backend, { latency: 200 })
 * const cart = createCart({ adapter })
 */
export function createMemoryAdapter(
  backend: MemoryBackend,
  options: MemoryAdapterOptions = {},
): MemoryAdapter {
  const calls: MemoryAdapterCall[] = []

  function latencyOf(call: MemoryAdapterCall): Required<Latency> {
    const chosen = typeof options.latency === 'function' ? options.latency(call) : options.latency
    if (typeof chosen === 'number') return { request: 0, response: chosen }
    return { request: chosen?.request ?? 0, response: chosen?.response ?? 0 }
  }

  async function handle<T>(
    call: MemoryAdapterCall,
    ctx: AdapterContext | undefined,
    work: () => T,
  ): Promise<T> {
    let logged = call
    try {
      logged = structuredClone(call)
    } catch {
      // Uncloneable input is logged as given; the backend will refuse it.
    }
    calls.push(logged)
    const latency = latencyOf(call)
    await wait(latency.request, ctx?.signal)
    let outcome: { ok: true; value: T } | { ok: false; error: unknown }
    try {
      outcome = { ok: true, value: work() }
    } catch (error) {
      outcome = { ok: false, error }
    }
    await wait(latency.response, ctx?.signal)
    if (!outcome.ok) throw outcome.error
    return outcome.value
  }

  const key = (ctx: AdapterContext | undefined) => ctx?.idempotencyKey ?? ''
  const writeOptions = (ctx: AdapterContext | undefined) =>
    ctx?.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey } : {}

  return {
    name: options.name ?? 'memory',
    capabilities: { ...CAPABILITIES },
    backend,
    calls,

    async create(input: CreateCartInput, ctx: AdapterContext) {
      const call: MemoryAdapterCall = {
        method: 'create',
        cartId: null,
        ops: listOf<CartOp>(input?.ops),
        idempotencyKey: key(ctx),
      }
      return handle(call, ctx, () => backend.createCart(input, writeOptions(ctx)))
    },

    async get(cartId: string, ctx: AdapterContext) {
      const call: MemoryAdapterCall = { method: 'get', cartId, ops: null, idempotencyKey: key(ctx) }
      return handle(call, ctx, () => backend.getCart(cartId))
    },

    async apply(cartId: string, ops: readonly CartOp[], ctx: AdapterContext) {
      const call: MemoryAdapterCall = {
        method: 'apply',
        cartId,
        ops: listOf<CartOp>(ops),
        idempotencyKey: key(ctx),
      }
      return handle(call, ctx, () => backend.applyOps(cartId, ops, writeOptions(ctx)))
    },

    async captureEmail(cartId: string, input: CaptureEmailInput, ctx: AdapterContext) {
      const call: MemoryAdapterCall = {
        method: 'captureEmail',
        cartId,
        ops: null,
        idempotencyKey: key(ctx),
        email: input,
      }
      return handle(call, ctx, () => backend.captureEmail(cartId, input, writeOptions(ctx)))
    },

    async merchandise(ids: readonly string[], ctx: AdapterContext) {
      const call: MemoryAdapterCall = {
        method: 'merchandise',
        cartId: null,
        ops: null,
        idempotencyKey: key(ctx),
        ids: listOf<string>(ids),
      }
      const lookup = options.country ? { country: options.country } : {}
      return handle(call, ctx, () => backend.getMerchandise(ids, lookup))
    },

    async recover(link: string, ctx: AdapterContext) {
      const call: MemoryAdapterCall = {
        method: 'recover',
        cartId: null,
        ops: null,
        idempotencyKey: key(ctx),
        link,
      }
      return handle(call, ctx, () => backend.recover(link))
    },
  }
}
