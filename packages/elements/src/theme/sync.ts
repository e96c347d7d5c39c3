// The sync engine of @tote/core, as a module of its own in the theme build: the loader fetches
// it side by side with the engine's entry, and it keeps each file under 10,000 bytes gzip.
// Nothing imports its export; being a separate entry point is what splits core in two.
export { SyncEngine } from '../../../core/src/sync/engine.ts'
