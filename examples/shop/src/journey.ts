// The abandoned-cart journey in a terminal (`pnpm demo --once`): the demo shop's server, and
// storefront carts (@tote/core + @tote/adapter-rest) talking to it over HTTP on 127.0.0.1, one
// per device of the shopper.
import { createRestAdapter } from '@tote/adapter-rest'
import {
  type Cart,
  type CartLineView,
  createCart,
  type EstimatedMoney,
  formatMoney,
  type Money,
  type ToteEnvironment,
} from '@tote/core'
import { recovery, titleOf } from '@tote/core/recovery'
import { type RunningShop, startShop } from './shop.ts'

/** Options of {@link runJourney}. */
export interface JourneyOptions {
  /**
   * Where the journey writes what it says.
   * @default console.log
   */
  print?: (line: string) => void
  /**
   * The port to listen on; when it is taken, any free port. 0 picks a free port.
   * @default 8787
   */
  port?: number
  /**
   * The data folder (embedded PostgreSQL in `db/`, emails in `outbox/`).
   * @default a new temporary folder, removed when the journey ends
   */
  dataDir?: string
}

/** A journey that ran: where its shop was. */
export interface JourneyResult {
  /** Where the shop listened, such as `http://127.0.0.1:8787` (stopped by now). */
  url: string
}

const LOCALE = 'en'
const SHOPPER_EMAIL = 'ada@example.com'
const DELAY_MINUTES = 20
const AWAY_MINUTES = 25

/** One device of the shopper: storage of its own, and no channel to the other device. */
function device(): { storage: NonNullable<ToteEnvironment['storage']>; openChannel: null } {
  const data = new Map<string, string>()
  return {
    storage: {
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => void data.set(key, value),
      removeItem: (key) => void data.delete(key),
    },
    openChannel: null,
  }
}

const price = (value: Money | null | undefined) =>
  value ? formatMoney(value, { locale: LOCALE }) : '…'

const total = (value: EstimatedMoney) => `${price(value.amount)}${value.estimated ? ' (est.)' : ''}`

function describeLines(lines: readonly CartLineView[]): string[] {
  const rows = lines.map((line) => ({
    name: `${line.quantity} × ${line.merchandise ? titleOf(line.merchandise) : line.merchandiseId}`,
    each: price(line.cost.unitPrice),
    subtotal: price(line.cost.subtotal),
  }))
  const width = Math.max(0, ...rows.map((row) => row.name.length))
  return rows.map(
    (row) =>
      `     ${row.name.padEnd(width)}  ${row.each.padStart(8)} each  ${row.subtotal.padStart(9)}`,
  )
}

/**
 * Starts the demo shop and runs the abandoned-cart journey against it: fill a cart, give the
 * checkout email, leave, receive the email, come back through its link on another device
 * after the merchant changed the catalogue, check out, start a new cart. Stops the shop at
 * the end.
 *
 * @example
 * const { url } = await runJourney({ port: 0, print: (line) => lines.push(line) })
 */
export async function runJourney(options: JourneyOptions = {}): Promise<JourneyResult> {
  const print = options.print ?? ((line: string) => console.log(line))
  const carts: Cart[] = []
  let shop: RunningShop | null = null

  try {
    print('Tote: the abandoned-cart journey, end to end')
    print(
      'Starting @tote/server on embedded PostgreSQL (PGlite); the first start takes a few seconds…',
    )
    print('')

    shop = await startShop({
      port: options.port ?? 8787,
      delayMinutes: DELAY_MINUTES,
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    })
    const { url, server } = shop
    const settings = await server.merchant.settings()
    print(`1. ${server.shop.name} is open on ${url} (embedded storage in ${shop.dataDir}).`)
    if (shop.portTaken) print(`   Port ${shop.portTaken} is taken: the shop uses ${url} instead.`)
    print(
      `   Abandoned-cart emails are on: sent ${settings.delayMinutes} minutes after a cart's last update.`,
    )

    /** Requests the storefront carts send, cart ids hidden (they are capabilities). */
    const requests: string[] = []
    const openStorefront = () => {
      const cart = createCart({
        adapter: createRestAdapter({
          baseUrl: url,
          fetch: (input, init) => {
            const request = new Request(input, init)
            const path = new URL(request.url).pathname.replace(/cart_[\w-]+/, '{cartId}')
            requests.push(`${request.method} ${path}`)
            return fetch(request)
          },
        }),
        locale: LOCALE,
        env: device(),
        recovery,
      })
      carts.push(cart)
      return cart
    }

    // The shopper fills a cart on their laptop.
    const laptop = openStorefront()
    laptop.add({ merchandiseId: 'canvas-tote-natural', quantity: 1 })
    laptop.add({ merchandiseId: 'enamel-mug-white', quantity: 2 })
    laptop.add({ merchandiseId: 'dot-notebook-a5', quantity: 3 })
    await laptop.settled()
    const cartId = laptop.$cart.get().id
    print('')
    print(`2. On their laptop, a shopper fills a cart (${laptop.$cart.get().id}):`)
    for (const row of describeLines(laptop.$lines.get())) print(row)
    print(`   Subtotal ${total(laptop.$subtotal.get())}`)

    // docs/domain.md R3, R13: the checkout email makes the cart recoverable.
    await laptop.captureEmail(SHOPPER_EMAIL, { consent: true })
    print('')
    print(
      `3. At checkout they give their email, ${SHOPPER_EMAIL}: ${laptop.$email.get().state}. Then they leave.`,
    )
    laptop.destroy()

    // docs/domain.md R4: the email is due the delay after the last update; no one waits for it here.
    const { sweep: first } = await server.fastForward(AWAY_MINUTES * 60_000)
    const second = await server.sweep()
    const emails = (await server.outbox?.list()) ?? []
    const email = emails.find((entry) => entry.to === SHOPPER_EMAIL)
    if (!email?.recoveryUrl) throw new Error('the sweep sent no recovery email')
    print('')
    print(
      `4. ${AWAY_MINUTES} minutes later (the demo fast-forwards the server's clock instead of waiting), the sweep runs:`,
    )
    print(
      `   ${first.sent.length} email sent; a second sweep sends ${second.sent.length}. The outbox holds ${emails.length}.`,
    )
    print(`   To:       ${email.to}`)
    print(`   Subject:  ${email.subject}`)
    print(`   Link:     ${email.recoveryUrl}`)

    // The merchant sells the last mugs and reprices the notebook.
    await server.merchant.updateVariant('enamel-mug-white', { stock: 0 })
    await server.merchant.updateVariant('dot-notebook-a5', { price: 1290 })
    print('')
    print(
      `5. Meanwhile the merchant sells the last enamel mugs and reprices the notebook to ${price({ amount: 1290, currency: server.shop.currency })}.`,
    )

    // The shopper clicks the link on their phone: another device, no cart there yet.
    const phone = openStorefront()
    requests.length = 0
    const report = await phone.openRecovery(email.recoveryUrl)
    await phone.settled()
    print('')
    print(`6. On their phone, the shopper opens the link. The cart comes back, honestly:`)
    for (const notice of report.notices) print(`   ! ${notice.message}`)
    const { removed, lowered, repriced } = report.counts
    print(`   Report: ${removed} removed, ${lowered} lowered, ${repriced} repriced.`)
    for (const row of describeLines(phone.$lines.get())) print(row)
    print(`   Subtotal ${total(phone.$subtotal.get())}`)
    print(
      `   It took ${requests.length} requests: ${requests.join(', then ')} (to save the changes).`,
    )

    // Checkout: the storefront sends the shopper to checkout, where the order is placed.
    await phone.checkout()
    const response = await fetch(`${url}/v1/carts/${encodeURIComponent(cartId!)}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    if (response.status !== 201) throw new Error(`checkout answered ${response.status}`)
    const placed = (await response.json()) as { order: { id: string } }
    const stats = await server.merchant.stats()
    print('')
    print(
      `7. They check out: order ${placed.order.id} is placed (POST /v1/carts/{cartId}/complete).`,
    )
    print(
      `   The merchant's statistics: ${stats.emailsSent} email sent, ${stats.recovered} order recovered (${price(stats.recoveredValue)}).`,
    )

    // docs/domain.md R17: the ordered cart is dropped, and the next add starts a new one.
    await phone.refresh()
    await phone.settled()
    phone.add({ merchandiseId: 'canvas-tote-black', quantity: 1 })
    await phone.settled()
    print('')
    print(`8. Back in the shop, the ordered cart is never reused:`)
    for (const notice of phone.$notices.get().filter((n) => n.code === 'cart_completed'))
      print(`   ! ${notice.message}`)
    print(
      `   The next add starts a new cart: ${phone.$cart.get().id} (the ordered one was ${cartId}).`,
    )
    for (const row of describeLines(phone.$lines.get())) print(row)

    print('')
    print('Done.')
    return { url }
  } finally {
    for (const cart of carts) cart.destroy()
    await shop?.stop()
  }
}
