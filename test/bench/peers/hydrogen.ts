/**
 * A product page built with `@shopify/hydrogen-react`'s cart, rendered by react-dom into a
 * happy-dom document: `<ShopifyProvider>`, `<CartProvider>`, a `<ProductProvider>` with an
 * `<AddToCartButton>`, and the cart's quantity from `useCart()`. Clicks are DOM clicks on the
 * button, so React's event handling (and the button's `disabled`) apply as in a browser.
 */
import {
  AddToCartButton,
  CartLineProvider,
  CartLineQuantityAdjustButton,
  CartProvider,
  ProductProvider,
  ShopifyProvider,
  useCart,
} from '@shopify/hydrogen-react'
import { Window } from 'happy-dom'
import { type ComponentProps, createElement as h, useEffect, useMemo } from 'react'
import { STOREFRONT_API_VERSION } from '../../../packages/adapter-shopify/src/adapter/index.ts'

/**
 * hydrogen-react's default cart fragment (`defaultCartFragment`, passed to `<CartProvider>` as
 * its documented `cartFragment` prop) with three differences the fake Storefront API needs: the
 * lines as `nodes` rather than `edges { node }` (the same connection), and without
 * `requiresShipping` and `product.handle`, which the fake does not serve. The mutations, the
 * state machine and the requests are hydrogen-react's own.
 */
const CART_FRAGMENT = `
  fragment CartFragment on Cart {
    id
    checkoutUrl
    totalQuantity
    buyerIdentity {
      countryCode
      customer {
        id
        email
        firstName
        lastName
        displayName
      }
      email
      phone
    }
    lines(first: $numCartLines) {
      nodes {
          id
          quantity
          attributes {
            key
            value
          }
          cost {
            totalAmount {
              amount
              currencyCode
            }
            compareAtAmountPerQuantity {
              amount
              currencyCode
            }
          }
          merchandise {
            ... on ProductVariant {
              id
              availableForSale
              compareAtPrice {
                ...MoneyFragment
              }
              price {
                ...MoneyFragment
              }
              title
              image {
                ...ImageFragment
              }
              product {
                title
                id
              }
              selectedOptions {
                name
                value
              }
            }
          }
      }
    }
    cost {
      subtotalAmount {
        ...MoneyFragment
      }
      totalAmount {
        ...MoneyFragment
      }
      totalDutyAmount {
        ...MoneyFragment
      }
      totalTaxAmount {
        ...MoneyFragment
      }
    }
    note
    attributes {
      key
      value
    }
    discountCodes {
      code
      applicable
    }
  }

  fragment MoneyFragment on MoneyV2 {
    currencyCode
    amount
  }
  fragment ImageFragment on Image {
    id
    url
    altText
    width
    height
  }
`

let dom: Window | undefined

/**
 * Installs one happy-dom window as the global `window` and `document` for the rest of the
 * process (react-dom decides whether it can use the DOM when first imported). Node's own
 * `fetch` stays: the cart's requests go through the simulated network like everyone else's.
 */
function installDom(): Window {
  if (dom) return dom
  dom = new Window({ url: 'http://127.0.0.1/' })
  const globals = globalThis as Record<string, unknown>
  globals.window = dom
  globals.document = dom.document
  globals.navigator ??= dom.navigator
  globals.DOMException ??= dom.DOMException
  globals.IS_REACT_ACT_ENVIRONMENT = false
  return dom
}

interface PageProps {
  storeDomain: string
  storefrontToken: string
  variantId: string
  onStatus(status: string): void
}

/** The cart's quantity, as a header badge shows it, and each line with its "+" button. */
function CartSummary({ onStatus }: Pick<PageProps, 'onStatus'>) {
  const cart = useCart()
  useEffect(() => {
    onStatus(cart.status)
  }, [cart.status, onStatus])
  return h(
    'div',
    null,
    h('output', { id: 'cart-count' }, String(cart.totalQuantity ?? 0)),
    ...(cart.lines ?? []).map((line) =>
      h(
        CartLineProvider,
        {
          // useCart() gives lines as deep partials; the provider takes the line it renders.
          ...({ line } as ComponentProps<typeof CartLineProvider>),
          key: line?.id,
        },
        h(
          CartLineQuantityAdjustButton,
          { adjust: 'increase', className: 'plus' } as ComponentProps<
            typeof CartLineQuantityAdjustButton
          >,
          '+',
        ),
      ),
    ),
  )
}

/** One product with its "Add to cart" button, inside the providers a Hydrogen app sets up. */
function ProductPage(props: PageProps) {
  // The product as a product query gives it, trimmed to what the provider reads.
  const product = useMemo(
    (): ComponentProps<typeof ProductProvider>['data'] => ({
      id: 'gid://shopify/Product/3',
      title: 'Gift card',
      sellingPlanGroups: { nodes: [] },
      variants: {
        nodes: [
          {
            id: props.variantId,
            title: '50 €',
            availableForSale: true,
            selectedOptions: [{ name: 'Title', value: '50 €' }],
            price: { amount: '50.0', currencyCode: 'EUR' },
          },
        ],
      },
    }),
    [props.variantId],
  )
  return h(
    ShopifyProvider,
    {
      storeDomain: props.storeDomain,
      storefrontToken: props.storefrontToken,
      storefrontApiVersion: STOREFRONT_API_VERSION,
      countryIsoCode: 'US',
      languageIsoCode: 'EN',
    },
    h(
      CartProvider,
      { cartFragment: CART_FRAGMENT } as ComponentProps<typeof CartProvider>,
      h(
        ProductProvider,
        { data: product, initialVariantId: props.variantId } as ComponentProps<
          typeof ProductProvider
        >,
        h(
          AddToCartButton,
          { variantId: props.variantId, id: 'add' } as ComponentProps<typeof AddToCartButton>,
          'Add to cart',
        ),
      ),
      h(CartSummary, { onStatus: props.onStatus }),
    ),
  )
}

/** The page of one run. */
export interface HydrogenShop {
  /** Clicks "Add to cart" (a DOM click: ignored while the button is disabled). */
  click(): void
  /** Clicks the "+" of the first cart line (ignored while disabled, as above). */
  plus(): void
  /** Resolves once the cart's status is `idle` again. */
  idle(): Promise<void>
  /** The quantity the page shows. */
  shown(): number
  /** The cart id hydrogen-react stored, or `null`. */
  cartId(): string | null
  unmount(): void
}

/** Renders the product page against the Storefront API at `storeDomain`. */
export async function openHydrogenShop(options: {
  storeDomain: string
  storefrontToken: string
  variantId: string
}): Promise<HydrogenShop> {
  const window = installDom()
  window.localStorage.clear()
  const { createRoot } = await import('react-dom/client')
  let status = 'uninitialized'
  const container = window.document.createElement('div')
  window.document.body.appendChild(container)
  const root = createRoot(container as unknown as HTMLElement)
  root.render(
    h(ProductPage, {
      ...options,
      onStatus: (next) => {
        status = next
      },
    }),
  )
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  // Wait for the first render and the cart to be ready (no stored cart id: no request).
  while (status === 'uninitialized' && !container.querySelector('#add')) await sleep(5)
  await sleep(20)

  return {
    click() {
      ;(container.querySelector('#add') as unknown as { click(): void }).click()
    },
    plus() {
      ;(container.querySelector('.plus') as unknown as { click(): void }).click()
    },
    async idle() {
      while (status !== 'idle' && status !== 'uninitialized') await sleep(5)
      await sleep(20)
    },
    shown: () => Number(container.querySelector('#cart-count')?.textContent ?? 0),
    cartId: () => window.localStorage.getItem('shopifyCartId'),
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}
