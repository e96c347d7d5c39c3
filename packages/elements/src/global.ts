// The one-script build (`dist/tote.global.js`): everything a theme needs, exposed as
// `window.Tote`, with the elements defined as soon as the script runs.
import { createRestAdapter } from '@tote/adapter-rest'
import { ToteArgumentError } from '@tote/core'
import type { AdapterFactory } from './cart-root/index.ts'
import { defineToteElements } from './define/index.ts'

export { createRestAdapter } from '@tote/adapter-rest'
export {
  createCart,
  formatMoney,
  isToteError,
  lineKey,
  ToteArgumentError,
  ToteError,
} from '@tote/core'
export * from './index.ts'

function attribute(root: HTMLElement, name: string): string {
  const value = root.getAttribute(name)
  if (!value)
    throw new ToteArgumentError(
      name,
      `<tote-cart adapter="${root.getAttribute('adapter')}"> needs a ${name} attribute`,
    )
  return value
}

/**
 * The adapters `<tote-cart adapter="...">` can name in the one-script build:
 * `rest` (with `endpoint`, the Tote server's base URL).
 *
 * @example
 * <tote-cart adapter="rest" endpoint="https://api.shop.example"></tote-cart>
 */
export const adapters: Record<string, AdapterFactory> = {
  rest: (root) => createRestAdapter({ baseUrl: attribute(root, 'endpoint') }),
}

defineToteElements({ adapters })
