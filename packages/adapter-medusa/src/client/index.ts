import {
  type AdapterContext,
  httpError,
  readJsonResponse,
  ToteAdapterError,
} from '@tote/core/adapter'
import ky, { type KyInstance } from 'ky'
import type * as z from 'zod/mini'
import { ErrorSchema, type MedusaError } from '../schemas/index.ts'

/**
 * The cart fields the adapter asks for on every cart route (`fields=`), instead of Medusa's
 * default of ~140 fields with addresses, payment sessions and region countries.
 */
export const CART_FIELDS = [
  'id',
  'currency_code',
  'region_id',
  'email',
  'completed_at',
  'metadata',
  'total',
  'tax_total',
  'discount_total',
  'promotions.code',
  'promotions.is_automatic',
  'items.id',
  'items.variant_id',
  'items.product_id',
  'items.title',
  'items.product_title',
  'items.variant_title',
  'items.thumbnail',
  'items.quantity',
  'items.unit_price',
  'items.compare_at_unit_price',
  'items.metadata',
  'items.total',
].join(',')

/** The product fields read to know merchandise as it is now: price, stock, names, options. */
export const PRODUCT_FIELDS = [
  'id',
  'title',
  'thumbnail',
  '*variants.options',
  'variants.id',
  'variants.title',
  'variants.thumbnail',
  'variants.manage_inventory',
  'variants.allow_backorder',
  '+variants.inventory_quantity',
  'variants.calculated_price',
].join(',')

/** What one request gave: a body to read, or Medusa's refusal. */
export type Outcome =
  | { ok: true; body: unknown; version: number }
  | { ok: false; status: number; error: MedusaError }

/** Options of {@link createClient}. */
export interface ClientOptions {
  baseUrl: string
  publishableKey: string
  timeoutMs: number
  fetch: typeof globalThis.fetch | undefined
}

/** A request to the Store API. */
export interface StoreRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** The path after `/store/`, such as `carts/cart_01/line-items`. */
  path: string
  query?: Record<string, string | readonly string[]>
  json?: unknown
}

/** Sends Store API requests and reads their answers; see {@link createClient}. */
export interface StoreClient {
  /**
   * Sends one request. 2xx → its body; 4xx → Medusa's error body for the caller to judge;
   * 429 → `rate_limited` with `Retry-After`; 5xx → `server_error`; timeouts and connection
   * failures → `timeout` / `network`; a body that is not JSON → `invalid_response`.
   */
  send(request: StoreRequest, ctx: AdapterContext): Promise<Outcome>
  /** Parses an answer with a zod/mini schema, or throws `invalid_response`. */
  parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T
}

/**
 * The Store API client: ky (no retries: the sync engine owns them) with every
 * status judged here. Each request is stamped with a number that only grows: Medusa carts have
 * no version, so the stamp of the request that returned a cart is its version.
 */
export function createClient(options: ClientOptions): StoreClient {
  // The sync engine owns retries, and the answer's status is judged below.
  const client: KyInstance = ky.create({
    retry: 0,
    timeout: options.timeoutMs,
    throwHttpErrors: false,
    headers: { accept: 'application/json', 'x-publishable-api-key': options.publishableKey },
    // Read at call time, never at import time, so tests and SSR can swap it.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  })
  let lastVersion = 0

  return {
    async send(request, ctx) {
      lastVersion = Math.max(lastVersion + 1, Date.now())
      const version = lastVersion
      const search = new URLSearchParams()
      for (const [name, value] of Object.entries(request.query ?? {})) {
        for (const item of typeof value === 'string' ? [value] : value) search.append(name, item)
      }
      const query = search.toString() === '' ? '' : `?${search}`
      const url = `${options.baseUrl}/store/${request.path}${query}`
      const response = await readJsonResponse(url, () =>
        client(url, {
          method: request.method,
          signal: ctx.signal,
          ...(request.json === undefined ? {} : { json: request.json }),
        }),
      )
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, body: response.body, version }
      }
      const parsed = ErrorSchema.safeParse(response.body)
      const error = parsed.success ? parsed.data : {}
      if (response.status === 400 || response.status === 404) {
        return { ok: false, status: response.status, error }
      }
      // 401/403 (a wrong publishable key), 409 (a concurrent change), 422 and the rest.
      throw httpError({
        status: response.status,
        message: `Medusa refused ${request.method} /store/${request.path} (${response.status})${
          error.message ? `: ${error.message}` : ''
        }`,
      })
    },

    parse(schema, value, what) {
      const parsed = schema.safeParse(value)
      if (!parsed.success) {
        throw new ToteAdapterError('invalid_response', `unexpected ${what} from Medusa`, {
          cause: parsed.error,
        })
      }
      return parsed.data
    },
  }
}
