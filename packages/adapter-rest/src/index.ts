import type {
  AdapterContext,
  CartAdapter,
  CartOp,
  CartSnapshot,
  CartWriteResult,
  Merchandise,
  RecoveryResult,
  ToteErrorCode,
} from '@tote/core/adapter'
import {
  httpError,
  httpErrorCode,
  parseMerchandiseList,
  ToteAdapterError,
  ToteArgumentError,
} from '@tote/core/adapter'
import ky, { isTimeoutError, type KyInstance } from 'ky'

/** Options of {@link createRestAdapter}. */
export interface RestAdapterOptions {
  /** The server's base URL, without the version: `https://api.shop.example`. */
  baseUrl: string
  /** A `fetch` to use instead of the global one (tests, proxies, SSR). */
  fetch?: typeof globalThis.fetch
  /**
   * How long one request may take before it fails with `timeout`.
   * @default 10000
   */
  timeoutMs?: number
  /** Extra headers sent with every request. */
  headers?: Record<string, string>
}

/** What the body of a refused request says, as far as it can be read. */
interface ErrorBody {
  code?: string
  message?: string
  details?: Record<string, unknown>
}

/**
 * Reads the body of a refused request (`{ code, message, details }` on the Tote protocol).
 * A proxy's HTML page, or any other body, reads as nothing: the status alone decides.
 */
function readErrorBody(text: string): ErrorBody {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return {}
  }
  const { code, message, details } = (body ?? {}) as Record<string, unknown>
  if (typeof code !== 'string' || typeof message !== 'string') return {}
  if (details === undefined) return { code, message }
  const plain = typeof details === 'object' && details !== null && !Array.isArray(details)
  return plain ? { code, message, details: details as Record<string, unknown> } : {}
}

/** Most ids one lookup request carries; longer lists are split. */
const LOOKUP_CHUNK = 250

export { parseRetryAfter } from '@tote/core/adapter'

/**
 * The error code of a refused request. The Tote protocol says more than HTTP alone: its
 * body codes come first, and on this protocol a 404 is an unknown cart and a 410 a cart
 * already ordered (see `docs/protocol`); every other status means what it means anywhere.
 * A batch the cart's limits cannot take (`cart_too_large`, `amount_too_large`) is a
 * rejection whatever the status: resending it would be refused again, so the engine rolls
 * it back with a notice.
 */
function errorCode(status: number, serverCode: string | undefined): ToteErrorCode {
  if (serverCode === 'cart_too_large' || serverCode === 'amount_too_large') return 'rejected'
  if (serverCode === 'cart_completed') return 'cart_completed'
  if (serverCode === 'cart_expired') return 'cart_expired'
  if (serverCode === 'idempotency_key_reused') return 'conflict'
  if (status === 404) return 'cart_not_found'
  if (status === 410) return 'cart_completed'
  return httpErrorCode(status)
}

type Call = 'create' | 'get' | 'apply' | 'captureEmail' | 'merchandise' | 'recover'

/**
 * The Tote protocol over HTTP (see `docs/protocol`), for `@tote/server` or any backend that
 * speaks it. Its answers are Tote's own model, which the engine parses (`parseWriteResult`,
 * `parseCartSnapshot`), so they pass through as they are; refusals and bodies that are not
 * JSON become typed errors here, and merchandise lookups are parsed here. The batch's
 * `Idempotency-Key` is sent with each write; HTTP retries are off (the sync engine retries).
 *
 * @example
 * const adapter = createRestAdapter({ baseUrl: 'https://api.shop.example' })
 * const cart = createCart({ adapter })
 */
export function createRestAdapter(options: RestAdapterOptions): CartAdapter {
  if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new ToteArgumentError(
      'options.baseUrl',
      'expected an http(s) URL such as "https://api.shop.example"',
    )
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ToteArgumentError(
      'options.timeoutMs',
      `expected a positive number of milliseconds, got ${timeoutMs}`,
    )
  }
  const client: KyInstance = ky.create({
    prefixUrl: `${options.baseUrl.replace(/\/+$/, '')}/v1/`,
    retry: 0,
    timeout: timeoutMs,
    throwHttpErrors: false,
    headers: { accept: 'application/json', ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  /** The JSON body of a successful answer; `null` for a cart the server does not have. */
  async function request(
    call: Call,
    method: 'get' | 'post',
    path: string,
    ctx: AdapterContext,
    json?: unknown,
  ): Promise<unknown> {
    let response: Response
    let text: string
    try {
      response = await client(path, {
        method,
        signal: ctx.signal,
        ...(json === undefined ? {} : { json }),
        ...(method === 'post' && ctx.idempotencyKey
          ? { headers: { 'idempotency-key': ctx.idempotencyKey } }
          : {}),
      })
      text = await response.text()
    } catch (error) {
      // Not core's transportError: an abort counts as a timeout only when Tote's signal says
      // so, and the message names the timeout this adapter was given.
      if (isTimeoutError(error)) {
        throw new ToteAdapterError('timeout', `the server did not answer within ${timeoutMs} ms`, {
          cause: error,
        })
      }
      const reason = ctx.signal.aborted ? ctx.signal.reason : undefined
      if ((reason as { code?: unknown } | undefined)?.code === 'timeout') {
        throw new ToteAdapterError('timeout', 'the request was aborted after a timeout', {
          cause: reason,
        })
      }
      throw new ToteAdapterError('network', 'the server could not be reached', { cause: error })
    }
    if (!response.ok) {
      if (call === 'get' && response.status === 404) return null
      const body = readErrorBody(text)
      const details = { serverCode: body.code, ...body.details }
      if (call === 'recover' && response.status < 500 && response.status !== 429) {
        throw new ToteAdapterError(
          'invalid_recovery_link',
          body.message ?? 'the recovery link was refused',
          {
            status: response.status,
            details,
          },
        )
      }
      throw httpError({
        status: response.status,
        headers: response.headers,
        code: errorCode(response.status, body.code),
        message: body.message ?? `the server answered ${response.status}`,
        details,
      })
    }
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new ToteAdapterError(
        'invalid_response',
        'the server answered with a body that is not JSON',
        {
          status: response.status,
          cause: error,
        },
      )
    }
  }

  const cartPath = (cartId: string) => `carts/${encodeURIComponent(cartId)}`
  const opsBody = (ops: readonly CartOp[]) => ({ ops })

  return {
    name: 'rest',
    capabilities: {
      email: true,
      recovery: true,
      notes: true,
      attributes: true,
      discounts: true,
      idempotency: true,
    },

    async create(input, ctx): Promise<CartWriteResult> {
      const body = { ops: input.ops, ...(input.country ? { country: input.country } : {}) }
      return (await request('create', 'post', 'carts', ctx, body)) as CartWriteResult
    },

    async get(cartId, ctx): Promise<CartSnapshot | null> {
      const answer = await request('get', 'get', cartPath(cartId), ctx)
      if (answer === null) return null
      const cart = (answer as { cart?: unknown } | null)?.cart
      // A missing cart is a 404: an answer without one must not read as a cart that is gone.
      if (typeof cart !== 'object' || cart === null) {
        throw new ToteAdapterError('invalid_response', "the server's answer holds no cart")
      }
      return cart as CartSnapshot
    },

    async apply(cartId, ops, ctx): Promise<CartWriteResult> {
      const path = `${cartPath(cartId)}/ops`
      return (await request('apply', 'post', path, ctx, opsBody(ops))) as CartWriteResult
    },

    async captureEmail(cartId, input, ctx): Promise<CartWriteResult> {
      const body = { email: input.email, consent: input.consent }
      const path = `${cartPath(cartId)}/email`
      return (await request('captureEmail', 'post', path, ctx, body)) as CartWriteResult
    },

    async merchandise(ids, ctx): Promise<Merchandise[]> {
      const found: Merchandise[] = []
      for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
        const chunk = ids.slice(start, start + LOOKUP_CHUNK)
        const answer = await request('merchandise', 'post', 'merchandise/lookup', ctx, {
          ids: chunk,
        })
        // No engine reads lookups after the adapter, so they are parsed here.
        found.push(
          ...parseMerchandiseList((answer as { merchandise?: unknown } | null)?.merchandise),
        )
      }
      return found
    },

    async recover(link, ctx): Promise<RecoveryResult> {
      const token = recoveryToken(link)
      if (!token) {
        throw new ToteAdapterError('invalid_recovery_link', 'the recovery link holds no token', {
          details: { reason: 'malformed' },
        })
      }
      return (await request('recover', 'post', 'recover', ctx, { token })) as RecoveryResult
    },
  }
}

/**
 * The token of a recovery link: the `token` query or fragment parameter of a URL, or the
 * string itself when it is not a URL.
 *
 * @example
 * recoveryToken('https://shop.example/recover?token=tote1.k.x.y') // 'tote1.k.x.y'
 */
export function recoveryToken(link: string): string | null {
  const trimmed = typeof link === 'string' ? link.trim() : ''
  if (!trimmed) return null
  if (!/^https?:\/\//i.test(trimmed)) return trimmed
  try {
    const url = new URL(trimmed)
    return url.searchParams.get('token') ?? new URLSearchParams(url.hash.slice(1)).get('token')
  } catch {
    return null
  }
}
