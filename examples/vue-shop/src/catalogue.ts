import type { CartAdapter, Merchandise } from '@tote/core'
import { onScopeDispose, type Ref, shallowRef } from 'vue'

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
export function useProducts(adapter: CartAdapter): Readonly<Ref<ProductsState>> {
  const state = shallowRef<ProductsState>({ status: 'loading' })
  const controller = new AbortController()
  onScopeDispose(() => controller.abort())
  adapter
    .merchandise(VARIANT_IDS, { signal: controller.signal, idempotencyKey: crypto.randomUUID() })
    .then(
      (products) => {
        state.value = { status: 'done', products }
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        state.value = {
          status: 'error',
          message: error instanceof Error ? error.message : 'failed',
        }
      },
    )
  return state
}

/** "Sold out", "Only 2 left" or "In stock". */
export function stockText(item: Merchandise): string {
  if (!item.available) return 'Sold out'
  if (item.quantityAvailable !== null && item.quantityAvailable <= 3) {
    return `Only ${item.quantityAvailable} left`
  }
  return 'In stock'
}
