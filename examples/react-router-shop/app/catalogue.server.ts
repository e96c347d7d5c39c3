// The catalogue, read on the server while rendering a page (`.server` modules never reach the
// browser).
import { createRestAdapter } from '@tote/adapter-rest'
import type { Merchandise } from '@tote/core'

/**
 * The variants this page sells. A real shop gets them from its catalogue or CMS; their price
 * and stock come live from the Tote server.
 */
const VARIANT_IDS = [
  'canvas-tote-natural',
  'enamel-mug-white',
  'organic-tee-m',
  'dot-notebook-a5',
  'soy-candle-fig',
]

/**
 * Looks up the variants' titles, prices and stock (`POST /v1/merchandise/lookup`) on the Tote
 * server: `TOTE_SERVER`, else the origin the page was asked on (the API shares it).
 */
export function loadProducts(request: Request): Promise<Merchandise[]> {
  const baseUrl = process.env.TOTE_SERVER ?? new URL(request.url).origin
  return createRestAdapter({ baseUrl }).merchandise(VARIANT_IDS, {
    signal: AbortSignal.any([request.signal, AbortSignal.timeout(10_000)]),
    idempotencyKey: crypto.randomUUID(),
  })
}
