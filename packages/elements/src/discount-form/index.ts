import type { Cart } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { actingFrom } from '../origin/index.ts'
import { fillFields, keyedList, templateOf } from '../template/index.ts'

/**
 * `<tote-discount-form>`: wraps the theme's discount-code form. Without script it posts as
 * usual; with a cart, submitting applies the code typed in its `discount` field (Shopify's
 * name for it; else the first text input) and clears the field. The backend decides whether
 * the code applies: a code it refuses comes back as a `discount_rejected` notice. The codes
 * on the cart are listed from the `<template>` (field `code`; `applicable="false"` on a row
 * the backend did not apply; a `[data-tote-action="remove-discount"]` button removes it).
 *
 * @example
 * <tote-discount-form>
 *   <form action="/cart" method="post">
 *     <label>Discount code <input name="discount"></label> <button>Apply</button>
 *   </form>
 *   <template><li><span data-tote-field="code"></span>
 *     <button type="button" data-tote-action="remove-discount">Remove</button></li></template>
 *   <ul data-tote-discount-codes></ul>
 * </tote-discount-form>
 */
export class ToteDiscountFormElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    const template = templateOf(this)
    const container = this.querySelector('[data-tote-discount-codes]')
    const list =
      template && container
        ? keyedList<{ code: string; applicable: boolean | null }>({
            template,
            container,
            after: null,
            keyAttribute: 'data-discount-code',
            key: (entry) => entry.code,
            fill: (row, entry) => {
              fillFields(row, { code: entry.code })
              row.setAttribute('applicable', String(entry.applicable !== false))
            },
          })
        : null
    const stops = [
      cart.$cart.subscribe((view) => list?.update(view.discountCodes)),
      on<SubmitEvent>(this, 'submit', (event) => {
        const form = event.target as HTMLFormElement
        const field =
          form.querySelector<HTMLInputElement>('input[name="discount"]') ??
          form.querySelector<HTMLInputElement>('input:not([type]), input[type="text"]')
        const code = field?.value.trim()
        if (event.defaultPrevented || !field || !code) return
        event.preventDefault()
        actingFrom(this, 'cart', () => cart.applyDiscountCode(code))
        field.value = ''
      }),
      on(this, 'click', (event) => {
        const button = (event.target as Element).closest('[data-tote-action="remove-discount"]')
        const code = button?.closest('[data-discount-code]')?.getAttribute('data-discount-code')
        if (code && this.contains(button))
          actingFrom(this, 'cart', () => cart.removeDiscountCode(code))
      }),
    ]
    return () => {
      stopAll(stops)
      list?.clear()
    }
  }
}
