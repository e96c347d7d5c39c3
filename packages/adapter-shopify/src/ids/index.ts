/** `gid://shopify/ProductVariant/123` for a numeric variant id; other ids are kept. */
export function variantGid(id: string): string {
  return /^\d+$/.test(id) ? `gid://shopify/ProductVariant/${id}` : id
}

/** The cart id a recovery link names (`gid://shopify/Cart/…` or `/cart/c/TOKEN?key=…`), if any. */
export function storefrontCartId(link: string): string | null {
  if (link.startsWith('gid://shopify/Cart/')) return link
  try {
    const url = new URL(link, 'https://tote.invalid')
    const token = /^(?:\/[a-z]{2}(?:-[a-z0-9]{2,4})?)?\/cart\/c\/([A-Za-z0-9_-]+)\/?$/i.exec(
      url.pathname,
    )?.[1]
    if (!token) return null
    const key = url.searchParams.get('key')
    return `gid://shopify/Cart/${token}${key ? `?key=${key}` : ''}`
  } catch {
    return null
  }
}
