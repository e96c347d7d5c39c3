// Not shipped (package.json `files` is `dist` only). `pnpm size` bundles this file to print
// the floor of the one-script build: what it must carry before any Tote logic runs — ky for
// HTTP, nanostores for state, and zod/mini with the cart schema every answer is parsed with.
// docs/size.md explains what the one-script build carries above this floor.
export { default as ky } from 'ky'
export { atom, computed } from 'nanostores'
export { parseCartSnapshot } from '../../core/src/model/index.ts'
