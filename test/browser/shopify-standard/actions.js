// A stand-in for the actions script Shopify injects on every Liquid storefront (standard
// storefront actions, June 2026), following the documented contract:
// - Shopify.actions.updateCart(payload, options), getCart(payload, options), openCart();
//   each has isDefault(); updateCart and openCart have configure({ handler, eventTarget }),
//   whose handler gets (defaultHandler, payload, options); getCart.configure throws a
//   TypeError (it is not configurable).
// - updateCart dispatches the matching cart events as it starts, from eventTarget() (else
//   document), with context 'standard-action' unless options.event.context says otherwise,
//   and a promise for the result; when the call fails the promise rejects and
//   shopify:cart:error is dispatched from the same target.
// - Without a configuration, updateCart writes through the AJAX cart and getCart reads
//   /cart.js; openCart goes to /cart.
const root = () => window.Shopify?.routes?.root ?? '/'

class StandardEvent extends Event {
  constructor(type, fields) {
    super(type, { bubbles: true, composed: true })
    Object.assign(this, fields)
  }
}

const money = (cents, currency) => ({ amount: (cents / 100).toFixed(2), currencyCode: currency })

async function readCart() {
  const cart = await (
    await fetch(`${root()}cart.js`, { headers: { accept: 'application/json' } })
  ).json()
  return {
    cart: {
      id: `gid://shopify/Cart/${cart.token}`,
      totalQuantity: cart.item_count,
      cost: { totalAmount: money(cart.total_price, cart.currency) },
      lines: cart.items.map((item) => ({
        id: item.key,
        quantity: item.quantity,
        merchandise: { id: `gid://shopify/ProductVariant/${item.variant_id}` },
        cost: { totalAmount: money(item.final_line_price, cart.currency) },
      })),
      discountCodes: (cart.discount_codes ?? []).map(({ code, applicable }) => ({
        code,
        applicable,
      })),
    },
  }
}

async function post(path, body) {
  const response = await fetch(`${root()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status >= 500) throw new Error(`${path} failed (${response.status})`)
}

const plain = (id) => String(id).replace(/^gid:\/\/shopify\/[A-Za-z]+\//, '')

async function defaultUpdateCart(payload = {}) {
  for (const line of payload.lines ?? []) {
    if (line.id === undefined)
      await post('cart/add.js', {
        items: [{ id: Number(plain(line.merchandiseId)), quantity: line.quantity ?? 1 }],
      })
    else await post('cart/change.js', { id: String(line.id), quantity: line.quantity })
  }
  if (typeof payload.note === 'string') await post('cart/update.js', { note: payload.note })
  return readCart()
}

/** The cart events an updateCart payload announces, as [type, fields]. */
function eventsOf(payload, context) {
  const events = []
  const lines = payload.lines ?? []
  const adds = lines.filter((line) => line.id === undefined)
  const removes = lines.filter((line) => line.id !== undefined && line.quantity === 0)
  const updates = lines.filter((line) => line.id !== undefined && line.quantity !== 0)
  if (adds.length > 0)
    events.push([
      'shopify:cart:lines-update',
      {
        action: 'add',
        context,
        lines: adds.map(({ merchandiseId, quantity }) => ({ merchandiseId, quantity })),
      },
    ])
  if (updates.length > 0)
    events.push([
      'shopify:cart:lines-update',
      { action: 'update', context, lines: updates.map(({ id, quantity }) => ({ id, quantity })) },
    ])
  if (removes.length > 0)
    events.push([
      'shopify:cart:lines-update',
      { action: 'remove', context, lines: removes.map(({ id }) => ({ id, quantity: 0 })) },
    ])
  if (typeof payload.note === 'string')
    events.push(['shopify:cart:note-update', { context, note: payload.note }])
  if (Array.isArray(payload.discountCodes))
    events.push([
      'shopify:cart:discount-update',
      { discountCodes: payload.discountCodes.map((code) => ({ code })) },
    ])
  if (Array.isArray(payload.attributes))
    events.push(['shopify:cart:attributes-update', { attributes: payload.attributes }])
  return events
}

function action(name, defaultHandler, { configurable = true, emits = false } = {}) {
  let configuration = null
  const call = (payload, options = {}) => {
    const run = () =>
      configuration?.handler
        ? configuration.handler(() => defaultHandler(payload, options), payload, options)
        : defaultHandler(payload, options)
    if (!emits) return Promise.resolve().then(run)
    const context = options.event?.context ?? 'standard-action'
    let settle
    const promise = new Promise((resolve, reject) => {
      settle = { resolve, reject }
    })
    const targets = eventsOf(payload ?? {}, context).map(([type, fields]) => {
      const target = configuration?.eventTarget?.({ type }) ?? document
      target.dispatchEvent(
        new StandardEvent(type, { ...fields, detail: options.event?.detail, promise }),
      )
      return target
    })
    promise.catch((error) => {
      const target =
        targets[0] ?? configuration?.eventTarget?.({ type: 'shopify:cart:error' }) ?? document
      target.dispatchEvent(
        new StandardEvent('shopify:cart:error', {
          error: String(error?.message ?? error),
          code: 'SERVICE_UNAVAILABLE',
        }),
      )
    })
    Promise.resolve().then(run).then(settle.resolve, settle.reject)
    return promise
  }
  call.isDefault = () => configuration === null
  call.configure = (options) => {
    if (!configurable) throw new TypeError(`Shopify.actions.${name} is not configurable`)
    configuration = options
    return true
  }
  return call
}

window.Shopify = window.Shopify ?? {}
window.Shopify.actions = {
  updateCart: action('updateCart', defaultUpdateCart, { emits: true }),
  getCart: action('getCart', readCart, { configurable: false }),
  openCart: action('openCart', async () => {
    window.location.assign(`${root()}cart`)
  }),
}
