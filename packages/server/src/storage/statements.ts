/** One SQL statement with its positional parameters (`$1`, `$2`, ...). */
export interface Statement {
  sql: string
  params: readonly unknown[]
}

/**
 * Joins writes into one statement, so a transaction's writes cost one round trip: each
 * becomes a data-modifying `WITH` query (PostgreSQL runs every one of them, to completion,
 * whether or not anything reads it) with its parameters renumbered after the previous
 * ones'. The writes see the same snapshot and must not change the same row twice. Their
 * SQL must not hold `$` except in placeholders.
 *
 * @example
 * combineStatements([
 *   { sql: 'DELETE FROM cart_lines WHERE cart_id = $1', params: [cartId] },
 *   { sql: 'UPDATE carts SET version = version + 1 WHERE id = $1', params: [cartId] },
 * ])
 * // WITH w0 AS (DELETE ... $1), w1 AS (UPDATE ... $2) SELECT 1, with [cartId, cartId]
 */
export function combineStatements(statements: readonly Statement[]): Statement | null {
  if (statements.length === 0) return null
  if (statements.length === 1) return statements[0]!
  const params: unknown[] = []
  const parts = statements.map((statement, index) => {
    const offset = params.length
    params.push(...statement.params)
    const sql = statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)
    return `w${index} AS (${sql})`
  })
  return { sql: `WITH ${parts.join(', ')} SELECT 1`, params }
}
