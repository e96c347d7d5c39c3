import { emit } from '../base/index.ts'

/** The part of Trusted Types the section renderer uses. */
interface HtmlPolicy {
  createHTML(html: string): string
}

let policy: HtmlPolicy | null | undefined

/**
 * The Trusted Types policy that lets the shop's own section HTML be parsed on pages that
 * require Trusted Types (`require-trusted-types-for 'script'`); `null` where the browser has
 * none. Created once, named `tote-sections`, so a CSP can allow it by name.
 */
function htmlPolicy(): HtmlPolicy | null {
  if (policy === undefined) {
    const factory = (
      globalThis as {
        trustedTypes?: { createPolicy(name: string, rules: HtmlPolicy): HtmlPolicy }
      }
    ).trustedTypes
    policy = factory?.createPolicy('tote-sections', { createHTML: (html) => html }) ?? null
  }
  return policy
}

/**
 * Replaces the page's `shopify-section-ID` elements with the sections Shopify rendered for
 * them (the `sections` of a cart write, as Shopify's Section Rendering API returns them).
 *
 * This is the one place Tote puts HTML into the page, and it is HTML from the shop's own
 * theme, rendered by the shop's own server for this page, never shop data from a cart
 * response (titles, properties) which Tote always writes as text. It is parsed with
 * `DOMParser` into a separate, inert document (nothing in it loads or runs there), and the
 * section's element is moved into the page in place of the old one; scripts inside are not
 * run, as with any parsed fragment. Before each swap a cancelable `tote:section-render`
 * (`detail: { id, section }`, the new element) is dispatched on the old element; after it,
 * `tote:section-rendered` (`detail: { id }`) on the new one, so theme code can re-bind.
 * Sections the page does not have, or whose HTML is `null`, are left alone.
 *
 * @example
 * cart.$extensions.subscribe(({ sections }) => renderSections(document, sections))
 */
export function renderSections(document: Document, sections: unknown): void {
  if (!sections || typeof sections !== 'object') return
  for (const [id, html] of Object.entries(sections as Record<string, unknown>)) {
    const current = document.getElementById(`shopify-section-${id}`)
    if (!current || typeof html !== 'string') continue
    const markup = htmlPolicy()?.createHTML(html) ?? html
    const parsed = new DOMParser().parseFromString(markup as string, 'text/html')
    const section = parsed.getElementById(`shopify-section-${id}`) ?? parsed.body.firstElementChild
    if (!section) continue
    const init = { detail: { id, section }, bubbles: true, composed: true, cancelable: true }
    if (!current.dispatchEvent(new CustomEvent('tote:section-render', init))) continue
    const replacement = document.adoptNode(section)
    current.replaceWith(replacement)
    emit(replacement, 'tote:section-rendered', { id })
  }
}
