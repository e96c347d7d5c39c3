// A stand-in for an app running on the storefront: it listens to the standard cart events
// (recording each with the result of its promise) and calls the standard actions, as apps
// and agents do. The test drives it through window.standardApp.
const seen = []
const record = (event, outcome) => {
  seen.push({
    type: event.type,
    action: event.action,
    context: event.context,
    lines: event.lines,
    note: event.note,
    discountCodes: event.discountCodes,
    error: event.error,
    code: event.code,
    target: event.target?.localName ?? '#document',
    outcome,
  })
}

for (const type of [
  'shopify:cart:lines-update',
  'shopify:cart:note-update',
  'shopify:cart:discount-update',
]) {
  document.addEventListener(type, (event) => {
    event.promise.then(
      (result) =>
        record(event, {
          resolved: true,
          totalQuantity: result.cart?.totalQuantity,
          userErrors: result.userErrors ?? [],
          warnings: result.warnings ?? [],
        }),
      (error) => record(event, { resolved: false, error: String(error?.message ?? error) }),
    )
  })
}
document.addEventListener('shopify:cart:error', (event) => record(event, null))

window.standardApp = {
  /** The events seen so far, each once its promise settled. */
  seen,
  /** Adds through Shopify.actions.updateCart, as an upsell app would. */
  add: (merchandiseId, quantity) =>
    window.Shopify.actions.updateCart({ lines: [{ merchandiseId, quantity }] }),
  update: (payload) => window.Shopify.actions.updateCart(payload),
  getCart: () => window.Shopify.actions.getCart(),
  openCart: () => window.Shopify.actions.openCart(),
  configured: () => ({
    updateCart: !window.Shopify.actions.updateCart.isDefault(),
    openCart: !window.Shopify.actions.openCart.isDefault(),
  }),
  /**
   * Adds through the AJAX API directly, announcing it with a standard event as a theme-aware
   * app does.
   */
  async addDirectly(id, quantity) {
    let settle
    const promise = new Promise((resolve) => {
      settle = resolve
    })
    const event = new Event('shopify:cart:lines-update', { bubbles: true })
    Object.assign(event, {
      action: 'add',
      context: 'product',
      lines: [{ merchandiseId: String(id), quantity }],
      promise,
    })
    document.body.dispatchEvent(event)
    await fetch(`${window.Shopify.routes.root}cart/add.js`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ items: [{ id, quantity }] }),
    })
    settle({ cart: null })
  },
}
