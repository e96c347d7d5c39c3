// The engine: the elements, core's public API, the languages, recovery and analytics — what
// `window.Tote` holds once it is there. The one-script build has it from the start; the theme
// build loads it on the shopper's first interaction or when the page is idle.
export {
  createCart,
  formatMoney,
  isToteError,
  lineKey,
  ToteArgumentError,
  ToteError,
} from '@tote/core'
export { toGa4 } from '@tote/core/analytics'
export { fr } from '@tote/core/messages/fr'
export { nb } from '@tote/core/messages/nb'
export { recovery } from '@tote/core/recovery'
export { cartFromAttributes } from '../define/build.ts'
export { defineElements } from '../define/eager.ts'
export * from '../index.ts'
