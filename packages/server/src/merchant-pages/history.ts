import type { Queryable } from '../storage/index.ts'

/** The span a chart covers: the last 24 hours by hour, or the last 14 days by day (UTC). */
export type HistoryPeriod = 'hours' | 'days'

/** One bucket of the abandoned-cart history. */
export interface HistoryBucket {
  /** The bucket's start (ms since epoch). */
  start: number
  /** Recovery emails sent in it. */
  emailsSent: number
  /** Orders placed from a recovered cart in it. */
  recovered: number
  /** Their value, in minor units of the shop's currency. */
  recoveredValue: number
}

const HOUR = 60 * 60_000
const DAY = 24 * HOUR

/** The buckets of a period ending at `now`: 24 hours, or 14 UTC days ending today. */
export function historyBuckets(period: HistoryPeriod, now: number): number[] {
  const size = period === 'hours' ? HOUR : DAY
  const count = period === 'hours' ? 24 : 14
  const last = Math.floor(now / size) * size
  return Array.from({ length: count }, (_, i) => last - (count - 1 - i) * size)
}

/**
 * Emails sent, carts recovered and their value per hour or day (docs/domain.md R10), the
 * series behind the merchant's statistics chart. Times are the server clock's.
 */
export async function abandonmentHistory(
  db: Queryable,
  shopId: string,
  period: HistoryPeriod,
  now: number,
): Promise<HistoryBucket[]> {
  const starts = historyBuckets(period, now)
  const size = period === 'hours' ? HOUR : DAY
  const from = starts[0]!
  const to = starts[starts.length - 1]! + size
  const range = [shopId, from, size, new Date(from).toISOString(), new Date(to).toISOString()]
  const bucket = (column: string) =>
    `floor((extract(epoch FROM ${column}) * 1000 - $2::float8) / $3::float8)::int`
  const sent = await db.query<{ bucket: number; count: number }>(
    `SELECT ${bucket('sent_at')} AS bucket, count(*)::int AS count
       FROM abandonment_emails
      WHERE shop_id = $1 AND status = 'sent' AND sent_at >= $4 AND sent_at < $5
      GROUP BY 1`,
    range,
  )
  const recovered = await db.query<{ bucket: number; count: number; value: number }>(
    `SELECT ${bucket('created_at')} AS bucket, count(*)::int AS count, sum(total)::float8 AS value
       FROM orders
      WHERE shop_id = $1 AND recovered AND created_at >= $4 AND created_at < $5
      GROUP BY 1`,
    range,
  )
  const buckets = starts.map((start) => ({ start, emailsSent: 0, recovered: 0, recoveredValue: 0 }))
  for (const row of sent.rows) {
    const target = buckets[Number(row.bucket)]
    if (target) target.emailsSent = Number(row.count)
  }
  for (const row of recovered.rows) {
    const target = buckets[Number(row.bucket)]
    if (target) {
      target.recovered = Number(row.count)
      target.recoveredValue = Number(row.value)
    }
  }
  return buckets
}
