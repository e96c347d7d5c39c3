import { describe, expect, it } from 'vitest'
import { barChart, niceMax } from './chart.ts'
import { historyBuckets } from './history.ts'

describe('niceMax', () => {
  it('rounds an axis up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 7, 12, 180, 2466].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 5000])
  })
})

describe('barChart', () => {
  it('draws one bar per bucket, scaled to the axis, with its value as a tooltip', () => {
    const svg = barChart({
      title: 'Emails <sent>',
      bars: [
        { label: 'Mon', value: 1 },
        { label: 'Tue', value: 2 },
      ],
      colour: '#2f6f5e',
    }).markup
    expect(svg.match(/<rect /g)).toHaveLength(2)
    expect(svg).toContain('aria-label="Emails &lt;sent&gt;"')
    expect(svg).toContain('<title>Tue: 2</title>')
    // The tallest bar fills the plot (height 180 of 220, with margins).
    expect(svg).toMatch(/<title>Tue: 2<\/title><rect [^>]*height="180"/)
  })
})

describe('historyBuckets', () => {
  it('ends with the bucket holding now: 14 UTC days, or 24 hours', () => {
    const now = Date.UTC(2026, 0, 5, 9, 30)
    const days = historyBuckets('days', now)
    expect(days).toHaveLength(14)
    expect(days.at(-1)).toBe(Date.UTC(2026, 0, 5))
    expect(days[0]).toBe(Date.UTC(2025, 11, 23))
    const hours = historyBuckets('hours', now)
    expect(hours).toHaveLength(24)
    expect(hours.at(-1)).toBe(Date.UTC(2026, 0, 5, 9))
  })
})
