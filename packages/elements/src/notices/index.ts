import type { Cart, Notice } from '@tote/core'
import { on, stopAll, ToteElement } from '../base/index.ts'
import { fillFields, type KeyedList, keyedList, templateOf } from '../template/index.ts'

/** A `<template>` for notices when the theme gives none: the message and a dismiss button. */
function defaultTemplate(element: Element): HTMLTemplateElement {
  const document = element.ownerDocument
  const template = document.createElement('template')
  const row = document.createElement('p')
  const message = document.createElement('span')
  const dismiss = document.createElement('button')
  message.setAttribute('data-tote-field', 'message')
  dismiss.type = 'button'
  dismiss.setAttribute('data-tote-action', 'dismiss')
  dismiss.setAttribute('aria-label', 'Dismiss')
  dismiss.textContent = '×'
  row.append(message, ' ', dismiss)
  template.content.append(row)
  return template
}

/**
 * Renders notices into `element` from its `<template>` (or a default one): fields
 * `message` and `code`, a `data-notice-id` and `data-code` on each row.
 *
 * @example
 * const list = noticeList(element); list.update(report.notices)
 */
export function noticeList(element: Element): KeyedList<Notice> {
  const template = templateOf(element) ?? defaultTemplate(element)
  const container = element.querySelector('[data-tote-notices]') ?? element
  return keyedList<Notice>({
    template,
    container,
    after: template.parentNode === container ? template : null,
    keyAttribute: 'data-notice-id',
    key: (notice) => notice.id,
    fill: (row, notice) => {
      row.setAttribute('data-code', notice.code)
      fillFields(row, { message: notice.message, code: notice.code })
    },
  })
}

/**
 * `<tote-notices>`: lists the cart's notices (sold out, quantity lowered, price changed...)
 * as a polite live region. A click on `[data-tote-action="dismiss"]` in a row dismisses it.
 *
 * @example
 * <tote-notices>
 *   <template><p class="notice"><span data-tote-field="message"></span>
 *     <button data-tote-action="dismiss">OK</button></p></template>
 * </tote-notices>
 */
export class ToteNoticesElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    if (!this.hasAttribute('role')) this.setAttribute('role', 'status')
    if (!this.hasAttribute('aria-live')) this.setAttribute('aria-live', 'polite')
    const list = noticeList(this)
    const stops = [
      cart.$notices.subscribe((notices) => {
        list.update(notices)
        this.toggleAttribute('empty', notices.length === 0)
      }),
      on(this, 'click', (event) => {
        const button = (event.target as Element).closest('[data-tote-action="dismiss"]')
        const id = button?.closest('[data-notice-id]')?.getAttribute('data-notice-id')
        if (id && this.contains(button)) cart.dismissNotice(id)
      }),
    ]
    return () => {
      stopAll(stops)
      list.clear()
    }
  }
}
