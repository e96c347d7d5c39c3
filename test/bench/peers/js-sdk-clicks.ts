/**
 * "Add to cart" clicks the way a storefront built on `@medusajs/js-sdk` sends them: one Store
 * API request per click, the storefront showing the cart of the latest answer. Used by
 * `pnpm bench:peers` (fake Medusa) and `pnpm bench:medusa` (a real one).
 */

/** A cart as the js-sdk's cart routes answer it (the fields these handlers read). */
export interface SdkCart {
  id: string
  items?: Array<{ id: string; variant_id?: string | null; quantity: number }> | null
}

/** The part of `@medusajs/js-sdk` the click handlers call. */
export interface MedusaSdk {
  store: {
    cart: {
      create(body: unknown): Promise<{ cart: SdkCart }>
      createLineItem(cartId: string, body: unknown): Promise<{ cart: SdkCart }>
      updateLineItem(cartId: string, lineItemId: string, body: unknown): Promise<{ cart: SdkCart }>
    }
  }
}

/** What the clicks came to, once every request answered. */
export interface ClickResult {
  cartId: string
  /** Clicks whose request failed. */
  failed: number
  /** Why they failed, as Medusa answered. */
  reasons: string[]
  /** The quantity of the variant in the cart the storefront shows (the latest answer's). */
  shown: number
}

/** A click handler: `click()` per click, then `finish()` once the clicks are over. */
export interface ClickHandler {
  click(): void
  finish(): Promise<ClickResult>
}

interface Target {
  regionId: string
  variantId: string
}

function tracker(variantId: string) {
  let shown = 0
  let latest: SdkCart | null = null
  const reasons: string[] = []
  let failed = 0
  return {
    /** The cart of the latest answer, as the storefront renders it. */
    latest: () => latest,
    show(cart: SdkCart) {
      latest = cart
      shown = (cart.items ?? [])
        .filter((item) => item.variant_id === variantId)
        .reduce((sum, item) => sum + item.quantity, 0)
    },
    fail(error: { status?: number; message?: string }) {
      failed++
      reasons.push(`${error.status ?? ''} ${error.message ?? String(error)}`.trim())
    },
    result: (cartId: string): ClickResult => ({ cartId, failed, reasons, shown }),
  }
}

/**
 * One request per click, sent at once: the first click creates the cart with the item, each
 * other one adds a unit (`createLineItem`) as soon as the cart exists.
 */
export function oneRequestPerClick(sdk: MedusaSdk, target: Target): ClickHandler {
  const state = tracker(target.variantId)
  let cart: Promise<SdkCart> | null = null
  const clicks: Promise<unknown>[] = []
  return {
    click() {
      if (cart === null) {
        cart = sdk.store.cart
          .create({
            region_id: target.regionId,
            items: [{ variant_id: target.variantId, quantity: 1 }],
          })
          .then((answer) => {
            state.show(answer.cart)
            return answer.cart
          })
        clicks.push(cart)
        return
      }
      clicks.push(
        cart
          .then(({ id }) =>
            sdk.store.cart.createLineItem(id, { variant_id: target.variantId, quantity: 1 }),
          )
          .then((answer) => state.show(answer.cart), state.fail),
      )
    },
    async finish() {
      await Promise.all(clicks)
      if (cart === null) throw new Error('no click was made')
      return state.result((await cart).id)
    },
  }
}

/** One request per click again, each sent once the one before answered (a promise chain). */
export function oneRequestPerClickInTurn(sdk: MedusaSdk, target: Target): ClickHandler {
  const state = tracker(target.variantId)
  let chain: Promise<string> | null = null
  return {
    click() {
      chain =
        chain === null
          ? sdk.store.cart
              .create({
                region_id: target.regionId,
                items: [{ variant_id: target.variantId, quantity: 1 }],
              })
              .then((answer) => {
                state.show(answer.cart)
                return answer.cart.id
              })
          : chain.then((id) =>
              sdk.store.cart.createLineItem(id, { variant_id: target.variantId, quantity: 1 }).then(
                (answer) => {
                  state.show(answer.cart)
                  return id
                },
                (error) => {
                  state.fail(error)
                  return id
                },
              ),
            )
    },
    async finish() {
      if (chain === null) throw new Error('no click was made')
      return state.result(await chain)
    },
  }
}

/**
 * "+" on a line already in the cart, as the Medusa storefront guide's quantity control does it:
 * `updateLineItem(cartId, item.id, { quantity: item.quantity + 1 })`, `item` being the line as
 * the latest answer shows it, each request sent at once. `start` puts the line in a new cart
 * at quantity 1 first.
 */
export function stepperClicks(sdk: MedusaSdk, target: Target) {
  const state = tracker(target.variantId)
  const clicks: Promise<unknown>[] = []
  let cartId = ''
  return {
    async start() {
      const { cart } = await sdk.store.cart.create({
        region_id: target.regionId,
        items: [{ variant_id: target.variantId, quantity: 1 }],
      })
      cartId = cart.id
      state.show(cart)
    },
    click() {
      const item = state.latest()?.items?.find((line) => line.variant_id === target.variantId)
      if (!item) throw new Error('the line is not in the cart')
      clicks.push(
        sdk.store.cart
          .updateLineItem(cartId, item.id, { quantity: item.quantity + 1 })
          .then((answer) => state.show(answer.cart), state.fail),
      )
    },
    async finish(): Promise<ClickResult> {
      await Promise.all(clicks)
      return state.result(cartId)
    },
  }
}
