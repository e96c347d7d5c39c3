/**
 * The sync engine benchmark: ten "+" clicks under four timing variants, and the cost of one
 * store update on a 100-line cart. Time for the click scenarios is simulated (a manual clock),
 * so the figures are exact and repeatable; the store update cost is measured on this machine.
 *
 *   pnpm bench:sync
 */
import { type CartAdapter, createCart } from '@tote/core'
import { createMemoryAdapter, createMemoryBackend, demoCatalogue } from '@tote/testing'
import { createManualClock, flush } from '../support/clock.ts'
import { createBrowser } from '../support/env.ts'
import { CLICKS, gapAfterClick, seeded, type Timing, timings } from './scenarios.ts'

async function clicks(timing: Timing) {
  const clock = createManualClock()
  const random = seeded(42)
  const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock })
  const inner = createMemoryAdapter(backend)
  let inFlight = 0
  let most = 0
  let writes = 0
  let calls = 0
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms))
  const timed =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>, write: boolean) =>
    async (...args: A): Promise<R> => {
      const { request, response } = timing.delay(calls++, random)
      if (write) writes++
      inFlight++
      most = Math.max(most, inFlight)
      try {
        await wait(request)
        const result = await run(...args)
        await wait(response)
        return result
      } finally {
        inFlight--
      }
    }
  const adapter: CartAdapter = {
    ...inner,
    create: timed(inner.create.bind(inner), true),
    apply: timed(inner.apply.bind(inner), true),
    get: timed(inner.get.bind(inner), false),
  }
  const tab = createBrowser(clock).tab()
  const cart = createCart({ adapter, env: tab.env })
  const start = clock.now()
  for (let click = 0; click < CLICKS; click++) {
    cart.add({ merchandiseId: 'pin-fox' })
    const gap = gapAfterClick(timing, random)
    if (gap > 0) await clock.advance(gap)
  }
  const lastClick = clock.now()
  while (cart.$cart.get().pending || cart.$status.get().state !== 'idle') {
    const next = clock.nextAt()
    await clock.advance(next === null ? 1 : Math.max(1, next - clock.now()))
  }
  await flush()
  const server = backend.getCart(cart.$cart.get().id!)!.lines[0]!.quantity
  cart.destroy()
  return {
    writes,
    most,
    server,
    settle: Math.round(clock.now() - start),
    afterLast: Math.round(clock.now() - lastClick),
  }
}

async function storeUpdateCost(persist: boolean) {
  const backend = createMemoryBackend({
    catalogue: Array.from({ length: 100 }, (_, index) => ({
      id: `variant-${index}`,
      productId: `product-${index}`,
      productTitle: `Product ${index}`,
      title: 'Default',
      price: { amount: 1000 + index, currency: 'EUR' },
      quantityAvailable: null,
    })),
  })
  const tab = createBrowser().tab()
  const cart = createCart({
    adapter: createMemoryAdapter(backend),
    env: { ...tab.env, isOnline: () => false, ...(persist ? {} : { storage: null }) },
  })
  for (let index = 0; index < 100; index++) cart.add({ merchandiseId: `variant-${index}` })
  let notified = 0
  const off = cart.$cart.listen(() => notified++)
  const lineOff = cart.line('variant-50').listen(() => {})
  const rounds = 20_000
  for (let warm = 0; warm < 2_000; warm++) cart.setQuantity(`variant-${warm % 100}`, 1 + (warm % 7))
  const started = performance.now()
  for (let round = 0; round < rounds; round++)
    cart.setQuantity(`variant-${round % 100}`, 1 + (round % 9))
  const elapsed = performance.now() - started
  off()
  lineOff()
  cart.destroy()
  return { microseconds: (elapsed * 1000) / rounds, notified }
}

console.log('Ten "+" clicks on one line (simulated time):\n')
console.log(
  '| timing | writes sent | most in flight | final server quantity | settled after (ms) | after last click (ms) |',
)
console.log('| --- | --- | --- | --- | --- | --- |')
for (const timing of timings) {
  const result = await clicks(timing)
  console.log(
    `| ${timing.name} | ${result.writes} | ${result.most} | ${result.server} | ${result.settle} | ${result.afterLast} |`,
  )
}
console.log('\nOne setQuantity on a 100-line cart (offline, so no network work is timed):')
for (const persist of [false, true]) {
  const cost = await storeUpdateCost(persist)
  console.log(
    `- ${persist ? 'with the outbox written to storage' : 'store update only'}: ${cost.microseconds.toFixed(1)} µs per action`,
  )
}
