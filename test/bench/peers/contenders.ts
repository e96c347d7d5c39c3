/**
 * The carts the peer benchmark compares, each used the way its documentation shows a
 * storefront using it, each against a fake of its shop API behind the same simulated network.
 */
import { createRequire } from 'node:module'
import { type Cart, createCart } from '@tote/core'
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
  stepperClicks,
} from './js-sdk-clicks.ts'
import { type SimulatedNetwork, startNetwork } from './network.ts'

/**
 * What the shopper does: `add` clicks "Add to cart" ten times on an empty cart; `step` clicks
 * the "+" of a line already in the cart at quantity 1 ten times.
 */
export type Scenario = 'add' | 'step'

/** The scenarios, as the table names them, and the quantity every click asks for. */
export const scenarios: Record<Scenario, { name: string; wanted: number }> = {
  add: { name: `${CLICKS} "Add to cart" clicks on an empty cart`, wanted: CLICKS },
  step: { name: `${CLICKS} "+" clicks on a line at quantity 1`, wanted: CLICKS + 1 },
}

/** What one run of the ten clicks came to. */
export interface Outcome {
  /** Requests that reached the simulated network during the clicks (not the setup). */
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
  /** What happens before the clock starts: for `step`, the line goes in at quantity 1. */
  start(): Promise<void>
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
  /** The click handler of each scenario, in a few words; `null`: not run. */
  patterns: Record<Scenario, string | null>
  /** Starts the fake API and a session behind `network(target)`. */
  open(network: (target: string) => Promise<SimulatedNetwork>, scenario: Scenario): Promise<Session>
}

// The js-sdk through Node's own loader (its CommonJS build), not the test runner's transform.
const { default: Medusa } = createRequire(import.meta.url)('@medusajs/js-sdk') as {
  default: new (config: { baseUrl: string; publishableKey: string }) => MedusaSdk
}

/** How long the network must stay idle after the client is done before the run ends. */
const QUIET_MS = 400

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

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

/** Tote's side of a session: "Add to cart" is `cart.add`, "+" sets the shown quantity + 1. */
function toteSession(cart: Cart, merchandiseId: string, scenario: Scenario) {
  const add = () => void cart.add({ merchandiseId })
  return {
    async start() {
      if (scenario === 'add') return
      add()
      await cart.settled()
    },
    click() {
      if (scenario === 'add') return add()
      const line = cart.$cart.get().lines.find((item) => item.merchandiseId === merchandiseId)
      if (!line) throw new Error('the line is not in the cart')
      cart.setQuantity(line.key, line.quantity + 1)
    },
    done: () => cart.settled(),
    shown: () => cart.$count.get(),
  }
}

const totePatterns = {
  add: 'cart.add({ merchandiseId }) per click',
  step: 'cart.setQuantity(line.key, line.quantity + 1) per click, line as shown',
}

const toteShopify: Contender = {
  name: 'Tote + @tote/adapter-shopify',
  api: 'Shopify Storefront API',
  patterns: totePatterns,
  async open(network, scenario) {
    const { fake, serverQuantity } = await storefrontFake()
    const net = await network(fake.origin)
    const cart = createCart({
      adapter: createShopifyAdapter({ storeDomain: net.origin, publicAccessToken: fake.token }),
      env: createBrowser().tab().env,
    })
    return {
      ...toteSession(cart, GIFT, scenario),
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
  patterns: {
    add: '<AddToCartButton> in <ProductProvider>, clicked',
    step: '<CartLineQuantityAdjustButton adjust="increase"> in <CartLineProvider>, clicked',
  },
  async open(network, scenario) {
    const { fake, serverQuantity } = await storefrontFake()
    const net = await network(fake.origin)
    const shop = await openHydrogenShop({
      storeDomain: net.origin,
      storefrontToken: fake.token,
      variantId: GIFT,
    })
    return {
      async start() {
        if (scenario === 'add') return
        shop.click()
        await sleep(20)
        await shop.idle()
      },
      click: () => (scenario === 'add' ? shop.click() : shop.plus()),
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
  patterns: totePatterns,
  async open(network, scenario) {
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
      ...toteSession(cart, MEDUSA_NOTEBOOK.id, scenario),
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

type Target = { regionId: string; variantId: string }

function medusaJsSdk(
  name: string,
  patterns: Record<Scenario, string | null>,
  add: (sdk: MedusaSdk, target: Target) => ClickHandler,
): Contender {
  return {
    name,
    api: 'Medusa Store API',
    patterns,
    async open(network, scenario) {
      const fake = await startFakeMedusa()
      const net = await network(fake.origin)
      const sdk = new Medusa({ baseUrl: net.origin, publishableKey: fake.publishableKey })
      const target = { regionId: fake.regionId, variantId: MEDUSA_NOTEBOOK.id }
      const stepper = stepperClicks(sdk, target)
      const clicks: ClickHandler = scenario === 'add' ? add(sdk, target) : stepper
      let result: Awaited<ReturnType<ClickHandler['finish']>> | null = null
      return {
        start: () => (scenario === 'add' ? Promise.resolve() : stepper.start()),
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

type SwellCart = { items?: Array<{ id: string; product_id: string; quantity: number }> } | null

const swellJs: Contender = {
  name: 'swell-js cart',
  api: 'Swell frontend API',
  patterns: {
    add: 'swell.cart.addItem({ product_id, quantity: 1 }) per click',
    step: 'swell.cart.updateItem(item.id, { quantity: item.quantity + 1 }) per click, item as shown',
  },
  async open(network, scenario) {
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
    // The cart as the latest answer shows it: what the page renders.
    let latest: SwellCart = null
    const show = (cart: unknown) => {
      if ((cart as SwellCart)?.items) latest = cart as SwellCart
    }
    const line = () => latest?.items?.find((item) => item.product_id === SWELL_TOTE.id)
    const add = () => client.cart.addItem({ product_id: SWELL_TOTE.id, quantity: 1 }).then(show)
    return {
      async start() {
        if (scenario === 'step') await add()
      },
      click() {
        if (scenario === 'add') {
          clicks.push(add())
          return
        }
        const item = line()
        if (!item) throw new Error('the line is not in the cart')
        clicks.push(client.cart.updateItem(item.id, { quantity: item.quantity + 1 }).then(show))
      },
      async done() {
        await Promise.allSettled(clicks)
      },
      shown: () => line()?.quantity ?? 0,
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
    {
      add: 'create, then createLineItem per click, sent at once',
      step: 'updateLineItem(cart.id, item.id, { quantity: item.quantity + 1 }) per click, item as shown, sent at once',
    },
    oneRequestPerClick,
  ),
  medusaJsSdk(
    '@medusajs/js-sdk, in turn',
    { add: 'create, then createLineItem per click, each after the last answer', step: null },
    oneRequestPerClickInTurn,
  ),
  swellJs,
]

/**
 * Runs the ten clicks of `scenario` with `timing` for `contender`: starts its fake API behind a
 * simulated network, sets the cart up, clicks, waits until the client is done and the network
 * has been quiet for a while, and reads the quantities. `null` when the contender has no
 * pattern for the scenario.
 */
export async function runClicks(
  contender: Contender,
  timing: Timing,
  scenario: Scenario,
): Promise<Outcome | null> {
  if (contender.patterns[scenario] === null) return null
  const gaps = seeded(7)
  let network: SimulatedNetwork | undefined
  const session = await contender.open(async (target) => {
    network = await startNetwork({ target, timing, random: seeded(42) })
    return network
  }, scenario)
  const net = network as SimulatedNetwork
  try {
    await session.start()
    await net.quiet(50)
    net.reset()
    const started = performance.now()
    let lastClick = started
    for (let click = 0; click < CLICKS; click++) {
      lastClick = performance.now()
      session.click()
      if (click === CLICKS - 1) break
      const gap = gapAfterClick(timing, gaps)
      if (gap > 0) await sleep(gap)
    }
    await session.done()
    await net.quiet(QUIET_MS)
    const lastAnswer = net.lastAnswerAt ?? started
    return {
      requests: net.exchanges.length,
      server: session.server(),
      shown: session.shown(),
      settleMs: Math.max(0, Math.round(lastAnswer - started)),
      afterLastClickMs: Math.max(0, Math.round(lastAnswer - lastClick)),
      errors: net.exchanges.filter((exchange) => exchange.status >= 400).length,
    }
  } finally {
    await session.close()
  }
}
