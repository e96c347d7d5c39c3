import type { Context } from 'hono'
import type { Storage } from '../storage/index.ts'
import type { z } from '../zod/index.ts'

/** Reads a request's JSON body with a schema, failing with `400`/`415` as the app does. */
export type ReadJson = <S extends z.ZodMiniType>(c: Context, schema: S) => Promise<z.output<S>>

/**
 * What a feature's routes get from the app: its storage, the shop and its clock, and the
 * app's body reader, so every route reads bodies the same way.
 */
export interface RouteDependencies {
  storage: Storage
  ctx: { shopId: string; clock: { now(): number } }
  readJson: ReadJson
}
