/**
 * Whether two plain values (objects, arrays, primitives) are equal in every field.
 *
 * @example
 * same({ a: ['x'] }, { a: ['x'] }) // true
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false
  // Counted, not listed: a view of 100 lines is compared on every change.
  let keys = 0
  for (const key in a) {
    if (!same(a[key as keyof typeof a], b[key as keyof typeof b])) return false
    keys++
  }
  for (const _ in b) keys--
  return keys === 0
}

/**
 * `before` when `next` equals it, so a store holding it does not notify: each answer from the
 * backend brings new objects.
 *
 * @example
 * keep({ amount: 1 }, previous) === previous // when previous is { amount: 1 }
 */
export const keep = <T>(next: T, before: T | undefined): T =>
  before !== undefined && same(next, before) ? before : next
