/**
 * Ten clicks on one line for Tote and for the carts a storefront would pick instead
 * (hydrogen-react, Medusa's js-sdk, swell-js), each against a fake of its shop API behind the
 * same simulated network on 127.0.0.1; then the bundle size of each cart import. Real time:
 * the figures move a little from run to run. docs/benchmarks.md explains the method.
 *
 *   pnpm bench:peers
 */
import { timings } from '../scenarios.ts'
import { contenders, runClicks, type Scenario, scenarios } from './contenders.ts'
import { bundleSize, sizedImports } from './sizes.ts'

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`

for (const scenario of Object.keys(scenarios) as Scenario[]) {
  const { name, wanted } = scenarios[scenario]
  console.log(`\n${name} (every click counted: quantity ${wanted}):\n`)
  console.log(
    '| timing | cart | API | requests | error answers | server quantity | shown quantity | settled after | after the last click |',
  )
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
  for (const timing of timings) {
    for (const contender of contenders) {
      const cells = await runClicks(contender, timing, scenario).then(
        (outcome) =>
          outcome && [
            outcome.requests,
            outcome.errors,
            outcome.server,
            outcome.shown,
            `${outcome.settleMs} ms`,
            `${outcome.afterLastClickMs} ms`,
          ],
        (error: unknown) => [`failed: ${String(error)}`, '', '', '', '', ''],
      )
      if (cells) {
        console.log(
          `| ${timing.name} | ${contender.name} | ${contender.api} | ${cells.join(' | ')} |`,
        )
      }
    }
  }
}

console.log(
  '\nBundle size of each cart import (esbuild --bundle --minify --format=esm, gzip -9):\n',
)
console.log('| import | minified | min+gzip |')
console.log('| --- | --- | --- |')
for (const entry of sizedImports) {
  const size = bundleSize(entry)
  console.log(`| ${entry.name} | ${kB(size.minified)} | ${kB(size.gzip)} |`)
}
// Keep-alive sockets of the clients' fetch would hold the process open for a few seconds.
process.exit(0)
