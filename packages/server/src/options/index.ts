import { ToteArgumentError } from '@tote/core/adapter'
import type { z } from '../zod/index.ts'

/**
 * Parses an option with its zod schema, or throws a `ToteArgumentError` (code
 * `invalid_argument`) that names the first offending place, such as
 * `options.catalogue[0].variants[1].price`.
 *
 * @example
 * const ttl = parseOption(z.int().check(z.positive()), options.recoveryLinkTtlMs, 'options.recoveryLinkTtlMs')
 */
export function parseOption<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  argument: string,
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const [first, ...more] = parsed.error.issues
  const path = first!.path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
  const rest = more.length > 0 ? ` (and ${more.length} more)` : ''
  throw new ToteArgumentError(`${argument}${path}`, `${first!.message}${rest}`)
}

const UNITS = [
  [24 * 60 * 60_000, 'day'],
  [60 * 60_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
] as const

/** A duration for people: `16 days`, `90 minutes`, `1500 ms`. */
export function formatDuration(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms !== 0 && ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`
  }
  return `${ms} ms`
}
