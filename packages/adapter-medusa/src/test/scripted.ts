// Test support: a `fetch` that answers as Medusa 2.21 does, from a script, and records what the
// adapter sent. The shapes are those the real server answered in test/support/medusa.ts runs.
import type { MedusaAdapterOptions } from '../adapter/index.ts'
import type { MedusaCart, MedusaLineItem } from '../schemas/index.ts'

/** One request the adapter sent. */
export interface SentRequest {
  method: string
  /** The path, such as `/store/carts/cart_1/line-items`. */
  path: string
  query: URLSearchParams
  body: unknown
  headers: Headers
}

/** One scripted answer: a status and a JSON body (or raw text), with headers. */
export interface Answer {
  status?: number
  body?: unknown
  text?: string
  headers?: Record<string, string>
}

/** A `fetch` that answers each request with the next answer of the script, in order. */
export function scriptedFetch(answers: Answer[]) {
  const sent: SentRequest[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const text = await request.text()
    sent.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text === '' ? undefined : JSON.parse(text),
      headers: request.headers,
    })
    const answer = answers.shift()
    if (!answer) throw new Error(`no scripted answer for ${request.method} ${url.pathname}`)
    return new Response(answer.text ?? JSON.stringify(answer.body ?? {}), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
    })
  }
  return { fetch, sent, left: () => answers.length }
}

/** Adapter options for a scripted Medusa. */
export function scriptedOptions(fetch: typeof globalThis.fetch): MedusaAdapterOptions {
  return {
    baseUrl: 'https://medusa.example',
    publishableKey: 'pk_test',
    regionId: 'reg_eu',
    fetch,
  }
}

/** A line item as Medusa sends it. */
export function item(
  overrides: Partial<MedusaLineItem> & { id: string; variant_id: string },
): MedusaLineItem {
  const quantity = overrides.quantity ?? 1
  const unit = overrides.unit_price ?? 9.95
  return {
    product_id: 'prod_1',
    title: 'Notebook A5',
    product_title: 'Notebook A5',
    variant_title: 'Dot grid',
    thumbnail: null,
    quantity,
    unit_price: unit,
    compare_at_unit_price: null,
    metadata: {},
    total: Number((unit * quantity).toFixed(2)),
    ...overrides,
  }
}

/** `{ cart }` as Medusa's cart routes answer. */
export function cartBody(overrides: Partial<MedusaCart> = {}): { cart: MedusaCart } {
  const items = overrides.items ?? []
  const total = items.reduce((sum, line) => sum + line.total, 0)
  return {
    cart: {
      id: 'cart_1',
      currency_code: 'eur',
      region_id: 'reg_eu',
      email: null,
      completed_at: null,
      metadata: null,
      total: Number(total.toFixed(2)),
      tax_total: 0,
      discount_total: 0,
      promotions: [],
      ...overrides,
      items,
    },
  }
}

/** `GET /store/products` with one product and its variants. */
export function productsBody(
  variants: { id: string; price: number; stock: number | null; title?: string }[],
) {
  return {
    products: [
      {
        id: 'prod_1',
        title: 'Notebook A5',
        thumbnail: null,
        variants: variants.map((variant) => ({
          id: variant.id,
          title: variant.title ?? 'Dot grid',
          thumbnail: null,
          manage_inventory: variant.stock !== null,
          allow_backorder: false,
          ...(variant.stock === null ? {} : { inventory_quantity: variant.stock }),
          calculated_price: {
            calculated_amount: variant.price,
            original_amount: variant.price,
            currency_code: 'eur',
          },
          options: [{ value: variant.title ?? 'Dot grid', option: { title: 'Ruling' } }],
        })),
      },
    ],
    count: 1,
  }
}

/** Medusa's error body. */
export function errorBody(type: string, message: string, code?: string) {
  return { type, message, ...(code ? { code } : {}) }
}
