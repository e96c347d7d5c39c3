// The part of @tote/core the elements use before the engine has loaded: errors and money.
// The theme build resolves every `@tote/core` (and `@tote/core/adapter`) import of the
// elements' own files here, so an element cannot pull the engine into what a page runs at
// once: a name missing here fails the theme build, and then either it is small and belongs
// here, or the code using it belongs to the engine (see ARCHITECTURE.md). Only the engine's
// files (theme/engine.ts, define/build.ts) import @tote/core itself.
export { isToteError, ToteArgumentError, ToteError } from '../../../core/src/errors/index.ts'
export { formatMoney, toDecimalString } from '../../../core/src/money/index.ts'
