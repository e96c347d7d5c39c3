import type { CartAdapter, Merchandise } from '@tote/core'
import { useEffect, useState } from 'react'

/**
 * The variants this page sells. A real shop gets them from its catalogue or CMS; their price
 * and stock come live from the Tote server.
 */
export const VARIANT_IDS = [
  'canvas-tote-natural',
  'enamel-mug-white',
  'organic-tee-m',
  'dot-notebook-a5',
  'soy-candle-fig',
]

/** The products as the server sells them now, or why they could not be loaded. */
export type ProductsState =
  | { status: 'loading' }
  | { status: 'done'; products: Merchandise[] }
  | { status: 'error'; message: string }

/** Looks up the variants' titles, prices and stock (`POST /v1/merchandise/lookup`). */
export function useProducts(adapter: CartAdapter): ProductsState {
  const [state, setState] = useState<ProductsState>({ status: 'loading' })
  useEffect(() => {
    const controller = new AbortController()
    adapter
      .merchandise(VARIANT_IDS, { signal: controller.signal, idempotencyKey: crypto.randomUUID() })
      .then(
        (products) => setState({ status: 'done', products }),
        (error: unknown) => {
          if (!controller.signal.aborted) {
            setState({
              status: 'error',
              message: error instanceof Error ? error.message : 'failed',
            })
          }
        },
      )
    return () => controller.abort()
  }, [adapter])
  return state
}
