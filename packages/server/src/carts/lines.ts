import type { Merchandise } from '@tote/core/adapter'
import type { Statement } from '../storage/index.ts'

/** A cart line as a write reads it: everything but the merchandise, told apart by its hash. */
export interface StoredLine {
  line_key: string
  id: string
  merchandise_id: string
  attributes: Record<string, string>
  quantity: number
  position: number
  /** The fingerprint of the merchandise stored with the line; `null` for lines stored before. */
  merchandise_hash: string | null
}

/** A line as a write leaves it, in cart order. */
export interface LineAfterWrite {
  key: string
  id: string
  merchandiseId: string
  attributes: Record<string, string>
  quantity: number
  merchandise: Merchandise
  /** The fingerprint of `merchandise` (see `merchandiseHash`). */
  merchandiseHash: string
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

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => a[key] === b[key]) || canonical(a) === canonical(b)
}

/**
 * The statements that store the lines a write leaves, touching only what changed: lines
 * gone are deleted, new or changed ones (quantity, merchandise, attributes, place) are
 * upserted in one statement; a write to one line of a long cart sends that line alone.
 * Positions grow along the cart's order; a line keeps its position while it keeps its
 * place. Returns the statements (none when nothing changed) and each line's position.
 */
export function planLineWrites(
  cartId: string,
  before: readonly StoredLine[],
  after: readonly LineAfterWrite[],
): { statements: Statement[]; positions: number[] } {
  const previous = new Map(before.map((line) => [line.line_key, line]))
  let top = -1
  for (const line of before) if (line.position > top) top = line.position
  let last = -1
  const positions: number[] = []
  const changed: Record<string, unknown>[] = []
  for (const line of after) {
    const was = previous.get(line.key)
    const position = was && was.position > last ? was.position : ++top
    last = position
    positions.push(position)
    if (
      !was ||
      was.position !== position ||
      was.quantity !== line.quantity ||
      was.id !== line.id ||
      was.merchandise_hash !== line.merchandiseHash ||
      !sameAttributes(was.attributes, line.attributes)
    ) {
      changed.push({
        line_key: line.key,
        id: line.id,
        merchandise_id: line.merchandiseId,
        attributes: line.attributes,
        quantity: line.quantity,
        merchandise: line.merchandise,
        merchandise_hash: line.merchandiseHash,
        position,
      })
    }
  }
  const kept = new Set(after.map((line) => line.key))
  const gone = before.filter((line) => !kept.has(line.line_key)).map((line) => line.line_key)
  const statements: Statement[] = []
  if (gone.length > 0) {
    statements.push({
      sql: 'DELETE FROM cart_lines WHERE cart_id = $1 AND line_key = ANY($2::text[])',
      params: [cartId, gone],
    })
  }
  if (changed.length > 0) {
    statements.push({
      sql: `INSERT INTO cart_lines (cart_id, line_key, id, merchandise_id, attributes, quantity, merchandise, merchandise_hash, position)
       SELECT $1, x.line_key, x.id, x.merchandise_id, x.attributes, x.quantity, x.merchandise, x.merchandise_hash, x.position
         FROM jsonb_to_recordset($2::jsonb) AS x(line_key text, id text, merchandise_id text,
              attributes jsonb, quantity integer, merchandise jsonb, merchandise_hash text, position integer)
       ON CONFLICT (cart_id, md5(line_key)) DO UPDATE SET id = EXCLUDED.id,
         merchandise_id = EXCLUDED.merchandise_id, attributes = EXCLUDED.attributes,
         quantity = EXCLUDED.quantity, merchandise = EXCLUDED.merchandise,
         merchandise_hash = EXCLUDED.merchandise_hash, position = EXCLUDED.position`,
      params: [cartId, JSON.stringify(changed)],
    })
  }
  return { statements, positions }
}
