// The demo shop: @tote/server on embedded storage with its development tools on, and the
// storefront on the same origin, so recovery links, checkout pages and the merchant pages
// all live at one address.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  assertSeedCatalogue,
  createEmbeddedStorage,
  createFolderOutbox,
  createSkippableClock,
  createToteServer,
  DEMO_CATALOGUE,
  DEMO_DISCOUNT_CODES,
  type SeedProduct,
  type Storage,
  seedCatalogue,
  type ToteServer,
} from '@tote/server'
import { PICTURED_PRODUCTS } from './pictures.ts'
import { bundleStorefront, bundleTheme, registerStorefront } from './storefront-routes.ts'

/** Options of {@link startShop}. */
export interface ShopOptions {
  /**
   * The port to listen on; when it is taken, a free one (see `portTaken`). 0 picks a free port.
   * @default 8787
   */
  port?: number
  /**
   * The data folder (embedded PostgreSQL in `db/`, emails in `outbox/`).
   * @default a new temporary folder, removed by `stop()`
   */
  dataDir?: string
  /**
   * Minutes after a cart's last update before its recovery email goes out (20 – 2880).
   * @default 20
   */
  delayMinutes?: number
}

/** A running demo shop. */
export interface RunningShop {
  /** The shop's address, such as `http://127.0.0.1:8787`. */
  url: string
  /** The port asked for, when it was taken and another one is used instead. */
  portTaken: number | null
  /** The link that signs in to the merchant pages (it holds the development merchant token). */
  merchantLoginUrl: string
  /** The embedded storage's folder. */
  dataDir: string
  server: ToteServer
  /** Stops the server, closes the storage and removes a temporary data folder. */
  stop(): Promise<void>
}

/** The shop's name and contact details, in the recovery emails' footer. */
export const SHOP = {
  name: 'Atelier Tote',
  contact: { email: 'hello@atelier-tote.example', address: '3 rue du Test, 75011 Paris' },
} as const

/** The demo catalogue, with the shop's own drawings as pictures on `url`. */
function catalogueOn(url: string): SeedProduct[] {
  return DEMO_CATALOGUE.map((product) =>
    PICTURED_PRODUCTS.includes(product.id)
      ? { ...product, imageUrl: `${url}/shop/pictures/${product.id}.svg` }
      : product,
  )
}

async function listenOn(server: ToteServer, port: number) {
  try {
    return { ...(await server.listen(port, '127.0.0.1')), portTaken: null }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error
    return { ...(await server.listen(0, '127.0.0.1')), portTaken: port }
  }
}

/**
 * Starts the demo shop: the storefront, the recovery page, the checkout page and the merchant
 * pages on one origin, with abandoned-cart emails on (sent to the outbox) and a server clock
 * that the merchant's development page can move ahead.
 *
 * @example
 * const shop = await startShop({ port: 0 })
 * console.log(shop.url, shop.merchantLoginUrl)
 * await shop.stop()
 */
export async function startShop(options: ShopOptions = {}): Promise<RunningShop> {
  const ownDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tote-demo-')))
  let storage: Storage | null = null
  let server: ToteServer | null = null
  const stop = async () => {
    await server?.close()
    await storage?.close()
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const [bundle, theme, opened] = await Promise.all([
      bundleStorefront(),
      bundleTheme(),
      createEmbeddedStorage({ dataDir: join(dataDir, 'db') }),
    ])
    storage = opened
    const clock = createSkippableClock()
    server = await createToteServer({
      storage,
      clock,
      mailer: createFolderOutbox(join(dataDir, 'outbox'), clock),
      devRoutes: true,
      // The product pictures are on the shop's address, known once it listens.
      seedDemo: false,
      shop: {
        name: SHOP.name,
        contact: { ...SHOP.contact },
        recoveryUrl: '/recover',
        checkoutUrl: '/checkout/{cartId}',
      },
    })
    await registerStorefront(server.app, {
      shopName: SHOP.name,
      contact: SHOP.contact,
      catalogue: DEMO_CATALOGUE,
      discountCode: DEMO_DISCOUNT_CODES[0]?.code ?? null,
      bundle,
      theme,
      dev: true,
    })
    const { url, portTaken } = await listenOn(server, options.port ?? 8787)
    const catalogue = catalogueOn(url)
    assertSeedCatalogue(catalogue)
    const shopId = server.shop.id
    const currency = server.shop.currency
    await storage.transaction((tx) =>
      seedCatalogue(tx, shopId, currency, catalogue, DEMO_DISCOUNT_CODES),
    )
    await server.merchant.updateSettings({
      enabled: true,
      delayMinutes: options.delayMinutes ?? 20,
      // Trying the journey again with the same address gets another email the same day.
      maxEmailsPerAddressPerDay: 10,
    })
    return {
      url,
      portTaken,
      merchantLoginUrl: `${url}/merchant/login?token=${encodeURIComponent(server.merchantToken)}`,
      dataDir,
      server,
      stop,
    }
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }
}
