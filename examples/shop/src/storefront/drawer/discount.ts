import type { Storefront } from '../context.ts'
import { h, replace } from '../dom.ts'

/**
 * The discount code form and the codes on the cart: applied, refused, or being checked by
 * the backend. A refused code is data from the backend, shown as a chip, never an exception.
 */
export function renderDiscount(shop: Storefront): HTMLElement {
  const { cart, t } = shop
  const input = h('input', {
    attrs: {
      name: 'discount',
      autocomplete: 'off',
      placeholder: t('discount_code'),
      'aria-label': t('discount_code'),
    },
  })
  const form = h(
    'form',
    {
      class: 'discount',
      on: {
        submit: (event) => {
          event.preventDefault()
          const code = input.value.trim()
          if (code) cart.applyDiscountCode(code)
          input.value = ''
        },
      },
    },
    input,
    h('button', { class: 'button secondary', attrs: { type: 'submit' } }, t('apply')),
  )
  const codes = h('ul', { class: 'codes' })
  cart.$cart.subscribe(({ discountCodes }) => {
    replace(
      codes,
      ...discountCodes.map(({ code, applicable }) =>
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
  })
  return h('div', { class: 'discount-area' }, form, codes)
}
