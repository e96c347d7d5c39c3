// A stand-in cart for binding tests: nanostores atoms behind the public `Cart` interface.
// Actions change the stores at once; unchanged lines keep their identity, like core's view.
import type {
  Cart,
  CartLineView,
  CartView,
  EmailCaptureState,
  Notice,
  RecoveryReport,
} from '@tote/core'
import { atom, computed, type ReadableAtom } from 'nanostores'

/** A line with a title and a price in EUR, as the fake cart builds it. */
export function fakeLine(key: string, quantity: number, title = key): CartLineView {
  const price = { amount: 1000, currency: 'EUR' }
  return {
    key,
    id: `line-${key}`,
    merchandiseId: key,
    merchandise: {
      id: key,
      productId: `product-${key}`,
      productTitle: title,
      title: 'Default',
      image: null,
      options: [],
      price,
      compareAtPrice: null,
      available: true,
      quantityAvailable: null,
    },
    quantity,
    attributes: {},
    cost: {
      unitPrice: price,
      subtotal: { amount: 1000 * quantity, currency: 'EUR' },
      total: { amount: 1000 * quantity, currency: 'EUR' },
      estimated: false,
    },
    pending: false,
  }
}

function view(lines: readonly CartLineView[]): CartView {
  const count = lines.reduce((sum, line) => sum + line.quantity, 0)
  const amount = { amount: count * 1000, currency: 'EUR' }
  return {
    id: 'cart-1',
    lines,
    count,
    subtotal: { amount, estimated: false },
    total: { amount, estimated: false },
    currency: 'EUR',
    note: '',
    attributes: {},
    discountCodes: [],
    email: null,
    checkoutUrl: null,
    pending: false,
  }
}

/** A fake cart and handles to steer it from a test. */
export interface FakeCart extends Cart {
  readonly calls: { name: string; args: unknown[] }[]
  pushNotice(notice: Pick<Notice, 'code' | 'message'>): void
  setEmailState(state: EmailCaptureState): void
  recovery: (link: string) => Promise<RecoveryReport>
}

/** Creates a fake cart holding `lines`. */
export function createFakeCart(lines: readonly CartLineView[] = []): FakeCart {
  const calls: FakeCart['calls'] = []
  const $cart = atom(view(lines))
  const $lines = computed($cart, (cart) => cart.lines)
  const $notices = atom<readonly Notice[]>([])
  const $email = atom<EmailCaptureState>({ state: 'idle', email: null })
  const lineStores = new Map<string, ReadableAtom<CartLineView | undefined>>()
  let noticeId = 0
  const setLines = (next: readonly CartLineView[]) => $cart.set(view(next))
  const record = (name: string, args: unknown[]) => calls.push({ name, args })
  const setQuantity = (key: string, quantity: number) => {
    record('setQuantity', [key, quantity])
    const current = $cart.get().lines
    setLines(
      quantity <= 0
        ? current.filter((line) => line.key !== key)
        : current.map((line) =>
            line.key === key ? fakeLine(key, quantity, line.merchandise?.productTitle) : line,
          ),
    )
  }
  const cart: FakeCart = {
    calls,
    $cart,
    $lines,
    $count: computed($cart, (cart) => cart.count),
    $subtotal: computed($cart, (cart) => cart.subtotal),
    $status: atom({ state: 'idle' }),
    $notices,
    $email,
    line(key) {
      let store = lineStores.get(key)
      if (!store) {
        store = computed($lines, (all) => all.find((line) => line.key === key))
        lineStores.set(key, store)
      }
      return store
    },
    add(input) {
      record('add', [input])
      const key =
        input.attributes && Object.keys(input.attributes).length
          ? `${input.merchandiseId}?${new URLSearchParams(input.attributes as Record<string, string>)}`
          : input.merchandiseId
      const existing = $cart.get().lines.find((line) => line.key === key)
      const quantity = (existing?.quantity ?? 0) + (input.quantity ?? 1)
      if (existing) setQuantity(key, quantity)
      else setLines([...$cart.get().lines, fakeLine(key, quantity)])
      return key
    },
    setQuantity,
    remove: (key) => setQuantity(key, 0),
    clear: () => setLines([]),
    setNote: (note) => record('setNote', [note]),
    setAttributes: (attributes) => record('setAttributes', [attributes]),
    applyDiscountCode: (code) => record('applyDiscountCode', [code]),
    removeDiscountCode: (code) => record('removeDiscountCode', [code]),
    dismissNotice(id) {
      record('dismissNotice', [id])
      $notices.set($notices.get().filter((notice) => notice.id !== id))
    },
    start: () => {},
    retry: () => {},
    refresh: async () => {},
    settled: async () => {},
    async captureEmail(email, options) {
      record('captureEmail', [email, options])
      if (!email.includes('@')) throw new Error('email: not an email address')
      $email.set({ state: 'saved', email })
    },
    openRecovery(link) {
      record('openRecovery', [link])
      return cart.recovery(link)
    },
    recovery: async () => ({
      notices: [],
      counts: { removed: 0, lowered: 0, repriced: 0, currencyChanged: 0 },
    }),
    checkout: async () => 'https://shop.example/checkout',
    confirmed: null,
    destroy: () => {},
    pushNotice(notice) {
      noticeId += 1
      $notices.set([...$notices.get(), { id: `n${noticeId}`, ...notice }])
    },
    setEmailState: (state) => $email.set(state),
  }
  return cart
}
