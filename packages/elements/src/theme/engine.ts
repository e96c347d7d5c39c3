// The engine: the elements, core's public API, the languages and analytics — what
// `window.Tote` holds once it is there (with `recovery`, from ./recovery.ts). The one-script
// build has it from the start; the theme build loads it on the shopper's first interaction
// or when the page is idle.
// formatMoney comes from the elements: it formats in the page's cart locale.
export {
  createCart,
  isToteError,
  lineKey,
  ToteArgumentError,
  ToteError,
} from '@tote/core'
export { toGa4 } from '@tote/core/analytics'
export { fr } from '@tote/core/messages/fr'
export { nb } from '@tote/core/messages/nb'
export { cartFromAttributes } from '../define/build.ts'
export { defineElements } from '../define/eager.ts'
export * from '../index.ts'
