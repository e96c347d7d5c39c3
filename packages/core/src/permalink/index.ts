import { ToteAdapterError } from '../errors/index.ts'
import { MAX_LINE_QUANTITY } from '../model/index.ts'

/**
 * What a Shopify cart permalink (`/cart/VARIANT:QTY,...`) describes.
 *
 * @example
 * const { lines, discountCodes }: CartPermalink = parseCartPermalink('/cart/123:2?discount=SPRING')
 */
export interface CartPermalink {
  /** Numeric variant ids and quantities, in link order (the same variant twice adds up). */
  lines: Array<{ variantId: string; quantity: number }>
  /** Codes from the `discount` parameter (comma-separated). */
  discountCodes: string[]
  /** The `note` parameter, when present. */
  note: string | undefined
  /** Cart attributes from `attributes[name]=value` parameters. */
  attributes: Record<string, string>
}

const PATH = /^(?:\/[a-z]{2}(?:-[a-z0-9]{2,4})?)?\/cart\/([^/:,]+:\d+(?:,[^/:,]+:\d+)*)\/?$/i

function invalid(message: string): ToteAdapterError {
  return new ToteAdapterError('invalid_recovery_link', message)
}

/**
 * Parses a cart permalink such as `https://shop.example/cart/123:2,456:1?discount=SPRING`.
 * A locale prefix (`/fr/cart/...`) is accepted. Shopify's variant ids are numeric; other
 * (percent-encoded) ids are kept as they are, for backends that mimic permalinks. Anything else throws
 * `invalid_recovery_link`.
 *
 * @example
 * parseCartPermalink('/cart/123:2').lines // [{ variantId: '123', quantity: 2 }]
 */
export function parseCartPermalink(link: string): CartPermalink {
  let url: URL
  try {
    url = new URL(link, 'https://tote.invalid')
  } catch (error) {
    throw new ToteAdapterError('invalid_recovery_link', 'the recovery link is not a URL', {
      cause: error,
    })
  }
  const match = PATH.exec(url.pathname)
  if (!match) throw invalid('the recovery link is not a cart permalink (/cart/VARIANT:QTY,...)')
  const quantities = new Map<string, number>()
  for (const pair of (match[1] as string).split(',')) {
    const [encodedId, quantityText] = pair.split(':') as [string, string]
    let variantId: string
    try {
      variantId = decodeURIComponent(encodedId)
    } catch (error) {
      throw new ToteAdapterError('invalid_recovery_link', 'the recovery link is malformed', {
        cause: error,
      })
    }
    const quantity = Number(quantityText)
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
      throw invalid(`the recovery link has a bad quantity for variant ${variantId}`)
    }
    quantities.set(
      variantId,
      Math.min(MAX_LINE_QUANTITY, (quantities.get(variantId) ?? 0) + quantity),
    )
  }
  const attributes: Record<string, string> = {}
  for (const [name, value] of url.searchParams) {
    const attribute = /^attributes\[(.+)\]$/.exec(name)?.[1]
    if (attribute && attribute !== '__proto__') attributes[attribute] = value
  }
  const discount = url.searchParams.get('discount')
  return {
    lines: [...quantities].map(([variantId, quantity]) => ({ variantId, quantity })),
    discountCodes: discount
      ? discount
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean)
      : [],
    note: url.searchParams.get('note') ?? undefined,
    attributes,
  }
}
