import { ToteArgumentError } from '@tote/core'

/**
 * The value of `root`'s attribute `name`, which its adapter needs; an error naming it when it
 * is missing or empty.
 *
 * @example
 * requiredAttribute(root, 'endpoint') // 'https://api.shop.example'
 */
export function requiredAttribute(root: HTMLElement, name: string): string {
  const value = root.getAttribute(name)
  if (value) return value
  const adapter = root.getAttribute('adapter')
  throw new ToteArgumentError(name, `<tote-cart adapter="${adapter}"> needs a ${name} attribute`)
}
