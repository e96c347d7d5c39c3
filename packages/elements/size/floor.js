// Not shipped (package.json `files` is `dist` only). `pnpm size` bundles this file to print
// the floor of the one-script build: what it must carry before any Tote logic runs —
// nanostores for state, and zod/mini with the cart schema every answer is parsed with. HTTP
// is the platform's `fetch`, through core's `sendRequest`.
// docs/size.md explains what the one-script build carries above this floor.
export { atom, computed } from 'nanostores'
export { parseCartSnapshot } from '../../core/src/model/index.ts'
