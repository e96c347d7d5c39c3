/**
 * The carts the peer benchmark compares, each used the way its documentation shows a
 * storefront using it, each against a fake of its shop API behind the same simulated network.
 */
import { createRequire } from 'node:module'
import { createCart } from '@tote/core'
import { createMemoryBackend } from '@tote/testing'
import swell from 'swell-js'
import { createMedusaAdapter } from '../../../packages/adapter-medusa/src/index.ts'
import { createShopifyAdapter } from '../../../packages/adapter-shopify/src/index.ts'
import { startFakeStorefront } from '../../../packages/adapter-shopify/src/test/fake-storefront.ts'
import { catalogue, GIFT } from '../../../packages/adapter-shopify/src/test/fixtures.ts'
import { createBrowser } from '../../support/env.ts'
import { CLICKS, gapAfterClick, seeded, type Timing } from '../scenarios.ts'
import { MEDUSA_NOTEBOOK, startFakeMedusa } from './fake-medusa.ts'
import { SWELL_TOTE, startFakeSwell } from './fake-swell.ts'
import { openHydrogenShop } from './hydrogen.ts'
import {
  type ClickHandler,
  type MedusaSdk,
  oneRequestPerClick,
  oneRequestPerClickInTurn,
} from './js-sdk-clicks.ts'
import { type SimulatedNetwork, startNetwork } from './network.ts'

/** What one run of the ten clicks came to. */
export interface Outcome {
  /** Requests that reached the simulated network. */
  requests: number
  /** The quantity the shop API holds once everything settled. */
  server: number
  /** The quantity the storefront shows then. */
  shown: number
  /** From the first click to the last answer, in ms. */
  settleMs: number
  /** From the last click to the last answer, in ms (0 when nothing answered after it). */
  afterLastClickMs: number
  /** Requests answered with an error status. */
  errors: number
}

/** One storefront session of a contender, through the simulated network. */
interface Session {
  click(): void
  /** Resolves when the client says it is done (its own notion: settled, answered…). */
  done(): Promise<void>
  shown(): number
  server(): number
  close(): Promise<void>
}

/** A cart library as a storefront uses it, with the fake API it talks to. */
export interface Contender {
  /** The library, as the table names it. */
  name: string
  /** The API it talks to. */
  api: 'Shopify Storefront API' | 'Medusa Store API' | 'Swell frontend API'
  /** The click handler, in a few words (docs/benchmarks.md says more). */
  pattern: string
  /** Starts the fake API and a session behind `network(target)`. */
  open(network: (target: string) => Promise<SimulatedNetwork>): Promise<Session>
}

// The js-sdk through Node's own loader (its CommonJS build), not the test runner's transform.
const { default: Medusa } = createRequire(import.meta.url)('@medusajs/js-sdk') as {
  default: new (config: { baseUrl: string; publishableKey: string }) => MedusaSdk
}

/** How long the network must stay idle after the client is done before the run ends. */
const QUIET_MS = 400

async function storefrontFake() {
  const backend = createMemoryBackend({ catalogue: catalogue() })
  const fake = await startFakeStorefront({ backend })
  const backendId = (gid: string) =>
    gid.replace(/^gid:\/\/shopify\/Cart\//, '').replace(/\?.*$/, '')
  const serverQuantity = (gid: string | null | undefined) =>
    gid
      ? (backend
          .getCart(backendId(gid))
          ?.lines.filter((line) => line.merchandise.id === GIFT)
          .reduce((sum, line) => sum + line.quantity, 0) ?? 0)
      : 0
  return { fake, serverQuantity }
}

const toteShopify: Contender = {
  name: 'Tote + @tote/adapter-shopify',
  api: 'Shopify Storefront API',
  pattern: 'cart.add({ merchandiseId }) per click',
  async open(network) {
    const { fake, serverQuantity } = await storefrontFake()
    const net = await network(fake.origin)
    const cart = createCart({
      adapter: createShopifyAdapter({ storeDomain: net.origin, publicAccessToken: fake.token }),
      env: createBrowser().tab().env,
    })
    return {
      click: () => void cart.add({ merchandiseId: GIFT }),
      done: () => cart.settled(),
      shown: () => cart.$count.get(),
      server: () => serverQuantity(cart.$cart.get().id),
      async close() {
        cart.destroy()
        await net.close()
        await fake.close()
      },
    }
  },
}

const hydrogen: Contender = {
  name: '@shopify/hydrogen-react CartProvider',
  api: 'Shopify Storefront API',
  pattern: '<AddToCartButton> in <ProductProvider>, clicked',
  async open(network) {
    const { fake, serverQuantity } = await storefrontFake()
    const net = await network(fake.origin)
    const shop = await openHydrogenShop({
      storeDomain: net.origin,
      storefrontToken: fake.token,
      variantId: GIFT,
    })
    return {
      click: () => shop.click(),
      done: () => shop.idle(),
      shown: () => shop.shown(),
      server: () => serverQuantity(shop.cartId()),
      async close() {
        shop.unmount()
        await net.close()
        await fake.close()
      },
    }
  },
}

const toteMedusa: Contender = {
  name: 'Tote + @tote/adapter-medusa',
  api: 'Medusa Store API',
  pattern: 'cart.add({ merchandiseId }) per click',
  async open(network) {
    const fake = await startFakeMedusa()
    const net = await network(fake.origin)
    const cart = createCart({
      adapter: createMedusaAdapter({
        baseUrl: net.origin,
        publishableKey: fake.publishableKey,
        regionId: fake.regionId,
      }),
      env: createBrowser().tab().env,
    })
    return {
      click: () => void cart.add({ merchandiseId: MEDUSA_NOTEBOOK.id }),
      done: () => cart.settled(),
      shown: () => cart.$count.get(),
      server: () => {
        const id = cart.$cart.get().id
        return id ? fake.quantity(id, MEDUSA_NOTEBOOK.id) : 0
      },
      async close() {
        cart.destroy()
        await net.close()
        await fake.close()
      },
    }
  },
}

function medusaJsSdk(
  name: string,
  pattern: string,
  handler: (sdk: MedusaSdk, target: { regionId: string; variantId: string }) => ClickHandler,
): Contender {
  return {
    name,
    api: 'Medusa Store API',
    pattern,
    async open(network) {
      const fake = await startFakeMedusa()
      const net = await network(fake.origin)
      const sdk = new Medusa({ baseUrl: net.origin, publishableKey: fake.publishableKey })
      const clicks = handler(sdk, {
        regionId: fake.regionId,
        variantId: MEDUSA_NOTEBOOK.id,
      })
      let result: Awaited<ReturnType<ClickHandler['finish']>> | null = null
      return {
        click: () => clicks.click(),
        async done() {
          result = await clicks.finish()
        },
        shown: () => result?.shown ?? 0,
        server: () => (result ? fake.quantity(result.cartId, MEDUSA_NOTEBOOK.id) : 0),
        async close() {
          await net.close()
          await fake.close()
        },
      }
    },
  }
}

const swellJs: Contender = {
  name: 'swell-js cart',
  api: 'Swell frontend API',
  pattern: 'swell.cart.addItem({ product_id, quantity: 1 }) per click',
  async open(network) {
    const fake = await startFakeSwell()
    const net = await network(fake.origin)
    // The browser's cookie jar: swell-js keeps the session in the `swell-session` cookie.
    const cookies = new Map<string, string>()
    const client = swell.create(fake.store, fake.publicKey, {
      url: net.origin,
      getCookie: (name: string) => cookies.get(name),
      setCookie: (name: string, value: string) => void cookies.set(name, value),
    })
    const clicks: Promise<unknown>[] = []
    let shown = 0
    const show = (cart: unknown) => {
      const items = (cart as { items?: Array<{ product_id: string; quantity: number }> } | null)
        ?.items
      if (items) {
        shown = items
          .filter((item) => item.product_id === SWELL_TOTE.id)
          .reduce((sum, item) => sum + item.quantity, 0)
      }
    }
    return {
      click: () => {
        clicks.push(client.cart.addItem({ product_id: SWELL_TOTE.id, quantity: 1 }).then(show))
      },
      async done() {
        await Promise.allSettled(clicks)
      },
      shown: () => shown,
      server: () => fake.quantity(SWELL_TOTE.id),
      async close() {
        await net.close()
        await fake.close()
      },
    }
  },
}

/** Every contender, in the order of the table. */
export const contenders: Contender[] = [
  toteShopify,
  hydrogen,
  toteMedusa,
  medusaJsSdk(
    '@medusajs/js-sdk',
    'create, then createLineItem per click, sent at once',
    oneRequestPerClick,
  ),
  medusaJsSdk(
    '@medusajs/js-sdk, in turn',
    'create, then createLineItem per click, each after the last answer',
    oneRequestPerClickInTurn,
  ),
  swellJs,
]

/**
 * Runs the ten clicks of `timing` for `contender`: starts its fake API behind a simulated
 * network, clicks, waits until the client is done and the network has been quiet for a while,
 * and reads the quantities.
 */
export async function runClicks(contender: Contender, timing: Timing): Promise<Outcome> {
  const gaps = seeded(7)
  let network: SimulatedNetwork | undefined
  const session = await contender.open(async (target) => {
    network = await startNetwork({ target, timing, random: seeded(42) })
    return network
  })
  const net = network as SimulatedNetwork
  try {
    const started = performance.now()
    let lastClick = started
    for (let click = 0; click < CLICKS; click++) {
      lastClick = performance.now()
      session.click()
      if (click === CLICKS - 1) break
      const gap = gapAfterClick(timing, gaps)
      if (gap > 0) await new Promise((resolve) => setTimeout(resolve, gap))
    }
    await session.done()
    await net.quiet(QUIET_MS)
    const lastAnswer = net.lastAnswerAt ?? started
    return {
      requests: net.exchanges.length,
      server: session.server(),
      shown: session.shown(),
      settleMs: Math.round(lastAnswer - started),
      afterLastClickMs: Math.max(0, Math.round(lastAnswer - lastClick)),
      errors: net.exchanges.filter((exchange) => exchange.status >= 400).length,
    }
  } finally {
    await session.close()
  }
}
