import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CartAdapter, CartOp, CartSnapshot, Merchandise } from './adapter/index.ts'

// @tote/core must work in a page that has no framework at all: loading one of these fails.
vi.mock('react', () => {
  throw new Error('react must not be loaded')
})
vi.mock('react-dom', () => {
  throw new Error('react-dom must not be loaded')
})
vi.mock('vue', () => {
  throw new Error('vue must not be loaded')
})
vi.mock('preact', () => {
  throw new Error('preact must not be loaded')
})

const FRAMEWORKS =
  /^(?:(?:react|react-dom|vue|preact|solid-js|svelte|lit)(?:\/|$)|@(?:vue|preact)\/)/
const BROWSER_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator']

let core: typeof import('./index.ts')
let kit: typeof import('./adapter/index.ts')
let entries: Record<string, Record<string, unknown>>
const readAtImport: string[] = []

beforeAll(async () => {
  // Nothing may run on import: trap the browser globals while the module graph loads.
  const trapped = BROWSER_GLOBALS.filter((name) => !(name in globalThis))
  for (const name of trapped) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        readAtImport.push(name)
        return undefined
      },
    })
  }
  try {
    // Every entry point, as package.json lists them.
    const [root, adapter, analytics, emailInput, fr, nb, recovery] = await Promise.all([
      import('./index.ts'),
      import('./adapter/index.ts'),
      import('./analytics/index.ts'),
      import('./email-input/index.ts'),
      import('./messages/fr.ts'),
      import('./messages/nb.ts'),
      import('./recovery/index.ts'),
    ])
    core = root
    kit = adapter
    entries = { root, adapter, analytics, emailInput, fr, nb, recovery }
  } finally {
    for (const name of trapped) delete (globalThis as Record<string, unknown>)[name]
  }
})

afterEach(() => {
  vi.useRealTimers()
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [path] : []
  })
}

const mug: Merchandise = {
  id: 'mug',
  productId: 'mug-product',
  productTitle: 'Stoneware mug',
  title: 'Default',
  image: null,
  options: [],
  price: { amount: 1200, currency: 'EUR' },
  compareAtPrice: null,
  available: true,
  quantityAvailable: null,
}

/** A backend in a few lines: one cart, the mug in the catalogue. */
function tinyAdapter(): CartAdapter & { writes: CartOp[][] } {
  let cart: CartSnapshot | null = null
  const writes: CartOp[][] = []
  function write(ops: readonly CartOp[]) {
    writes.push([...ops])
    const base: CartSnapshot = cart ?? {
      id: 'cart-1',
      version: 0,
      status: 'active',
      currency: 'EUR',
      lines: [],
      cost: {
        subtotal: { amount: 0, currency: 'EUR' },
        total: { amount: 0, currency: 'EUR' },
        discount: null,
        tax: null,
      },
      email: null,
      note: '',
      attributes: {},
      discountCodes: [],
      checkoutUrl: 'https://shop.example/checkout/cart-1',
      updatedAt: '2026-11-23T09:00:00.000Z',
    }
    let lines = base.lines
    for (const op of ops) {
      if (op.type !== 'setLine') continue
      lines = lines.filter((line) => line.key !== op.lineKey)
      if (op.quantity > 0) {
        const amount = mug.price.amount * op.quantity
        lines.push({
          key: op.lineKey,
          id: `line-${op.lineKey}`,
          merchandise: mug,
          quantity: op.quantity,
          attributes: op.attributes,
          cost: {
            unitPrice: mug.price,
            subtotal: { amount, currency: 'EUR' },
            total: { amount, currency: 'EUR' },
          },
        })
      }
    }
    const total = lines.reduce((sum, line) => sum + line.cost.total.amount, 0)
    cart = {
      ...base,
      version: base.version + 1,
      lines,
      cost: {
        ...base.cost,
        subtotal: { amount: total, currency: 'EUR' },
        total: { amount: total, currency: 'EUR' },
      },
    }
    return { cart: kit.parseCartSnapshot(cart), notices: [] }
  }
  return {
    name: 'tiny',
    capabilities: {
      email: false,
      recovery: false,
      notes: false,
      attributes: false,
      discounts: false,
      idempotency: false,
    },
    writes,
    create: async (input) => write(input.ops),
    get: async () => cart,
    apply: async (_id, ops) => write(ops),
    captureEmail: async () => {
      throw new Error('not supported')
    },
    merchandise: async (ids) => (ids.includes(mug.id) ? [mug] : []),
    recover: async () => {
      throw new Error('not supported')
    },
  }
}

describe('@tote/core without a framework', () => {
  it('loads without touching the browser globals', () => {
    expect(readAtImport).toEqual([])
  })

  it('exports its public API from every entry, every name defined', () => {
    for (const name of [
      'createCart',
      'isToteError',
      'ToteError',
      'ToteArgumentError',
      'money',
      'formatMoney',
      'lineKey',
      'EMPTY_CART_VIEW',
    ]) {
      expect(core, name).toHaveProperty(name)
    }
    expect(typeof core.createCart).toBe('function')
    for (const [entry, exports] of Object.entries(entries)) {
      for (const [name, value] of Object.entries(exports))
        expect(value, `${entry}.${name}`).toBeDefined()
    }
  })

  it('runs a cart: adds a line at once, then the backend confirms it', async () => {
    vi.useFakeTimers()
    const adapter = tinyAdapter()
    const cart = core.createCart({ adapter, env: { storage: null, openChannel: null } })
    const key = cart.add({ merchandiseId: 'mug', quantity: 2, merchandise: mug })
    expect(key).toBe('mug')
    expect(cart.$count.get()).toBe(2)
    const settled = cart.settled()
    await vi.advanceTimersByTimeAsync(5_000)
    await settled
    expect(adapter.writes.flat()).toContainEqual(
      expect.objectContaining({ type: 'setLine', lineKey: 'mug', quantity: 2 }),
    )
    expect(cart.confirmed?.lines.map((line) => [line.key, line.quantity])).toEqual([['mug', 2]])
    expect(cart.$subtotal.get()).toEqual({
      amount: { amount: 2400, currency: 'EUR' },
      estimated: false,
    })
    cart.destroy()
  })

  it('has no module in src that imports a framework', () => {
    const root = fileURLToPath(new URL('.', import.meta.url))
    const files = sourceFiles(root)
    expect(files.length).toBeGreaterThan(5)
    const offenders: string[] = []
    const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
        if (FRAMEWORKS.test(match[1]!)) offenders.push(`${relative(root, file)}: ${match[1]}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('does not depend on a framework in its package.json', () => {
    const manifest = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as Record<string, Record<string, string> | undefined>
    const names = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys(manifest[field] ?? {}),
    )
    expect(names.filter((name) => FRAMEWORKS.test(name))).toEqual([])
  })
})
