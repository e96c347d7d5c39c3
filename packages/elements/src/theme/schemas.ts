// zod/mini and core's schemas, as a module of its own in the theme build: the loader fetches
// it side by side with the engine's entry. Nothing imports its export; being a separate entry
// point is what keeps zod and core's parsing in two files under 10,000 bytes gzip each.
export { MoneySchema } from '../../../core/src/model/schemas.ts'
