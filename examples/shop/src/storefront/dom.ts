// A tiny DOM builder: elements with attributes, listeners and children. Strings become text
// nodes, never markup, so shop data (titles, notices, emails) cannot inject anything.

type Child = Node | string | number | null | undefined | false
type Props = {
  class?: string
  /** Attributes, set with `setAttribute` (`false`/`null` leaves one out, `true` sets it empty). */
  attrs?: Record<string, string | number | boolean | null | undefined>
  /** Event listeners. */
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>
}

/**
 * Creates an element.
 *
 * @example
 * h('button', { class: 'primary', on: { click: add } }, 'Add to cart')
 */
export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag)
  if (props.class) element.className = props.class
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue
    element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, listener as EventListener)
  }
  append(element, ...children)
  return element
}

/** Appends children; strings and numbers as text. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)))
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren()
  append(parent, ...children)
}

/** An image of this origin or an `http(s)` URL; anything else (such as `javascript:`) is left out. */
export function safeImageUrl(url: string | undefined | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url, location.href)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}
