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

/** What makes two notices the same to the shopper: the same code, line and message. */
const sameAs = (notice: Notice) =>
  `${notice.code}\u0000${notice.lineKey ?? ''}\u0000${notice.message}`

/**
 * `notices` with each repeated notice (same code, line and message, such as "Only 3 units of
 * Enamel mug…" raised by two writes in a row) kept once, at its first place.
 *
 * @example
 * mergeNotices([a, copyOfA, b]) // [a, b]
 */
export function mergeNotices(notices: readonly Notice[]): Notice[] {
  const seen = new Set<string>()
  return notices.filter((notice) => !seen.has(sameAs(notice)) && !!seen.add(sameAs(notice)))
}

/**
 * `<tote-notices>`: lists the cart's notices (sold out, quantity lowered, price changed...)
 * as a polite live region; a notice raised again while shown is merged with it, not stacked.
 * A click on `[data-tote-action="dismiss"]` in a row dismisses it (and its repeats).
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
        list.update(mergeNotices(notices))
        this.toggleAttribute('empty', notices.length === 0)
      }),
      on(this, 'click', (event) => {
        const button = (event.target as Element).closest('[data-tote-action="dismiss"]')
        const id = button?.closest('[data-notice-id]')?.getAttribute('data-notice-id')
        const all = cart.$notices.get()
        const shown = all.find((notice) => notice.id === id)
        if (!shown || !this.contains(button)) return
        for (const notice of all)
          if (sameAs(notice) === sameAs(shown)) cart.dismissNotice(notice.id)
      }),
    ]
    return () => {
      stopAll(stops)
      list.clear()
    }
  }
}
