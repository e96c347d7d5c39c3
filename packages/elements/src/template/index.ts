import { safeUrl } from '../base/index.ts'

/**
 * A value for a `data-tote-field` slot: text, or an image for an `<img>`.
 *
 * @example
 * const image: FieldValue = { url: '/images/mug.png', alt: 'A mug' }
 */
export type FieldValue = string | { url: string; alt?: string | undefined } | null | undefined

/**
 * Fills the `[data-tote-field]` slots in `root` (and `root` itself) named in `values`. Text
 * goes in through `textContent` (or `value` of an `<input>`), never as HTML; an `<img>` gets
 * its `src` only when {@link safeUrl} accepts it, and is hidden otherwise.
 *
 * @example
 * fillFields(row, { title: 'Mug', image: { url: 'https://cdn.example/mug.png', alt: 'Mug' } })
 */
export function fillFields(root: Element, values: Readonly<Record<string, FieldValue>>): void {
  for (const slot of [root, ...root.querySelectorAll('[data-tote-field]')]) {
    const name = slot.getAttribute('data-tote-field')
    if (name === null || !Object.hasOwn(values, name)) continue
    const value = values[name]
    if (slot instanceof HTMLImageElement) {
      const image = typeof value === 'string' ? { url: value, alt: '' } : value
      const src = safeUrl(image?.url)
      if (src) slot.src = src
      else slot.removeAttribute('src')
      slot.alt = image?.alt ?? ''
      slot.hidden = !src
    } else if (slot instanceof HTMLInputElement) {
      slot.value = typeof value === 'string' ? value : ''
    } else {
      slot.textContent = typeof value === 'string' ? value : ''
    }
  }
}

/**
 * Options of {@link keyedList}.
 *
 * @example
 * const options: KeyedListOptions<Notice> = { template, container, after: null,
 *   keyAttribute: 'data-notice-id', key: (n) => n.id, fill: (row, n) => fillFields(row, n) }
 */
export interface KeyedListOptions<T> {
  /** The theme's `<template>`; its first element is cloned for each item. */
  template: HTMLTemplateElement
  /** Where rows go. */
  container: Element
  /** The node rows follow inside `container`; `null` puts them first. */
  after: Node | null
  /** The attribute that carries each row's key, such as `data-line-key`. */
  keyAttribute: string
  key(item: T): string
  fill(row: Element, item: T): void
}

/**
 * Rows rendered from a template, kept by key.
 *
 * @example
 * const list: KeyedList<Notice> = keyedList(options)
 * list.update(notices)
 */
export interface KeyedList<T> {
  /** Renders `items`: new rows are cloned, changed ones refilled, gone ones removed. */
  update(items: readonly T[]): void
  /** Removes every row. */
  clear(): void
}

/**
 * Renders a list from a theme's `<template>`, one row per item, kept by key so unchanged
 * rows (and the focus inside them) stay as they are.
 *
 * @example
 * const list = keyedList({ template, container: this, after: template, keyAttribute:
 *   'data-line-key', key: (line) => line.key, fill: (row, line) => fillFields(row, {...}) })
 * list.update(cart.$lines.get())
 */
export function keyedList<T>(options: KeyedListOptions<T>): KeyedList<T> {
  const { template, container, keyAttribute } = options
  let rows = new Map<string, { item: T; element: Element }>()
  return {
    update(items) {
      const next = new Map<string, { item: T; element: Element }>()
      let cursor = options.after
      for (const item of items) {
        const key = options.key(item)
        let row = rows.get(key)
        if (!row) {
          const element = template.content.firstElementChild?.cloneNode(true) as Element | undefined
          if (!element) continue
          element.setAttribute(keyAttribute, key)
          options.fill(element, item)
          row = { item, element }
        } else if (row.item !== item) {
          options.fill(row.element, item)
          row.item = item
        }
        next.set(key, row)
        const before = cursor ? cursor.nextSibling : container.firstChild
        if (row.element !== before) container.insertBefore(row.element, before)
        cursor = row.element
      }
      for (const [key, row] of rows) if (!next.has(key)) row.element.remove()
      rows = next
    },
    clear() {
      for (const row of rows.values()) row.element.remove()
      rows = new Map()
    },
  }
}

/** The first `<template>` child of `element`. */
export function templateOf(element: Element): HTMLTemplateElement | null {
  return element.querySelector(':scope > template')
}
