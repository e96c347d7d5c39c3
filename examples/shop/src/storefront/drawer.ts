import type { CartLineView, Notice } from '@tote/core'
import { bindEmailInput } from '@tote/core/email-input'
import { priceOf, type Storefront } from './context.ts'
import { h, replace, safeImageUrl } from './dom.ts'

/** One line of the drawer, built once and updated in place (so a focused input stays focused). */
interface LineRow {
  element: HTMLLIElement
  update(line: CartLineView): void
}

function lineRow(shop: Storefront, key: string): LineRow {
  const { cart, t } = shop
  const image = h('img', { class: 'line-image', attrs: { alt: '', width: 72, height: 72 } })
  const title = h('a', { class: 'line-title' })
  const variant = h('span', { class: 'line-variant' })
  const unit = h('span', { class: 'line-unit' })
  const total = h('span', { class: 'line-total' })
  const input = h('input', {
    attrs: { type: 'number', min: 0, max: 999, inputmode: 'numeric', 'aria-label': t('quantity') },
    on: {
      change: () => {
        const quantity = Number(input.value)
        if (Number.isInteger(quantity) && quantity >= 0 && quantity <= 999) {
          cart.setQuantity(key, quantity)
        }
      },
    },
  })
  let quantity = 0
  const step = (by: number, label: string, symbol: string) =>
    h(
      'button',
      {
        class: 'step',
        attrs: { type: 'button', 'aria-label': label },
        on: { click: () => cart.setQuantity(key, Math.max(0, quantity + by)) },
      },
      symbol,
    )
  const element = h(
    'li',
    { class: 'line', attrs: { 'data-line-key': key } },
    image,
    h(
      'div',
      { class: 'line-info' },
      title,
      variant,
      unit,
      h(
        'div',
        { class: 'line-actions' },
        h(
          'div',
          { class: 'stepper' },
          step(-1, t('one_less'), '−'),
          input,
          step(1, t('one_more'), '+'),
        ),
        h(
          'button',
          {
            class: 'link-button',
            attrs: { type: 'button' },
            on: { click: () => cart.remove(key) },
          },
          t('remove'),
        ),
      ),
    ),
    total,
  )
  return {
    element,
    update(line) {
      quantity = line.quantity
      const merchandise = line.merchandise
      const url = safeImageUrl(merchandise?.image?.url)
      if (url) image.src = url
      image.hidden = !url
      title.textContent = merchandise?.productTitle ?? line.merchandiseId
      if (merchandise) title.href = `/products/${encodeURIComponent(merchandise.productId)}`
      variant.textContent = merchandise?.title ?? ''
      unit.textContent = priceOf(shop, line.cost.unitPrice)
      total.textContent = priceOf(shop, line.cost.total)
      total.classList.toggle('is-estimated', line.cost.estimated)
      if (document.activeElement !== input) input.value = String(line.quantity)
      element.classList.toggle('is-pending', line.pending)
    },
  }
}

/** The notices Tote raised (sold out, price changed…), each one dismissable. */
export function renderNotices(shop: Storefront, list: HTMLElement, notices: readonly Notice[]) {
  replace(
    list,
    ...notices.map((notice) =>
      h(
        'li',
        { class: `notice notice-${notice.code}`, attrs: { 'data-code': notice.code } },
        h('span', {}, notice.message),
        h(
          'button',
          {
            class: 'dismiss',
            attrs: { type: 'button', 'aria-label': shop.t('dismiss') },
            on: { click: () => shop.cart.dismissNotice(notice.id) },
          },
          '×',
        ),
      ),
    ),
  )
}

/**
 * The cart drawer: notices, lines with quantity steppers, the discount code, totals, the
 * checkout email and the checkout button. Everything is rendered from the cart's stores.
 */
export function renderDrawer(shop: Storefront): {
  element: HTMLElement
  open(): void
  close(): void
} {
  const { cart, t } = shop
  const notices = h('ul', { class: 'notices', attrs: { 'aria-live': 'polite' } })
  const lines = h('ul', { class: 'lines' })
  const empty = h(
    'div',
    { class: 'cart-empty' },
    h('p', {}, t('cart_empty')),
    h(
      'button',
      { class: 'button secondary', attrs: { type: 'button' }, on: { click: () => close() } },
      t('keep_shopping'),
    ),
  )
  const rows = new Map<string, LineRow>()

  // Discount code.
  const codeInput = h('input', {
    attrs: {
      name: 'discount',
      autocomplete: 'off',
      placeholder: t('discount_code'),
      'aria-label': t('discount_code'),
    },
  })
  const codes = h('ul', { class: 'codes' })
  const discountForm = h(
    'form',
    {
      class: 'discount',
      on: {
        submit: (event) => {
          event.preventDefault()
          const code = codeInput.value.trim()
          if (code) cart.applyDiscountCode(code)
          codeInput.value = ''
        },
      },
    },
    codeInput,
    h('button', { class: 'button secondary', attrs: { type: 'submit' } }, t('apply')),
  )

  // Totals.
  const subtotal = h('dd', { attrs: { 'data-subtotal': true } })
  const discountRow = h('div', { class: 'totals-row' })
  const discount = h('dd', { attrs: { 'data-discount': true } })
  replace(discountRow, h('dt', {}, t('discount')), discount)
  const total = h('dd', { attrs: { 'data-total': true } })
  const totals = h(
    'dl',
    { class: 'totals' },
    h('div', { class: 'totals-row' }, h('dt', {}, t('subtotal')), subtotal),
    discountRow,
    h('div', { class: 'totals-row grand' }, h('dt', {}, t('total')), total),
  )

  // Checkout email (docs/domain.md R3): saved on blur and when typing pauses.
  const email = h('input', {
    attrs: {
      id: 'checkout-email',
      type: 'email',
      autocomplete: 'email',
      placeholder: 'you@example.com',
      'aria-describedby': 'email-status',
    },
  })
  const consent = h('input', { attrs: { type: 'checkbox' } })
  const emailStatus = h('p', {
    class: 'email-status',
    attrs: { id: 'email-status', 'data-email-status': true, 'aria-live': 'polite' },
  })
  bindEmailInput(cart, email, {
    consent,
    onError: () => {
      emailStatus.textContent = t('email_invalid')
      emailStatus.dataset.state = 'error'
    },
  })
  cart.$email.subscribe((state) => {
    emailStatus.dataset.state = state.state
    emailStatus.textContent =
      state.state === 'saving'
        ? t('email_saving')
        : state.state === 'saved'
          ? t('email_saved')
          : state.state === 'error'
            ? t('email_invalid')
            : ''
  })

  const status = h('p', { class: 'sync-status', attrs: { role: 'status' } })
  cart.$status.subscribe((value) => {
    status.textContent =
      value.state === 'offline'
        ? t('status_offline')
        : value.state === 'error'
          ? t('status_error')
          : ''
  })

  const checkout = h(
    'button',
    {
      class: 'button primary checkout',
      attrs: { type: 'button' },
      on: {
        click: async () => {
          checkout.disabled = true
          checkout.textContent = t('checking_out')
          try {
            // Sends what is pending first; the server gives the checkout page of the cart.
            location.href = await cart.checkout()
          } catch {
            checkout.disabled = false
            checkout.textContent = t('checkout')
          }
        },
      },
    },
    t('checkout'),
  )

  const footer = h(
    'div',
    { class: 'drawer-footer' },
    discountForm,
    codes,
    totals,
    h('p', { class: 'fine-print' }, t('taxes_note')),
    h(
      'div',
      { class: 'email-capture' },
      h('label', { attrs: { for: 'checkout-email' } }, t('email_label')),
      email,
      h('label', { class: 'consent' }, consent, ' ', t('email_consent')),
      emailStatus,
    ),
    checkout,
    status,
  )

  const closeButton = h(
    'button',
    {
      class: 'close',
      attrs: { type: 'button', 'aria-label': t('close') },
      on: { click: () => close() },
    },
    '×',
  )
  const heading = h('h2', { attrs: { id: 'drawer-title' } }, t('your_cart'))
  const panel = h(
    'div',
    {
      class: 'drawer',
      attrs: {
        id: 'cart-drawer',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'drawer-title',
        tabindex: -1,
      },
      on: {
        keydown: (event) => {
          if ((event as KeyboardEvent).key === 'Escape') close()
        },
      },
    },
    h('div', { class: 'drawer-header' }, heading, closeButton),
    notices,
    h('div', { class: 'drawer-body' }, lines, empty),
    footer,
  )
  const backdrop = h('div', { class: 'backdrop', on: { click: () => close() } })
  const element = h('div', { class: 'drawer-root', attrs: { hidden: true } }, backdrop, panel)

  let returnFocus: HTMLElement | null = null
  function open() {
    returnFocus = document.activeElement as HTMLElement | null
    element.hidden = false
    document.body.classList.add('drawer-open')
    document.querySelector('.cart-button')?.setAttribute('aria-expanded', 'true')
    closeButton.focus()
  }
  function close() {
    element.hidden = true
    document.body.classList.remove('drawer-open')
    document.querySelector('.cart-button')?.setAttribute('aria-expanded', 'false')
    returnFocus?.focus()
  }

  cart.$notices.subscribe((value) => renderNotices(shop, notices, value))
  cart.$cart.subscribe((view) => {
    // Lines: kept by key, updated in place, in the cart's order.
    const seen = new Set<string>()
    view.lines.forEach((line, index) => {
      seen.add(line.key)
      let row = rows.get(line.key)
      if (!row) {
        row = lineRow(shop, line.key)
        rows.set(line.key, row)
      }
      row.update(line)
      if (lines.children[index] !== row.element)
        lines.insertBefore(row.element, lines.children[index] ?? null)
    })
    for (const [key, row] of rows) {
      if (!seen.has(key)) {
        row.element.remove()
        rows.delete(key)
      }
    }
    const isEmpty = view.lines.length === 0
    empty.hidden = !isEmpty
    footer.hidden = isEmpty
    heading.textContent = view.count > 0 ? `${t('your_cart')} (${view.count})` : t('your_cart')

    subtotal.textContent = priceOf(shop, view.subtotal.amount)
    total.textContent = priceOf(shop, view.total.amount)
    const estimated = view.subtotal.estimated || view.total.estimated
    total.classList.toggle('is-estimated', estimated)
    total.title = estimated ? t('updating') : ''
    const off =
      view.subtotal.amount && view.total.amount
        ? view.subtotal.amount.amount - view.total.amount.amount
        : 0
    discountRow.hidden = off <= 0
    if (off > 0 && view.total.amount) {
      discount.textContent = `−${priceOf(shop, { amount: off, currency: view.total.amount.currency })}`
    }

    replace(
      codes,
      ...view.discountCodes.map(({ code, applicable }) =>
        h(
          'li',
          {
            class: `code ${applicable === true ? 'is-applied' : applicable === false ? 'is-invalid' : ''}`,
            attrs: { 'data-code': code },
          },
          h(
            'span',
            {},
            applicable === true
              ? t('discount_applied', { code })
              : applicable === false
                ? t('discount_invalid', { code })
                : t('discount_checking', { code }),
          ),
          h(
            'button',
            {
              class: 'dismiss',
              attrs: { type: 'button', 'aria-label': t('remove_code', { code }) },
              on: { click: () => cart.removeDiscountCode(code) },
            },
            '×',
          ),
        ),
      ),
    )

    if (view.email && !email.value && document.activeElement !== email) email.value = view.email
  })

  return { element, open, close }
}
