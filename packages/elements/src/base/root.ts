import type { Cart } from '@tote/core'

/**
 * The event a `<tote-cart>` dispatches when it gets (or loses) a cart, so elements find it.
 *
 * @example
 * document.addEventListener(READY_EVENT, () => console.log('the cart is ready'))
 */
export const READY_EVENT = 'tote:ready'

/**
 * The part of `<tote-cart>` other elements read.
 *
 * @example
 * const host: CartHost | null = findCartRoot(element)
 */
export interface CartHost extends HTMLElement {
  readonly cart: Cart | null
}

/**
 * Whether `root` will get a cart by itself: it has one, or names an `adapter` to build it
 * from (at once in a bundle, once the engine has loaded in the theme build).
 */
export function bringsCart(root: CartHost): boolean {
  return root.cart !== null || root.hasAttribute('adapter')
}

/**
 * The nearest `<tote-cart>` around `element`, else the first in its document.
 *
 * @example
 * findCartRoot(button)?.cart?.add({ merchandiseId: '4242' })
 */
export function findCartRoot(element: Element): CartHost | null {
  return (element.closest('tote-cart') ??
    element.ownerDocument.querySelector('tote-cart')) as CartHost | null
}
