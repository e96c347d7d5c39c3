import type { Cart } from '@tote/core'
import { emit, ToteElement } from '../base/index.ts'
import { noticeList } from '../notices/index.ts'
import { fillFields } from '../template/index.ts'

/**
 * `<tote-recovery>`: for the landing page of an abandoned-cart recovery link. Opens the
 * link (the `link` attribute, else the page's address) once, then shows the report: its
 * notices from the `<template>` (as in `<tote-notices>`; not when the page has a
 * `<tote-notices>`, which shows the same notices already), the counts in
 * `data-tote-field="removed|lowered|repriced"` slots, and a failure's message in
 * `data-tote-field="error"`. A `state` attribute says `loading`, `done` or `error`; it
 * dispatches `tote:recovered` (the report) or `tote:recovery-failed` (the error).
 * The cart must have recovery: the one-script build gives it to carts built from
 * attributes, `defineToteElements({ adapters, recovery })` does in a bundle, and a cart set
 * from a script is `createCart({ adapter, recovery })`; otherwise the element shows why.
 *
 * @example
 * <tote-recovery>
 *   <p data-tote-field="error"></p>
 *   <template><li data-tote-field="message"></li></template>
 * </tote-recovery>
 */
export class ToteRecoveryElement extends ToteElement {
  #opened: string | null = null

  protected bind(cart: Cart): () => void {
    const link = this.getAttribute('link') ?? this.ownerDocument.location?.href ?? ''
    if (link === this.#opened) return () => {}
    this.#opened = link
    this.setAttribute('state', 'loading')
    cart.openRecovery(link).then(
      (report) => {
        this.setAttribute('state', 'done')
        // The same notices are in the cart's $notices: a page with <tote-notices> shows
        // them there, once.
        if (!this.ownerDocument.querySelector('tote-notices')) {
          noticeList(this).update(report.notices)
        }
        const { removed, lowered, repriced } = report.counts
        fillFields(this, { removed: `${removed}`, lowered: `${lowered}`, repriced: `${repriced}` })
        emit(this, 'tote:recovered', report)
      },
      (error: unknown) => {
        this.setAttribute('state', 'error')
        fillFields(this, { error: error instanceof Error ? error.message : String(error) })
        emit(this, 'tote:recovery-failed', error)
      },
    )
    return () => {}
  }
}
