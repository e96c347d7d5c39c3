// `pnpm demo`: the demo shop on @tote/server, with its merchant pages and development tools,
// until Ctrl+C. `pnpm demo --once` (or CI set) runs the abandoned-cart journey in the
// terminal instead, and exits.
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { runJourney } from './journey.ts'
import { type RunningShop, startShop } from './shop.ts'

const { values } = parseArgs({
  // `pnpm demo -- --port 9000` passes the `--` along.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    once: { type: 'boolean' },
    port: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log(`pnpm demo [--port 8787]   the demo shop, until Ctrl+C
pnpm demo --once          the abandoned-cart journey in the terminal, then exit`)
  process.exit(0)
}

const port = values.port === undefined ? 8787 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number, got ${values.port}`)
  process.exit(1)
}

/** Prints where everything is, and how to get from a capture to a recovered cart quickly. */
function welcome(shop: RunningShop, delayMinutes: number): void {
  const { url } = shop
  const lines = [
    '',
    `${shop.server.shop.name}, a demo shop on Tote, is open.`,
    ...(shop.portTaken ? [`(Port ${shop.portTaken} is taken: the shop uses ${url} instead.)`] : []),
    '',
    `  Shop              ${url}/`,
    `  Merchant pages    ${shop.merchantLoginUrl}`,
    `                    (this link signs you in; the token is made for this run, for development only)`,
    `  Outbox and clock  ${url}/merchant/dev`,
    `  Theme example     ${url}/theme/  (examples/theme: the <tote-*> elements, on the same cart)`,
    '',
    'From an abandoned cart to a recovered one in two minutes:',
    '  1. In the shop, add something to the cart and give an email in the cart drawer.',
    '  2. Optional: on "Products and stock", sell it out or change its price.',
    `  3. On "Outbox and clock", press "+ ${delayMinutes} minutes": the server's clock jumps`,
    `     past the delay (${delayMinutes} minutes) and the recovery email lands in the outbox.`,
    '     Or type f and Enter here.',
    '  4. Open its link: your cart is back, with a notice for whatever changed.',
    '',
    `Recovery emails are on; data is in ${shop.dataDir} (removed on exit). Ctrl+C stops the shop.`,
  ]
  for (const line of lines) console.log(line)
}

async function serve(): Promise<void> {
  console.log('Starting the demo shop (@tote/server on embedded PostgreSQL, PGlite)…')
  const shop = await startShop({ port })
  const { delayMinutes } = await shop.server.merchant.settings()
  welcome(shop, delayMinutes)

  // Typing f (and Enter) does what the development page's button does.
  const input = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null
  input?.on('line', (line) => {
    if (line.trim().toLowerCase() !== 'f') return
    shop.server.fastForward(delayMinutes * 60_000).then(
      ({ now, sweep }) =>
        console.log(
          `The server's clock moved ${delayMinutes} minutes ahead (${now}); ${sweep.sent.length} email(s) sent: ${shop.url}/merchant/dev`,
        ),
      (error: unknown) => console.error('fast-forward failed:', error),
    )
  })

  let stopping = false
  const quit = () => {
    if (stopping) return
    stopping = true
    input?.close()
    shop.stop().finally(() => process.exit(0))
  }
  process.once('SIGINT', quit)
  process.once('SIGTERM', quit)
}

const once = values.once || Boolean(process.env.CI)
const run = once ? runJourney({ port }).then(() => {}) : serve()
run.catch((error: unknown) => {
  console.error('The demo failed:', error instanceof Error ? error.message : error)
  process.exit(1)
})
