import type { AdapterContext, CartAdapter, CartWriteResult } from '../adapter/index.ts'
import { type CartSnapshot, parseCartSnapshot, parseWriteResult } from '../model/index.ts'
import type { Work } from './next.ts'

const parseCart = (value: unknown): CartSnapshot | null =>
  value === null ? null : parseCartSnapshot(value)

/**
 * Makes the adapter call a piece of work stands for and parses its answer with the shared
 * schemas: the engine's one boundary with any adapter, so a faulty adapter can never make it
 * read `{}` as an empty cart or keep a float quantity.
 *
 * @example
 * const snapshot = await request({ adapter }, { kind: 'refetch', cartId: 'c1' }, ctx)
 */
export async function request(
  options: { adapter: CartAdapter; country?: string | undefined },
  work: Work,
  ctx: AdapterContext,
): Promise<CartSnapshot | CartWriteResult | null> {
  const { adapter, country } = options
  switch (work.kind) {
    case 'refetch':
      return parseCart(await adapter.get(work.cartId, ctx))
    case 'current':
      return parseCart((await adapter.current?.(ctx)) ?? null)
    case 'create': {
      const input = country ? { ops: work.ops, country } : { ops: work.ops }
      return parseWriteResult(await adapter.create(input, ctx))
    }
    case 'apply':
      return parseWriteResult(await adapter.apply(work.cartId, work.ops, ctx))
    case 'email': {
      const { email, consent } = work.email
      return parseWriteResult(await adapter.captureEmail(work.cartId, { email, consent }, ctx))
    }
    default:
      return null
  }
}
