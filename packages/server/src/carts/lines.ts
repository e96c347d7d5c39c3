import type { Merchandise } from '@tote/core/adapter'
import type { Queryable } from '../storage/index.ts'

/** A cart line as stored. */
export interface LineRow {
  line_key: string
  id: string
  merchandise_id: string
  attributes: Record<string, string>
  quantity: number
  merchandise: Merchandise
  position: number
}

/** A line as a write leaves it, in cart order. */
export interface LineAfterWrite {
  key: string
  id: string
  merchandiseId: string
  attributes: Record<string, string>
  quantity: number
  merchandise: Merchandise
}

/** JSON with object keys sorted: two values are equal when these are (jsonb reorders keys). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * Stores the lines a write leaves, touching only what changed: lines gone are deleted, new
 * or changed ones (quantity, price, attributes, place) are upserted in one statement. A
 * write to one line of a long cart stays two small statements. Positions grow along the
 * cart's order; a line keeps its position while it keeps its place. Returns the lines as
 * stored.
 */
export async function writeLines(
  db: Queryable,
  cartId: string,
  before: readonly LineRow[],
  after: readonly LineAfterWrite[],
): Promise<LineRow[]> {
  const previous = new Map(before.map((line) => [line.line_key, line]))
  let top = Math.max(-1, ...before.map((line) => line.position))
  let last = -1
  const stored = after.map((line): LineRow => {
    const was = previous.get(line.key)
    const position = was && was.position > last ? was.position : ++top
    last = position
    return {
      line_key: line.key,
      id: line.id,
      merchandise_id: line.merchandiseId,
      attributes: line.attributes,
      quantity: line.quantity,
      merchandise: line.merchandise,
      position,
    }
  })
  const kept = new Set(stored.map((line) => line.line_key))
  const gone = before.filter((line) => !kept.has(line.line_key)).map((line) => line.line_key)
  const changed = stored.filter((line) => {
    const was = previous.get(line.line_key)
    return (
      !was ||
      was.position !== line.position ||
      was.quantity !== line.quantity ||
      was.id !== line.id ||
      canonical(was.attributes) !== canonical(line.attributes) ||
      canonical(was.merchandise) !== canonical(line.merchandise)
    )
  })
  if (gone.length > 0) {
    await db.query('DELETE FROM cart_lines WHERE cart_id = $1 AND line_key = ANY($2::text[])', [
      cartId,
      gone,
    ])
  }
  if (changed.length > 0) {
    await db.query(
      `INSERT INTO cart_lines (cart_id, line_key, id, merchandise_id, attributes, quantity, merchandise, position)
       SELECT $1, x.line_key, x.id, x.merchandise_id, x.attributes, x.quantity, x.merchandise, x.position
         FROM jsonb_to_recordset($2::jsonb) AS x(line_key text, id text, merchandise_id text,
              attributes jsonb, quantity integer, merchandise jsonb, position integer)
       ON CONFLICT (cart_id, md5(line_key)) DO UPDATE SET id = EXCLUDED.id,
         merchandise_id = EXCLUDED.merchandise_id, attributes = EXCLUDED.attributes,
         quantity = EXCLUDED.quantity, merchandise = EXCLUDED.merchandise, position = EXCLUDED.position`,
      [cartId, JSON.stringify(changed)],
    )
  }
  return stored
}
