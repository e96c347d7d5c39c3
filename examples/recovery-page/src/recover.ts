// The landing page of an abandoned-cart email (docs/domain.md R11, R12): it opens the link,
// rebuilds the cart as the shop has it now, says what changed since the visit, and leads on
// to checkout. Everything from the shop is written as text, never as markup.
import { createRestAdapter } from '@tote/adapter-rest'
import {
  type CartView,
  createCart,
  formatMoney,
  isToteError,
  type Money,
  type Notice,
} from '@tote/core'
import { recovery } from '@tote/core/recovery'
import './styles.css'

// The Tote server answers on this page's origin; the adapter needs an absolute URL.
const cart = createCart({ adapter: createRestAdapter({ baseUrl: location.origin }), recovery })

const main = document.querySelector<HTMLElement>('main.recover')!
const lead = main.querySelector<HTMLElement>('.lead')!
const notices = main.querySelector<HTMLUListElement>('.notices')!
const summary = main.querySelector<HTMLElement>('.summary')!
const checkout = main.querySelector<HTMLButtonElement>('[data-checkout]')!

/** Money as the shopper reads it, in the page's language. */
const price = (value: Money | null) =>
  value ? formatMoney(value, { locale: document.documentElement.lang }) : '—'

/** An element with text content only. */
function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.textContent = text
  if (className) node.className = className
  return node
}

function renderNotices(list: readonly Notice[]): void {
  notices.hidden = list.length === 0
  notices.replaceChildren(
    ...list.map((notice) => {
      const item = element('li', notice.message)
      item.dataset.code = notice.code
      return item
    }),
  )
}

function renderCart(view: CartView): void {
  summary.querySelector('.lines')!.replaceChildren(
    ...view.lines.map((line) => {
      const item = document.createElement('li')
      item.dataset.line = line.merchandiseId
      const title = line.merchandise?.productTitle ?? line.merchandiseId
      const variant = line.merchandise?.title
      item.append(
        element(
          'span',
          variant && variant !== 'Default' ? `${title} — ${variant}` : title,
          'title',
        ),
        element('span', `× ${line.quantity}`, 'quantity'),
        element('span', price(line.cost.total), 'price'),
      )
      return item
    }),
  )
  summary.querySelector('[data-subtotal]')!.textContent = price(view.subtotal.amount)
  summary.querySelector('[data-total]')!.textContent = price(view.total.amount)
  checkout.hidden = view.lines.length === 0
}

/** What the shopper reads when the link cannot be opened, and what they can do. */
function failure(error: unknown): string {
  if (!isToteError(error, 'invalid_recovery_link')) {
    return 'Your cart could not be opened just now. Please try the link again in a moment.'
  }
  switch ((error.details as { reason?: string } | undefined)?.reason) {
    case 'expired':
      return 'This link has expired, and the cart with it. The shop is still open: have a look around.'
    case 'completed':
      return 'This cart was already ordered. Thank you! The shop is still open if you need anything else.'
    default:
      return 'This link is not valid. Please open the link from the email again, in full.'
  }
}

async function open(): Promise<void> {
  const link = location.href
  if (!new URL(link).searchParams.has('token')) {
    main.dataset.state = 'no-link'
    lead.textContent = 'Open the link in your email to find your cart here.'
    return
  }
  // The token is a key to the cart: once used, it leaves the address bar and the history.
  history.replaceState(null, '', location.pathname)
  try {
    const report = await cart.openRecovery(link)
    const changed = Object.values(report.counts).some((count) => count > 0)
    lead.textContent = changed
      ? 'Here is your cart. A few things changed since your visit:'
      : 'Here is your cart, just as you left it.'
    main.dataset.state = 'recovered'
    summary.hidden = false
    // The notices stay in the cart's $notices (the report holds the same ones): shown once.
    cart.$notices.subscribe(renderNotices)
    cart.$cart.subscribe(renderCart)
  } catch (error) {
    main.dataset.state = 'invalid'
    lead.textContent = failure(error)
  }
}

checkout.addEventListener('click', async () => {
  checkout.disabled = true
  try {
    location.href = await cart.checkout()
  } catch {
    checkout.disabled = false
    lead.textContent = 'Checkout could not start. Please try again.'
  }
})

void open()
