import { type Html, html } from './html.ts'

/** One bar of a chart. */
export interface ChartBar {
  /** Shown under the bar (every few bars when there are many). */
  label: string
  value: number
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /** The chart's accessible name, such as "Emails sent per day". */
  title: string
  bars: readonly ChartBar[]
  /** Writes a value for the axis and the tooltips. @default String */
  format?: (value: number) => string
  /** The bars' colour (a CSS colour the page chose, never data). */
  colour: string
  /** Show every n-th label. @default 1 */
  labelEvery?: number
  /** The smallest axis maximum, so a few cents do not fill the chart. @default 1 */
  minimumTop?: number
}

const WIDTH = 400
const HEIGHT = 220
const LEFT = 58
const BOTTOM = 28
const TOP = 12

/** A round axis maximum at or above `max`: 1, 2, 5 × 10ⁿ. */
export function niceMax(max: number): number {
  if (max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power
  return 10 * power
}

/**
 * An inline SVG bar chart, every text escaped: the axis with four gridlines, one bar per
 * bucket with its value as a tooltip, labels under the bars.
 *
 * @example
 * barChart({ title: 'Emails sent per day', bars, colour: '#2f6f5e' })
 */
export function barChart(options: BarChartOptions): Html {
  const format = options.format ?? String
  const { bars } = options
  const top = niceMax(Math.max(options.minimumTop ?? 1, ...bars.map((bar) => bar.value)))
  const plotWidth = WIDTH - LEFT - 8
  const plotHeight = HEIGHT - TOP - BOTTOM
  const slot = plotWidth / Math.max(1, bars.length)
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight
  const grid = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const value = top * share
    // Gridlines between two whole values (counts, cents) have no label.
    const label = Number.isInteger(value) ? format(value) : ''
    return html`<g class="grid"><line x1="${LEFT}" x2="${WIDTH - 8}" y1="${y(value)}" y2="${y(value)}"></line><text x="${LEFT - 6}" y="${y(value) + 4}" text-anchor="end">${label}</text></g>`
  })
  const every = options.labelEvery ?? 1
  const columns = bars.map((bar, i) => {
    const x = LEFT + i * slot
    const height = Math.max(0, TOP + plotHeight - y(bar.value))
    const label = i % every === 0 ? bar.label : ''
    return html`<g class="bar"><title>${bar.label}: ${format(bar.value)}</title><rect x="${x + slot * 0.15}" y="${y(bar.value)}" width="${slot * 0.7}" height="${height}" fill="${options.colour}" rx="2"></rect><text x="${x + slot / 2}" y="${HEIGHT - 10}" text-anchor="middle">${label}</text></g>`
  })
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${options.title}" xmlns="http://www.w3.org/2000/svg">${grid}${columns}</svg>`
}
