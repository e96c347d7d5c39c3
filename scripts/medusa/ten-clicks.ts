/**
 * Ten "+" clicks, 30 ms apart, against a real Medusa: once the way a storefront built on
 * `@medusajs/js-sdk` sends them (one request per click: the first creates the cart with the
 * item, each other one adds a unit), once through Tote's engine over `@tote/adapter-medusa`.
 * Prints the Store API requests each sent, the failures and the quantity Medusa ends with.
 *
 *   scripts/with-postgres.sh pnpm bench:medusa   # or with TOTE_TEST_DATABASE_URL set
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { createMedusaAdapter } from '../../packages/adapter-medusa/src/index.ts'
import { createCart } from '../../packages/core/src/index.ts'
import {
  type ClickHandler,
  type MedusaSdk,
  oneRequestPerClick,
  oneRequestPerClickInTurn,
} from '../../test/bench/peers/js-sdk-clicks.ts'
import { CLICKS } from '../../test/bench/scenarios.ts'
import { createBrowser } from '../../test/support/env.ts'
import {
  MEDUSA_SKIP_REASON,
  MEDUSA_VERSION,
  type MedusaServer,
  startMedusa,
} from '../../test/support/medusa.ts'
import { MEDUSA_DIR } from './setup.mjs'

const GAP_MS = 30

interface Outcome {
  requests: number
  failed: number
  quantity: number
  ms: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Why js-sdk clicks failed, as Medusa answered. */
const reasons = new Set<string>()

/** Counts the requests to Medusa's Store API that `run` makes through `globalThis.fetch`. */
async function counting(
  medusa: MedusaServer,
  run: (count: () => number) => Promise<{ cartId: string; failed: number }>,
): Promise<Outcome> {
  const original = globalThis.fetch
  let requests = 0
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url.startsWith(`${medusa.url}/store/`)) requests++
    return original(input, init)
  }
  const started = performance.now()
  try {
    const { cartId, failed } = await run(() => requests)
    const ms = Math.round(performance.now() - started)
    globalThis.fetch = original
    const cart = await medusa.cart(cartId)
    const quantity = (cart?.items ?? []).reduce((sum, item) => sum + item.quantity, 0)
    return { requests, failed, quantity, ms }
  } finally {
    globalThis.fetch = original
  }
}

/** `@medusajs/js-sdk` from the Medusa install, pointed at this server. */
function jsSdk(medusa: MedusaServer): MedusaSdk {
  const { default: Medusa } = createRequire(join(MEDUSA_DIR, 'package.json'))(
    '@medusajs/js-sdk',
  ) as { default: new (config: unknown) => MedusaSdk }
  return new Medusa({ baseUrl: medusa.url, publishableKey: medusa.publishableKey })
}

/** Ten clicks through a js-sdk click handler, `GAP_MS` apart. */
function withJsSdkHandler(medusa: MedusaServer, handler: ClickHandler) {
  return counting(medusa, async () => {
    for (let click = 0; click < CLICKS; click++) {
      handler.click()
      await sleep(GAP_MS)
    }
    const { cartId, failed, reasons: why } = await handler.finish()
    for (const reason of why) reasons.add(reason)
    return { cartId, failed }
  })
}

const target = (medusa: MedusaServer, variantId: string) => ({
  regionId: medusa.regionId,
  variantId,
})

/** One request per click, as a js-sdk storefront's click handler sends them. */
const withJsSdk = (medusa: MedusaServer, variantId: string) =>
  withJsSdkHandler(medusa, oneRequestPerClick(jsSdk(medusa), target(medusa, variantId)))

/** One request per click again, each sent once the one before answered. */
const withJsSdkInTurn = (medusa: MedusaServer, variantId: string) =>
  withJsSdkHandler(medusa, oneRequestPerClickInTurn(jsSdk(medusa), target(medusa, variantId)))

/** The same clicks through Tote's engine over the Medusa adapter. */
function withTote(medusa: MedusaServer, variantId: string) {
  return counting(medusa, async () => {
    const cart = createCart({
      adapter: createMedusaAdapter({
        baseUrl: medusa.url,
        publishableKey: medusa.publishableKey,
        regionId: medusa.regionId,
      }),
      env: createBrowser().tab().env,
    })
    let failed = 0
    const off = cart.$notices.subscribe((notices) => {
      failed = notices.filter((notice) => notice.code === 'sync_failed').length
    })
    for (let click = 0; click < CLICKS; click++) {
      cart.add({ merchandiseId: variantId })
      await sleep(GAP_MS)
    }
    await cart.settled()
    const cartId = cart.$cart.get().id as string
    off()
    cart.destroy()
    return { cartId, failed }
  })
}

async function main() {
  if (MEDUSA_SKIP_REASON !== null) {
    console.error(`Cannot run: ${MEDUSA_SKIP_REASON}`)
    console.error(
      'Try: node scripts/medusa/setup.mjs && scripts/with-postgres.sh pnpm bench:medusa',
    )
    process.exit(1)
  }
  console.log(`Starting Medusa ${MEDUSA_VERSION} on 127.0.0.1…`)
  const medusa = await startMedusa()
  try {
    const variant = medusa.variants.notebook
    // One warm-up cart, so neither side pays for Medusa's first requests.
    await withTote(medusa, medusa.variants.stickers)
    const rows = [
      ['@medusajs/js-sdk, one request per click', await withJsSdk(medusa, variant)],
      ['@medusajs/js-sdk, one request per click, in turn', await withJsSdkInTurn(medusa, variant)],
      ['Tote engine + @tote/adapter-medusa', await withTote(medusa, variant)],
    ] as const
    console.log(
      `\nTen clicks ${GAP_MS} ms apart on one variant, against Medusa ${MEDUSA_VERSION}:\n`,
    )
    console.log('| client | Store API requests | failed | final quantity | time |')
    console.log('| --- | --- | --- | --- | --- |')
    for (const [name, outcome] of rows) {
      console.log(
        `| ${name} | ${outcome.requests} | ${outcome.failed} | ${outcome.quantity} | ${outcome.ms} ms |`,
      )
    }
    if (reasons.size > 0) console.log(`\njs-sdk failures: ${[...reasons].join('; ')}`)
  } finally {
    await medusa.stop()
  }
}

await main()
