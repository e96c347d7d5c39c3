/**
 * The sync engine's model-based fault suite. Shoppers in several tabs add, set and remove
 * lines, reload, go offline, while the backend reprices, sells out and completes carts and
 * the network loses, fails, delays and reorders answers. Once the faults stop and the
 * system settles, every guarantee of the engine must hold, and the server holds no cart the
 * shopper left behind.
 *
 * Runs: TOTE_FAULT_RUNS (default 200). Replay a failure with TOTE_FAULT_SEED.
 */
import { type Cart, createCart, type Notice } from '@tote/core'
import {
  createFaultyAdapter,
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
  type Fault,
  type FaultyAdapter,
  type MemoryBackend,
} from '@tote/testing'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createManualClock, flush, type ManualClock } from '../support/clock.ts'
import { type Browser, createBrowser, type TestTab } from '../support/env.ts'

const RUNS = Number(process.env.TOTE_FAULT_RUNS ?? 200)
const SEED = process.env.TOTE_FAULT_SEED
  ? Number(process.env.TOTE_FAULT_SEED)
  : Date.now() % 2 ** 31
const KEYS = ['pin-fox', 'mug-speckled', 'notebook-a5', 'tee-black-m'] as const

interface OpenTab {
  cart: Cart
  tab: TestTab
  off: () => void
}

interface World {
  clock: ManualClock
  backend: MemoryBackend
  adapter: FaultyAdapter
  browser: Browser
  tabs: OpenTab[]
  /** Every notice any tab raised, by line key. */
  noticed: Set<string>
  /** The shopper's last intent per line key (whichever tab made it). */
  targets: Map<string, number>
  /** Keys whose line may legitimately be gone: its cart was completed since the intent. */
  loose: Set<string>
  scheduler: fc.Scheduler
}

function openTab(world: World): OpenTab {
  const tab = world.browser.tab({ random: () => 0.5 })
  const cart = createCart({
    adapter: world.adapter,
    timeoutMs: 5_000,
    retry: { baseMs: 50, maxMs: 1_000 },
    env: tab.env,
  })
  const off = cart.$notices.subscribe((notices: readonly Notice[]) => {
    for (const notice of notices) world.noticed.add(notice.lineKey ?? `*${notice.code}`)
  })
  const open = { cart, tab, off }
  world.tabs.push(open)
  return open
}

function closeTab(world: World, index: number): void {
  const [closed] = world.tabs.splice(index % world.tabs.length, 1)
  closed?.off()
  closed?.cart.destroy()
}

type Command = fc.AsyncCommand<object, World>

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T

class Act implements Command {
  constructor(
    readonly tab: number,
    readonly kind: 'add' | 'set' | 'remove',
    readonly key: (typeof KEYS)[number],
    readonly quantity: number,
  ) {}
  check = () => true
  async run(_: object, world: World) {
    const { cart } = pick(world.tabs, this.tab)
    if (this.kind === 'add') cart.add({ merchandiseId: this.key, quantity: this.quantity })
    else if (this.kind === 'set') {
      if (!cart.line(this.key).get()) return
      cart.setQuantity(this.key, this.quantity)
    } else {
      if (!cart.line(this.key).get()) return
      cart.remove(this.key)
    }
    world.targets.set(this.key, cart.line(this.key).get()?.quantity ?? 0)
    world.loose.delete(this.key)
    await world.clock.advance(1)
  }
  toString = () => `${this.kind}(tab ${this.tab}, ${this.key}, ${this.quantity})`
}

class Wait implements Command {
  constructor(readonly ms: number) {}
  check = () => true
  async run(_: object, world: World) {
    await world.clock.advance(this.ms)
  }
  toString = () => `wait(${this.ms})`
}

class Deliver implements Command {
  constructor(readonly count: number) {}
  check = () => true
  async run(_: object, world: World) {
    for (let i = 0; i < this.count && world.scheduler.count() > 0; i++)
      await world.scheduler.waitOne()
    await flush()
  }
  toString = () => `deliver(${this.count})`
}

class Reload implements Command {
  constructor(readonly tab: number) {}
  check = () => true
  async run(_: object, world: World) {
    closeTab(world, this.tab)
    openTab(world).cart.start()
    await flush()
  }
  toString = () => `reload(tab ${this.tab})`
}

class Network implements Command {
  constructor(readonly online: boolean) {}
  check = () => true
  async run(_: object, world: World) {
    world.browser.setOnline(this.online)
    await flush()
  }
  toString = () => (this.online ? 'online' : 'offline')
}

class OpenTabCommand implements Command {
  check = (_: object) => true
  async run(_: object, world: World) {
    if (world.tabs.length < 3) openTab(world).cart.start()
    await flush()
  }
  toString = () => 'openTab'
}

class CloseTab implements Command {
  constructor(readonly tab: number) {}
  check = () => true
  async run(_: object, world: World) {
    if (world.tabs.length > 1) closeTab(world, this.tab)
    await flush()
  }
  toString = () => `closeTab(${this.tab})`
}

class Server implements Command {
  constructor(
    readonly kind: 'reprice' | 'sellOut' | 'restock' | 'complete',
    readonly key: (typeof KEYS)[number],
    readonly amount: number,
  ) {}
  check = () => true
  async run(_: object, world: World) {
    const { backend } = world
    if (this.kind === 'reprice')
      backend.setPrice(this.key, { amount: this.amount, currency: 'EUR' })
    else if (this.kind === 'sellOut') backend.sellOut(this.key)
    else if (this.kind === 'restock') backend.setStock(this.key, this.amount)
    else {
      const active = backend.cartIds().filter((id) => backend.getCart(id)?.status === 'active')
      for (const id of active) backend.completeCart(id)
      // Whatever was confirmed went with the order; those lines may be gone (docs/domain.md R17).
      for (const key of KEYS) world.loose.add(key)
    }
    await flush()
  }
  toString = () => `server.${this.kind}(${this.key}, ${this.amount})`
}

const tabIndex = fc.nat({ max: 5 })
const key = fc.constantFrom(...KEYS)
const commands = fc.commands(
  [
    fc
      .tuple(tabIndex, fc.constantFrom('add', 'set', 'remove'), key, fc.integer({ min: 0, max: 6 }))
      .map(
        ([tab, kind, k, quantity]) =>
          new Act(tab, kind as Act['kind'], k, kind === 'add' ? Math.max(1, quantity) : quantity),
      ),
    fc.integer({ min: 1, max: 400 }).map((ms) => new Wait(ms)),
    fc.integer({ min: 1, max: 3 }).map((count) => new Deliver(count)),
    tabIndex.map((tab) => new Reload(tab)),
    fc.boolean().map((online) => new Network(online)),
    fc.constant(new OpenTabCommand()),
    tabIndex.map((tab) => new CloseTab(tab)),
    fc
      .tuple(
        fc.constantFrom('reprice', 'sellOut', 'restock', 'complete'),
        key,
        fc.integer({ min: 1, max: 5000 }),
      )
      .map(
        ([kind, k, amount]) =>
          new Server(kind as Server['kind'], k, kind === 'restock' ? amount % 20 : amount),
      ),
  ],
  { maxCommands: 30 },
)

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { arbitrary: fc.constant<Fault>('pass'), weight: 6 },
  fc.constantFrom<Fault>('drop', 'ackLost', 'serverErrorAfterApply', 'malformed'),
  fc
    .integer({ min: 0, max: 800 })
    .map<Fault>((retryAfterMs) => ({ type: 'rateLimited', retryAfterMs })),
  fc.boolean().map<Fault>((applied) => ({ type: 'timeout', applied })),
  fc.integer({ min: 1, max: 300 }).map<Fault>((ms) => ({ type: 'delay', ms })),
)

async function deliverAll(world: World): Promise<void> {
  do {
    while (world.scheduler.count() > 0) await world.scheduler.waitOne()
    await flush()
  } while (world.scheduler.count() > 0)
}

async function quiesce(world: World): Promise<boolean> {
  for (let round = 0; round < 300; round++) {
    await deliverAll(world)
    const busy = world.tabs.some(({ cart }) => {
      const status = cart.$status.get().state
      return status !== 'idle' || cart.$cart.get().pending
    })
    if (!busy && world.clock.pending === 0) return true
    const next = world.clock.nextAt()
    await world.clock.advance(next === null ? 10 : Math.max(1, next - world.clock.now()))
  }
  return false
}

async function settleWorld(world: World): Promise<void> {
  world.adapter.heal()
  world.browser.setOnline(true)
  let settled = await quiesce(world)
  if (settled) {
    // Then the back button on every tab: each looks at the backend again (completed carts).
    for (const { tab } of world.tabs) tab.resume('pageshow')
    settled = await quiesce(world)
  }
  if (settled) return
  const state = world.tabs.map(({ cart }) => ({
    status: cart.$status.get(),
    pending: cart.$cart.get().pending,
    lines: cart.$cart.get().lines.map((line) => [line.key, line.quantity, line.pending]),
  }))
  throw new Error(
    `the system did not settle: ${JSON.stringify({ state, timers: world.clock.pending, scheduled: world.scheduler.count() })}`,
  )
}

function serverLines(world: World, cartId: string | null): [string, number][] {
  if (cartId === null) return []
  const cart = world.backend.getCart(cartId)
  if (cart?.status !== 'active') return []
  return cart.lines.map((line) => [line.key, line.quantity])
}

describe('sync engine under faults (model-based)', () => {
  it(`converges after faults stop: ${RUNS} runs, seed ${SEED}`, async () => {
    console.info(
      `[tote] fault suite: ${RUNS} runs, seed ${SEED} (TOTE_FAULT_SEED=${SEED} to replay)`,
    )
    await fc.assert(
      fc.asyncProperty(
        commands,
        fc.scheduler(),
        fc.array(faultArb, { maxLength: 40 }),
        async (cmds, scheduler, faults) => {
          const clock = createManualClock()
          const backend = createMemoryBackend({ catalogue: demoCatalogue(), clock })
          const adapter = createFaultyAdapter(createMemoryAdapter(backend), {
            faults,
            scheduler: clock,
            // Answers are held once ready and released in an order the scheduler picks
            // (delayed, reordered); holding an unfinished one would wait on the manual clock.
            respond: async (answer) => {
              const outcome = await answer.then(
                (value) => ({ ok: true as const, value }),
                (error: unknown) => ({ ok: false as const, error }),
              )
              const released = await scheduler.schedule(Promise.resolve(outcome))
              if (released.ok) return released.value
              throw released.error
            },
          })
          const world: World = {
            clock,
            backend,
            adapter,
            browser: createBrowser(clock),
            tabs: [],
            noticed: new Set(),
            targets: new Map(),
            loose: new Set(),
            scheduler,
          }
          openTab(world).cart.start()
          try {
            await fc.asyncModelRun(() => ({ model: {}, real: world }), cmds)
            await settleWorld(world)

            const [first, ...others] = world.tabs
            const view = first!.cart.$cart.get()
            const lines = view.lines.map((line): [string, number] => [line.key, line.quantity])
            // No duplicate line per line key.
            expect(new Set(lines.map(([k]) => k)).size).toBe(lines.length)
            // Status idle, outbox empty.
            for (const { cart } of world.tabs) {
              expect(cart.$status.get().state).toBe('idle')
              expect(cart.$cart.get().pending).toBe(false)
            }
            // Client equal to server.
            expect(lines.sort()).toEqual(serverLines(world, view.id).sort())
            // One shopper session makes at most one cart on the server: every other cart it
            // made went to an order. A lost answer to a creation never leaves an orphan cart.
            const orphans = world.backend
              .cartIds()
              .filter((id) => id !== view.id && world.backend.getCart(id)?.status === 'active')
            expect(orphans).toEqual([])
            // All tabs equal.
            for (const other of others) {
              const otherLines = other.cart.$cart
                .get()
                .lines.map((line): [string, number] => [line.key, line.quantity])
              expect({ id: other.cart.$cart.get().id, lines: otherLines.sort() }).toEqual({
                id: view.id,
                lines,
              })
            }
            // Every intent confirmed, or rejected with a notice; nothing removed comes back.
            const quantities = new Map(lines)
            for (const [k, target] of world.targets) {
              const got = quantities.get(k) ?? 0
              if (got === target) continue
              // A removed line never comes back, whatever else happened to it.
              if (target === 0) throw new Error(`line ${k} was removed but is back with ${got}`)
              if (world.noticed.has(k)) continue
              if (world.loose.has(k) && got === 0) continue
              throw new Error(
                `line ${k}: the shopper wanted ${target}, the cart has ${got}, and no notice said why`,
              )
            }
          } finally {
            for (const { cart, off } of world.tabs) {
              off()
              cart.destroy()
            }
          }
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, timeout: 5_000 },
    )
  }, 600_000)
})
