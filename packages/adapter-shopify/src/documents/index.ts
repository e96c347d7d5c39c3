/**
 * Every GraphQL document the Storefront adapter sends. Each is validated against the
 * Storefront schema in `documents/index.test.ts`, so a drifting field fails the build.
 *
 * Every operation declares the same context variables: `$country`, `$language`, `$buyer` and
 * `$visitorConsent` (the `@inContext` of every document: presentment country, the language of
 * titles and messages, the signed-in customer or B2B company location, and the visitor's
 * consent, which Shopify carries into `checkoutUrl`), `$inventory` (whether to read
 * `quantityAvailable`, which needs the `unauthenticated_read_product_inventory` scope) and
 * `$first` (page size of cart lines; not on the merchandise query, which reads no cart).
 */

const MONEY = 'amount currencyCode'

const IN_CONTEXT_VARIABLES =
  '$country: CountryCode, $language: LanguageCode, $buyer: BuyerInput, $visitorConsent: VisitorConsent'

const CONTEXT_VARIABLES = `${IN_CONTEXT_VARIABLES}, $inventory: Boolean = true, $first: Int = 250`

/** The `@inContext` directive every operation carries. */
const IN_CONTEXT =
  '@inContext(country: $country, language: $language, buyer: $buyer, visitorConsent: $visitorConsent)'

const VARIANT_FRAGMENT = `fragment ToteVariant on ProductVariant {
  id
  title
  availableForSale
  quantityAvailable @include(if: $inventory)
  price { ${MONEY} }
  compareAtPrice { ${MONEY} }
  quantityRule { minimum maximum increment }
  image { url altText }
  selectedOptions { name value }
  product { id title }
}`

const LINE_FRAGMENT = `fragment ToteLine on BaseCartLine {
  id
  quantity
  attributes { key value }
  sellingPlanAllocation { sellingPlan { id name } }
  cost {
    amountPerQuantity { ${MONEY} }
    subtotalAmount { ${MONEY} }
    totalAmount { ${MONEY} }
  }
  discountAllocations { discountedAmount { ${MONEY} } }
  merchandise { __typename ... on ProductVariant { ...ToteVariant } }
}`

const LINES_PAGE = `lines(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ...ToteLine }
  }`

const CART_FRAGMENT = `fragment ToteCart on Cart {
  id
  checkoutUrl
  updatedAt
  note
  totalQuantity
  attributes { key value }
  buyerIdentity { email phone countryCode }
  appliedGiftCards { id lastCharacters }
  delivery {
    addresses(selected: true) {
      address {
        ... on CartDeliveryAddress {
          firstName lastName company address1 address2 city provinceCode zip countryCode phone
        }
      }
    }
  }
  discountCodes { code applicable }
  discountAllocations { discountedAmount { ${MONEY} } }
  cost {
    subtotalAmount { ${MONEY} }
    totalAmount { ${MONEY} }
  }
  lines(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { ...ToteLine }
  }
}`

const RESULT_FRAGMENTS = `fragment ToteUserError on CartUserError { code field message }
fragment ToteWarning on CartWarning { code message target }`

const CART_FRAGMENTS = `${CART_FRAGMENT}\n${LINE_FRAGMENT}\n${VARIANT_FRAGMENT}`

/** Reads a cart with its first page of lines; `cart` is `null` when it is gone or completed. */
export const CART_QUERY = `query ToteCart($id: ID!, ${CONTEXT_VARIABLES}) ${IN_CONTEXT} {
  cart(id: $id) { ...ToteCart }
}
${CART_FRAGMENTS}`

/** Reads one further page of a cart's lines. */
export const CART_LINES_QUERY = `query ToteCartLines($id: ID!, $after: String, ${CONTEXT_VARIABLES}) ${IN_CONTEXT} {
  cart(id: $id) {
    id
    ${LINES_PAGE}
  }
}
${LINE_FRAGMENT}
${VARIANT_FRAGMENT}`

/** Reads product variants by id, as they are now, plus the presentment currency. */
export const MERCHANDISE_QUERY = `query ToteMerchandise($ids: [ID!]!, ${IN_CONTEXT_VARIABLES}, $inventory: Boolean = true) ${IN_CONTEXT} {
  nodes(ids: $ids) { __typename ... on ProductVariant { ...ToteVariant } }
  localization { country { currency { isoCode } } }
}
${VARIANT_FRAGMENT}`

/** Creates a cart with its lines, note, attributes, discount codes and buyer identity at once. */
export const CART_CREATE_MUTATION = `mutation ToteCartCreate($input: CartInput!, ${CONTEXT_VARIABLES}) ${IN_CONTEXT} {
  cartCreate(input: $input) {
    cart { ...ToteCart }
    userErrors { ...ToteUserError }
    warnings { ...ToteWarning }
  }
}
${CART_FRAGMENTS}
${RESULT_FRAGMENTS}`

/**
 * The cart mutations a batch may hold, in the order they run. GraphQL runs the fields of a
 * mutation one after the other, so removals free stock before updates and additions, and
 * discount codes are judged against the final lines.
 */
export const BATCH_STEPS = [
  // Metafields first: their payload has no cart, so they are never the step that reads it.
  'metafields',
  'linesRemove',
  'linesUpdate',
  'linesAdd',
  'note',
  'attributes',
  'discountCodes',
  'buyerIdentity',
  'giftCardCodesAdd',
  'giftCardCodesRemove',
  'deliveryAddresses',
] as const

/** One mutation of a batch. */
export type BatchStep = (typeof BATCH_STEPS)[number]

const STEP_FIELDS: Record<BatchStep, { variable: string; field: string }> = {
  linesRemove: {
    variable: '$lineIds: [ID!]!',
    field: 'cartLinesRemove(cartId: $cartId, lineIds: $lineIds)',
  },
  linesUpdate: {
    variable: '$updateLines: [CartLineUpdateInput!]!',
    field: 'cartLinesUpdate(cartId: $cartId, lines: $updateLines)',
  },
  linesAdd: {
    variable: '$addLines: [CartLineInput!]!',
    field: 'cartLinesAdd(cartId: $cartId, lines: $addLines)',
  },
  note: { variable: '$note: String!', field: 'cartNoteUpdate(cartId: $cartId, note: $note)' },
  attributes: {
    variable: '$attributes: [AttributeInput!]!',
    field: 'cartAttributesUpdate(cartId: $cartId, attributes: $attributes)',
  },
  discountCodes: {
    variable: '$discountCodes: [String!]!',
    field: 'cartDiscountCodesUpdate(cartId: $cartId, discountCodes: $discountCodes)',
  },
  buyerIdentity: {
    variable: '$buyerIdentity: CartBuyerIdentityInput!',
    field: 'cartBuyerIdentityUpdate(cartId: $cartId, buyerIdentity: $buyerIdentity)',
  },
  giftCardCodesAdd: {
    variable: '$giftCardCodes: [String!]!',
    field: 'cartGiftCardCodesAdd(cartId: $cartId, giftCardCodes: $giftCardCodes)',
  },
  giftCardCodesRemove: {
    variable: '$appliedGiftCardIds: [ID!]!',
    field: 'cartGiftCardCodesRemove(cartId: $cartId, appliedGiftCardIds: $appliedGiftCardIds)',
  },
  deliveryAddresses: {
    variable: '$addresses: [CartSelectableAddressInput!]!',
    field: 'cartDeliveryAddressesReplace(cartId: $cartId, addresses: $addresses)',
  },
  metafields: {
    variable: '$metafields: [CartMetafieldsSetInput!]!',
    field: 'cartMetafieldsSet(metafields: $metafields)',
  },
}

const batchCache = new Map<string, string>()

/**
 * The document for one batch: one aliased mutation per step, in {@link BATCH_STEPS} order,
 * sent in a single request. Only the last step reads the whole cart; the others return their
 * errors and warnings. The text depends only on which steps are present, so there are at
 * most 2^11 − 1 documents, and the tests validate them all.
 *
 * @example
 * batchMutation(new Set(['linesAdd', 'discountCodes']))
 */
export function batchMutation(steps: ReadonlySet<BatchStep>): string {
  const ordered = BATCH_STEPS.filter((step) => steps.has(step))
  if (ordered.length === 0) throw new Error('a batch needs at least one step')
  const cacheKey = ordered.join(',')
  const cached = batchCache.get(cacheKey)
  if (cached) return cached
  // Metafields alone read no cart: the document then declares only what it uses.
  const readsCart = ordered.some((step) => step !== 'metafields')
  const variables = [
    ...(readsCart ? ['$cartId: ID!'] : []),
    ...ordered.map((step) => STEP_FIELDS[step].variable),
    readsCart ? CONTEXT_VARIABLES : IN_CONTEXT_VARIABLES,
  ]
  const fields = ordered.map((step, index) => {
    if (step === 'metafields') {
      return `  ${step}: ${STEP_FIELDS[step].field} {
    userErrors { code field message }
  }`
    }
    const cart = index === ordered.length - 1 ? 'cart { ...ToteCart }' : 'cart { id }'
    return `  ${step}: ${STEP_FIELDS[step].field} {
    ${cart}
    userErrors { ...ToteUserError }
    warnings { ...ToteWarning }
  }`
  })
  const document = `mutation ToteCartBatch(${variables.join(', ')}) ${IN_CONTEXT} {
${fields.join('\n')}
}${readsCart ? `\n${CART_FRAGMENTS}\n${RESULT_FRAGMENTS}` : ''}`
  batchCache.set(cacheKey, document)
  return document
}

/** Every document the adapter can send: the fixed ones and every batch combination. */
export function allDocuments(): Array<{ name: string; document: string }> {
  const documents = [
    { name: 'CART_QUERY', document: CART_QUERY },
    { name: 'CART_LINES_QUERY', document: CART_LINES_QUERY },
    { name: 'MERCHANDISE_QUERY', document: MERCHANDISE_QUERY },
    { name: 'CART_CREATE_MUTATION', document: CART_CREATE_MUTATION },
  ]
  for (let mask = 1; mask < 1 << BATCH_STEPS.length; mask++) {
    const steps = new Set(BATCH_STEPS.filter((_, bit) => mask & (1 << bit)))
    documents.push({ name: `batch(${[...steps].join(',')})`, document: batchMutation(steps) })
  }
  return documents
}
