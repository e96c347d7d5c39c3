// Test support: a real cart over the in-memory backend, and the elements defined once.
import type { ToteCartElement } from './cart-root/index.ts'
import { defineToteElements } from './define/index.ts'

/** A cart over a memory backend with the demo catalogue, kept in memory only. */
export { createTestCart } from '@tote/testing'

/** Defines the elements, puts `html` (test markup) in the page and returns its `<tote-cart>`. */
export function page(html: string): ToteCartElement {
  defineToteElements()
  document.body.innerHTML = html
  return document.querySelector('tote-cart') as ToteCartElement
}

/** The element matching `selector`. */
export function $(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector)
  if (!found) throw new Error(`nothing matches ${selector}`)
  return found
}
