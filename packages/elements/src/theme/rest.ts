// `<tote-cart adapter="rest">`: in the theme build, a module of its own, loaded with the
// engine only on pages that name it.
import { createRestAdapter } from '@tote/adapter-rest'
import type { AdapterFactory } from '../cart-root/index.ts'
import { requiredAttribute } from './attribute.ts'

export { createRestAdapter }

/**
 * `<tote-cart adapter="rest" endpoint="...">`: the Tote server whose base URL is `endpoint`.
 *
 * @example
 * <tote-cart adapter="rest" endpoint="https://api.shop.example"></tote-cart>
 */
export const rest: AdapterFactory = (root) =>
  createRestAdapter({ baseUrl: requiredAttribute(root, 'endpoint') })
