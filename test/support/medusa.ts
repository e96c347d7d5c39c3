// A real Medusa server for Tote's tests: the pinned install in .cache/medusa
// (scripts/medusa/setup.mjs), on a fresh copy of the seeded template database, listening on a
// free port of 127.0.0.1. Admin and checkout helpers drive it the way a merchant and a
// shopper would: stock and prices through the Admin API, orders through the Store API.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { join } from 'node:path'
import {
  databaseUrl,
  installed,
  MEDUSA_DIR,
  MEDUSA_VERSION,
  prepareDatabase,
  templateName,
} from '../../scripts/medusa/setup.mjs'

export { MEDUSA_VERSION }

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)

/**
 * Why the Medusa tests cannot run here, or `null` when they can: they need PostgreSQL
 * (TOTE_TEST_DATABASE_URL, see scripts/with-postgres.sh), the install in .cache/medusa and
 * Node 20.19 or later. In CI (`CI` set), a missing install with PostgreSQL there is a failure,
 * not a skip: .ci/run installs Medusa.
 */
export const MEDUSA_SKIP_REASON: string | null = !process.env.TOTE_TEST_DATABASE_URL
  ? 'TOTE_TEST_DATABASE_URL is not set (PostgreSQL, see scripts/with-postgres.sh)'
  : !installed() && !process.env.CI
    ? `Medusa ${MEDUSA_VERSION} is not installed (node scripts/medusa/setup.mjs)`
    : major < 20 || (major === 20 && minor < 19)
      ? `Medusa ${MEDUSA_VERSION} needs Node 20.19 or later`
      : null

/** The test name of a Medusa suite: its title, or why it is skipped. */
export function medusaSuiteName(title: string): string {
  return MEDUSA_SKIP_REASON === null ? title : `${title} — skipped: ${MEDUSA_SKIP_REASON}`
}

/** The seeded catalogue (scripts/medusa/server/seed.js), by SKU. */
export const SEED = {
  toteNatural: { sku: 'TOTE-NATURAL', price: 24.9, stock: 100 },
  toteBlack: { sku: 'TOTE-BLACK', price: 24.9, stock: 100 },
  mug: { sku: 'MUG-SPECKLED', price: 12.5, stock: 2 },
  notebook: { sku: 'NOTEBOOK-A5', price: 9.95, stock: 50 },
  stickers: { sku: 'STICKERS', price: 3.99, stock: null },
} as const

/** A seeded variant. */
export type SeedVariant = keyof typeof SEED

/** What the tests learn of a variant at start. */
interface VariantInfo {
  id: string
  productId: string
  inventoryItemId: string | null
  priceId: string
}

/** A running Medusa server and the merchant's and shopper's tools to drive it. */
export interface MedusaServer {
  /** `http://127.0.0.1:PORT` */
  url: string
  publishableKey: string
  regionId: string
  /** Variant ids of the seeded catalogue. */
  variants: Record<SeedVariant, string>
  /** Sets the units a variant has left to sell (stock minus what orders reserved). */
  setStock(variantId: string, available: number): Promise<void>
  /** Sets a variant's EUR price, in major units. */
  setPrice(variantId: string, amount: number): Promise<void>
  /** Puts back the seeded stock and price of every variant changed so far. */
  restore(): Promise<void>
  /** Checks the cart out as a shopper: address, shipping, payment, then `complete`. */
  completeCart(cartId: string): Promise<void>
  /** The cart as Medusa has it (Store API), or `null`. */
  cart(cartId: string): Promise<{ items: { variant_id: string; quantity: number }[] } | null>
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

// biome-ignore lint/suspicious/noExplicitAny: the pg module of the Medusa install has no types here
type PgClient = any

function pgClient(connectionString: string): PgClient {
  const { Client } = createRequire(join(MEDUSA_DIR, 'package.json'))('pg')
  return new Client({ connectionString })
}

/** Copies the template database; PostgreSQL refuses while another copy reads it, so retry. */
async function cloneTemplate(base: string, template: string, name: string): Promise<void> {
  const client = pgClient(base)
  await client.connect()
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
        return
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error
        await new Promise((resolve) => setTimeout(resolve, 250 + Math.random() * 500))
      }
    }
  } finally {
    await client.end()
  }
}

async function dropDatabase(base: string, name: string): Promise<void> {
  const client = pgClient(base)
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await client.end()
  }
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Medusa exited with ${child.exitCode}:\n${log()}`)
    }
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`Medusa did not start within 120 s:\n${log()}`)
}

/**
 * Starts Medusa on a fresh copy of the seeded database (the template is built first if it is
 * missing). Takes 10–20 s; call it once per test file, in `beforeAll`.
 */
export async function startMedusa(): Promise<MedusaServer> {
  if (MEDUSA_SKIP_REASON !== null) throw new Error(MEDUSA_SKIP_REASON)
  if (!installed()) {
    throw new Error(`Medusa ${MEDUSA_VERSION} is not installed (node scripts/medusa/setup.mjs)`)
  }
  const base = process.env.TOTE_TEST_DATABASE_URL as string
  await prepareDatabase(base)
  const database = `tote_medusa_run_${randomBytes(4).toString('hex')}`
  await cloneTemplate(base, templateName(), database)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    [
      join(MEDUSA_DIR, 'node_modules/@medusajs/cli/cli.js'),
      'start',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: MEDUSA_DIR,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(base, database),
        NODE_ENV: 'production',
        MEDUSA_DISABLE_TELEMETRY: 'true',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // A test run that ends without stop() (a crash, an interrupt) does not leave Medusa running.
  const orphan = () => child.kill('SIGKILL')
  process.once('exit', orphan)
  const stop = async () => {
    process.off('exit', orphan)
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      const killed = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(killed)
    }
    await dropDatabase(base, database)
  }
  try {
    await waitUntilUp(url, child, () => output)
    return await serverTools(url, stop)
  } catch (error) {
    await stop()
    throw error
  }
}

async function serverTools(url: string, stop: () => Promise<void>): Promise<MedusaServer> {
  const json = async (path: string, init: RequestInit & { token?: string; key?: string } = {}) => {
    const headers = new Headers(init.headers)
    headers.set('content-type', 'application/json')
    if (init.token) headers.set('authorization', `Bearer ${init.token}`)
    if (init.key) headers.set('x-publishable-api-key', init.key)
    const response = await fetch(`${url}${path}`, { ...init, headers })
    const body = await response.json().catch(() => null)
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`)
    }
    return body
  }
  const { token } = await json('/auth/user/emailpass', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@tote.test', password: 'tote-medusa-admin' }),
  })
  const admin = (path: string, init: RequestInit = {}) => json(path, { ...init, token })
  const { api_keys: keys } = await admin('/admin/api-keys?type=publishable&fields=id,token,title')
  const publishableKey = keys.find((key: { title: string }) => key.title === 'Tote tests').token
  const { regions } = await admin('/admin/regions?fields=id,name')
  const regionId = regions.find((region: { name: string }) => region.name === 'Europe').id
  const { stock_locations: locations } = await admin('/admin/stock-locations?fields=id')
  const locationId = locations[0].id as string

  const info = new Map<string, VariantInfo>()
  const variants = {} as Record<SeedVariant, string>
  for (const [name, seeded] of Object.entries(SEED) as [
    SeedVariant,
    (typeof SEED)[SeedVariant],
  ][]) {
    const { variants: found } = await admin(
      `/admin/product-variants?sku=${seeded.sku}&fields=id,product_id,inventory_items.inventory_item_id,prices.id,prices.currency_code`,
    )
    const variant = found[0]
    variants[name] = variant.id
    info.set(variant.id, {
      id: variant.id,
      productId: variant.product_id,
      inventoryItemId: variant.inventory_items?.[0]?.inventory_item_id ?? null,
      priceId: variant.prices.find(
        (price: { currency_code: string }) => price.currency_code === 'eur',
      ).id,
    })
  }
  const seedOf = (variantId: string) =>
    SEED[(Object.keys(variants) as SeedVariant[]).find((name) => variants[name] === variantId)!]
  const changedStock = new Set<string>()
  const changedPrice = new Set<string>()

  const tools: MedusaServer = {
    url,
    publishableKey,
    regionId,
    variants,
    async setStock(variantId, available) {
      const item = info.get(variantId)?.inventoryItemId
      if (!item) throw new Error(`variant ${variantId} has no managed inventory`)
      const { inventory_levels: levels } = await admin(
        `/admin/inventory-items/${item}/location-levels?location_id=${locationId}`,
      )
      const reserved = Number(levels[0]?.reserved_quantity ?? 0)
      await admin(`/admin/inventory-items/${item}/location-levels/${locationId}`, {
        method: 'POST',
        body: JSON.stringify({ stocked_quantity: available + reserved }),
      })
      changedStock.add(variantId)
    },
    async setPrice(variantId, amount) {
      const variant = info.get(variantId)
      if (!variant) throw new Error(`unknown variant ${variantId}`)
      await admin(`/admin/products/${variant.productId}/variants/${variantId}`, {
        method: 'POST',
        body: JSON.stringify({ prices: [{ id: variant.priceId, currency_code: 'eur', amount }] }),
      })
      changedPrice.add(variantId)
    },
    async restore() {
      for (const variantId of changedStock) {
        await tools.setStock(variantId, seedOf(variantId).stock as number)
      }
      for (const variantId of changedPrice) await tools.setPrice(variantId, seedOf(variantId).price)
      changedStock.clear()
      changedPrice.clear()
    },
    async completeCart(cartId) {
      const store = (path: string, init: RequestInit = {}) =>
        json(path, { ...init, key: publishableKey })
      await store(`/store/carts/${cartId}`, {
        method: 'POST',
        body: JSON.stringify({
          email: 'shopper@example.com',
          shipping_address: {
            first_name: 'Ada',
            last_name: 'Lovelace',
            address_1: 'Hof 1',
            city: 'Berlin',
            postal_code: '10115',
            country_code: 'de',
          },
        }),
      })
      const { shipping_options: options } = await store(`/store/shipping-options?cart_id=${cartId}`)
      await store(`/store/carts/${cartId}/shipping-methods`, {
        method: 'POST',
        body: JSON.stringify({ option_id: options[0].id }),
      })
      const { payment_collection: collection } = await store('/store/payment-collections', {
        method: 'POST',
        body: JSON.stringify({ cart_id: cartId }),
      })
      await store(`/store/payment-collections/${collection.id}/payment-sessions`, {
        method: 'POST',
        body: JSON.stringify({ provider_id: 'pp_system_default' }),
      })
      const completed = await store(`/store/carts/${cartId}/complete`, { method: 'POST' })
      if (completed.type !== 'order') {
        throw new Error(`checkout did not place an order: ${JSON.stringify(completed)}`)
      }
    },
    async cart(cartId) {
      const response = await fetch(
        `${url}/store/carts/${cartId}?fields=id,items.variant_id,items.quantity`,
        { headers: { 'x-publishable-api-key': publishableKey } },
      )
      if (response.status === 404) return null
      return (await response.json()).cart
    },
    stop,
  }
  return tools
}
