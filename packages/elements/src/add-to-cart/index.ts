import type { Cart, Merchandise } from '@tote/core'
import { emit, on, ToteElement } from '../base/index.ts'
import { actingFrom } from '../origin/index.ts'

const PROPERTY = /^properties\[(.+)\]$/

/** The merchandise with `id` from the element's `<script type="application/json" data-tote-merchandise>`. */
function merchandiseHint(element: Element, id: string): Merchandise | undefined {
  const script = element.querySelector('script[type="application/json"][data-tote-merchandise]')
  try {
    const parsed: unknown = JSON.parse(script?.textContent ?? 'null')
    const list = (Array.isArray(parsed) ? parsed : [parsed]) as { id?: unknown }[]
    return list.find((item) => item !== null && String(item?.id) === id) as Merchandise | undefined
  } catch {
    return undefined
  }
}

/**
 * `<tote-add-to-cart>`: wraps the theme's own `<form action="/cart/add">`. Without script
 * the form posts as usual; with a cart it adds in place instead, reading every field a
 * Shopify product form posts: the variant from `id` (else the `merchandise-id` attribute),
 * `quantity`, `selling_plan` (a subscription; blank for a one-time purchase) and every
 * `properties[...]` field as a line attribute (blank ones are left out, as Shopify does).
 * Dispatches `tote:added`.
 * A `<script type="application/json" data-tote-merchandise>` inside, holding the variants
 * (one or an array, as `Merchandise`), lets the new line show its title and price at once;
 * the cart validates it and ignores it when it does not fit.
 *
 * @example
 * <tote-add-to-cart>
 *   <form action="/cart/add" method="post">
 *     <input type="hidden" name="id" value="4242">
 *     <input type="number" name="quantity" value="1">
 *     <input type="hidden" name="selling_plan" value="">
 *     <input name="properties[Engraving]">
 *     <button>Add to cart</button>
 *   </form>
 * </tote-add-to-cart>
 */
export class ToteAddToCartElement extends ToteElement {
  protected bind(cart: Cart): () => void {
    return on<SubmitEvent>(this, 'submit', (event) => {
      const form = event.target
      if (event.defaultPrevented || !(form instanceof HTMLFormElement)) return
      const data = new FormData(form)
      const attributes: Record<string, string> = {}
      for (const [name, value] of data) {
        const property = PROPERTY.exec(name)?.[1]
        if (property && typeof value === 'string' && value.trim() !== '')
          attributes[property] = value
      }
      const merchandiseId = String(data.get('id') ?? this.getAttribute('merchandise-id') ?? '')
      const quantity = data.has('quantity') ? Number(data.get('quantity')) : 1
      const plan = String(data.get('selling_plan') ?? '').trim()
      const sellingPlan = plan ? { sellingPlanId: plan } : {}
      const add = (merchandise?: Merchandise) => {
        try {
          return actingFrom(this, 'product', () =>
            cart.add({ merchandiseId, quantity, attributes, ...sellingPlan, merchandise }),
          )
        } catch {
          return null
        }
      }
      const hint = merchandiseHint(this, merchandiseId)
      const lineKey = (hint && add(hint)) ?? add()
      // Input the cart refuses goes to the backend as a plain post, as without script.
      if (lineKey === null) return
      event.preventDefault()
      emit(this, 'tote:added', { lineKey, merchandiseId, quantity })
    })
  }
}
