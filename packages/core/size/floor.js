// Not shipped (package.json `files` is `dist` only). `pnpm size` bundles this file to print
// the floor under createCart: what its two dependencies weigh before any Tote logic runs —
// nanostores for the stores, and zod/mini parsing one object.
import { atom } from 'nanostores'
import * as z from 'zod/mini'

const Line = z.object({ id: z.string(), quantity: z.int() })

export function floor(value) {
  return atom(Line.parse(value))
}
