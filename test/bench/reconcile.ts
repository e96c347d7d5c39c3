/**
 * How long recovery reconciliation takes for a 250-line cart (docs/domain.md R11, R12).
 *
 * Run: node --conditions=@tote/source --experimental-strip-types --no-warnings test/bench/reconcile.ts
 */
import type { CartLine, CartSnapshot, Merchandise } from '../../packages/core/src/model/index.ts'
import { reconcileRecovery } from '../../packages/core/src/recovery/index.ts'

const LINES = 250
const RUNS = 500
const WARMUP = 100

function merchandise(index: number): Merchandise {
  return {
    id: `gid://shop/ProductVariant/${index}`,
    productId: `gid://shop/Product/${index}`,
    productTitle: `Product ${index}`,
    title: index % 2 ? 'M / Blue' : '',
    image: { url: `https://cdn.example/${index}.jpg`, alt: `Product ${index}` },
    options: [{ name: 'Size', value: 'M' }],
    price: { amount: 1000 + index, currency: 'EUR' },
    compareAtPrice: null,
    available: true,
    quantityAvailable: 50,
  }
}

function line(item: Merchandise): CartLine {
  const quantity = 3
  const subtotal = { amount: item.price.amount * quantity, currency: 'EUR' }
  return {
    key: item.id,
    id: `line-${item.id}`,
    merchandise: item,
    quantity,
    attributes: {},
    cost: { unitPrice: item.price, subtotal, total: subtotal },
  }
}

const items = Array.from({ length: LINES }, (_, index) => merchandise(index))
const lines = items.map(line)
const amount = lines.reduce((sum, l) => sum + l.cost.subtotal.amount, 0)
const cart: CartSnapshot = {
  id: 'cart-bench',
  version: 1,
  status: 'active',
  currency: 'EUR',
  lines,
  cost: {
    subtotal: { amount, currency: 'EUR' },
    total: { amount, currency: 'EUR' },
    discount: null,
    tax: null,
  },
  email: null,
  note: '',
  attributes: {},
  discountCodes: [],
  checkoutUrl: null,
  updatedAt: '2026-11-20T10:00:00Z',
}

// Half the lines change: sold out, discontinued, stock lowered, repriced up, repriced down.
const now: Merchandise[] = []
items.forEach((item, index) => {
  const kind = index % 10
  if (kind === 0) now.push({ ...item, available: false, quantityAvailable: 0 })
  else if (kind === 2) now.push({ ...item, quantityAvailable: 1 })
  else if (kind === 3)
    now.push({ ...item, price: { amount: item.price.amount + 150, currency: 'EUR' } })
  else if (kind === 4)
    now.push({ ...item, price: { amount: item.price.amount - 150, currency: 'EUR' } })
  else if (kind !== 1) now.push(item)
})
const result = { cart, merchandise: now }

let check = 0
for (let run = 0; run < WARMUP; run++) check += reconcileRecovery(result).report.notices.length

const times: number[] = []
for (let run = 0; run < RUNS; run++) {
  const start = performance.now()
  check += reconcileRecovery(result).report.notices.length
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
const at = (share: number) =>
  times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0

const { report } = reconcileRecovery(result)
console.log(
  `reconcileRecovery, ${LINES} lines (${report.counts.removed} removed, ${report.counts.lowered} lowered, ${report.counts.repriced} repriced): ` +
    `median ${(at(0.5) * 1000).toFixed(1)} µs, p95 ${(at(0.95) * 1000).toFixed(1)} µs over ${RUNS} runs`,
)
if (check !== (WARMUP + RUNS) * report.notices.length)
  throw new Error('reconciliation is not deterministic')
