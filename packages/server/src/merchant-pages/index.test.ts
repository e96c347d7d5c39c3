import { lineKey } from '@tote/core/adapter'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATALOGUE, type SeedProduct } from '../catalogue/index.ts'
import { createManualClock } from '../clock/index.ts'
import { createToteServer, type ToteServer } from '../server/index.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'

let storage: Storage
let shops = 0
const ORIGIN = 'http://127.0.0.1:8787'

/** A product whose title is markup: the pages must show it as text. */
const HOSTILE: SeedProduct = {
  id: 'hostile-mug',
  title: '<img src=x onerror=alert(1)>Mug',
  description: 'A mug whose title is markup.',
  variants: [{ id: 'hostile-mug-white', title: 'White', options: [], price: 1200, stock: 10 }],
}

beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

/** A merchant in a browser: a server, and the cookie its sign-in link set. */
async function signedIn(options: { devRoutes?: boolean } = {}) {
  const clock = createManualClock(Date.UTC(2026, 0, 5, 9, 0))
  const server = await createToteServer({
    storage,
    clock,
    shop: { id: `pages-${++shops}`, recoveryUrl: '/recover' },
    catalogue: [...DEMO_CATALOGUE, HOSTILE],
    devRoutes: options.devRoutes ?? false,
    sweepIntervalMs: 0,
  })
  const login = await server.fetch(
    new Request(`${ORIGIN}/merchant/login?token=${server.merchantToken}`),
  )
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const get = (path: string) =>
    server.fetch(new Request(`${ORIGIN}${path}`, { headers: { cookie } }))
  const text = async (path: string) => {
    const response = await get(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }
  /** The form token the page at `path` carries. */
  const csrf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await text(path))![1]!
  const post = (path: string, form: Record<string, string>) =>
    server.fetch(
      new Request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }),
    )
  return { server, clock, login, cookie, get, text, csrf, post }
}

/** A shopper's cart with lines and a checkout email, through the protocol. */
async function checkoutCart(server: ToteServer, email: string, lines: [string, number][]) {
  const created = await server.fetch(
    new Request(`${ORIGIN}/v1/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ops: lines.map(([merchandiseId, quantity]) => ({
          type: 'setLine',
          merchandiseId,
          quantity,
          lineKey: lineKey(merchandiseId, {}),
        })),
      }),
    }),
  )
  const { cart } = (await created.json()) as { cart: { id: string } }
  await server.fetch(
    new Request(`${ORIGIN}/v1/carts/${cart.id}/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, consent: true }),
    }),
  )
  return cart.id
}

describe('signing in', () => {
  it('sends a visitor without a session to the sign-in page', async () => {
    const { server } = await signedIn()
    const response = await server.fetch(new Request(`${ORIGIN}/merchant/carts`))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/merchant/login')
  })

  it('signs in with the printed link, then drops the token from the address', async () => {
    const { login } = await signedIn()
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/merchant')
    const cookie = login.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\/merchant/)
  })

  it('makes the cookie Secure when the public URL is HTTPS', async () => {
    const server = await createToteServer({
      storage,
      shop: { id: `pages-${++shops}` },
      publicUrl: 'https://shop.example',
      seedDemo: false,
      sweepIntervalMs: 0,
    })
    const login = await server.fetch(
      new Request(`${ORIGIN}/merchant/login?token=${server.merchantToken}`),
    )
    expect(login.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('keeps the token out of the cookie', async () => {
    const { server, cookie } = await signedIn()
    expect(cookie).not.toContain(server.merchantToken)
  })

  it('refuses a wrong token', async () => {
    const { server } = await signedIn()
    const response = await server.fetch(new Request(`${ORIGIN}/merchant/login?token=nope`))
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('signs in with the token typed in the form', async () => {
    const { server } = await signedIn()
    const response = await server.fetch(
      new Request(`${ORIGIN}/merchant/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: server.merchantToken }),
      }),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('set-cookie')).toMatch(/^tote_merchant=/)
  })

  it('refuses a form posted without the session form token', async () => {
    const { post } = await signedIn()
    const response = await post('/merchant/settings', { enabled: 'on' })
    expect(response.status).toBe(403)
  })

  it('serves pages that run no script and are never cached', async () => {
    const { get } = await signedIn()
    const response = await get('/merchant')
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(response.headers.get('content-security-policy')).not.toMatch(/script-src/)
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('the pages', () => {
  it('lists abandoned carts and carts in checkout: what, when, for whom (docs/domain.md R1, R2)', async () => {
    const { server, clock, text } = await signedIn()
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    await checkoutCart(server, 'ada@example.com', [
      ['enamel-mug-white', 2],
      ['hostile-mug-white', 1],
    ])
    clock.advance(25 * 60_000)
    await checkoutCart(server, 'grace@example.com', [['dot-notebook-a5', 3]])

    const abandoned = await text('/merchant/carts?state=abandoned')
    expect(abandoned).toContain('ada@example.com')
    expect(abandoned).toContain('2 × Enamel mug')
    expect(abandoned).toContain('€41.00')
    expect(abandoned).not.toContain('grace@example.com')
    // The title is shown as text, never as markup.
    expect(abandoned).toContain('1 × &lt;img src=x onerror=alert(1)&gt;Mug')
    expect(abandoned).not.toContain('<img src=x')

    const checkout = await text('/merchant/carts?state=checkout')
    expect(checkout).toContain('grace@example.com')
    expect(checkout).toContain('3 × Dot-grid notebook')
    expect(checkout).not.toContain('ada@example.com')
  })

  it('shows statistics with a chart over time (docs/domain.md R10)', async () => {
    const { server, clock, text } = await signedIn()
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const cartId = await checkoutCart(server, 'ada@example.com', [['canvas-tote-black', 2]])
    clock.advance(25 * 60_000)
    expect((await server.sweep()).sent).toEqual([cartId])
    const recovered = await server.fetch(
      new Request(`${ORIGIN}/v1/carts/${cartId}/complete`, { method: 'POST' }),
    )
    expect(recovered.status).toBe(201)

    const overview = await text('/merchant')
    expect(overview).toMatch(/Recovery emails sent<\/div><div class="value">1</)
    expect(overview).toMatch(/Carts recovered<\/div><div class="value">1</)
    expect(overview).toContain('Recovered value</div><div class="value">€48.00')
    expect(overview.match(/<svg class="chart"/g)).toHaveLength(3)
    // Today's bar carries the value; the others are empty.
    expect(overview).toContain('<title>5 Jan: €48.00</title>')
    expect(overview).toContain('<title>4 Jan: €0.00</title>')

    const hourly = await text('/merchant?period=hours')
    expect(hourly).toContain('<title>09:00: 1</title>')
  })

  it('lists customer profiles and orders, the recovered ones marked (docs/domain.md R10, R13)', async () => {
    const { server, clock, text } = await signedIn()
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const cartId = await checkoutCart(server, 'Grace@Example.com', [['riso-poster-a3', 1]])
    clock.advance(25 * 60_000)
    await server.sweep()
    await server.fetch(new Request(`${ORIGIN}/v1/carts/${cartId}/complete`, { method: 'POST' }))

    const customers = await text('/merchant/customers')
    expect(customers).toContain('Grace@Example.com')
    expect(await text('/merchant/customers?query=nobody')).toContain('No customer matches.')
    const orders = await text('/merchant/orders')
    expect(orders).toContain('€35.00')
    expect(orders).toContain('recovered')
  })

  it('saves the settings, and refuses a delay outside 20 minutes – 2 days (docs/domain.md R5)', async () => {
    const { server, csrf, post, text } = await signedIn()
    const token = await csrf('/merchant/settings')

    const saved = await post('/merchant/settings', {
      _csrf: token,
      enabled: 'on',
      delayAmount: '3',
      delayUnit: 'hours',
      recipients: 'consented',
      maxEmailsPerAddressPerDay: '2',
    })
    expect(saved.status).toBe(303)
    expect(await server.merchant.settings()).toMatchObject({ enabled: true, delayMinutes: 180 })
    const page = await text('/merchant/settings?saved=1')
    expect(page).toContain('Settings saved.')
    expect(page).toMatch(/name="delayAmount"[^>]*value="3"/)
    expect(page).toMatch(/<option value="hours" selected>/)

    const refused = await post('/merchant/settings', {
      _csrf: token,
      delayAmount: '10',
      delayUnit: 'minutes',
      recipients: 'all',
      maxEmailsPerAddressPerDay: '2',
    })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('The settings were not saved')
    expect((await server.merchant.settings()).delayMinutes).toBe(180)

    // docs/domain.md R8: unticking turns the emails off.
    await post('/merchant/settings', {
      _csrf: token,
      delayAmount: '3',
      delayUnit: 'hours',
      recipients: 'all',
      maxEmailsPerAddressPerDay: '2',
    })
    expect((await server.merchant.settings()).enabled).toBe(false)
  })

  it("previews the email with the merchant's own text, as text (docs/domain.md R9)", async () => {
    const { server, csrf, post, text, get } = await signedIn()
    const saved = await post('/merchant/email', {
      _csrf: await csrf('/merchant/email'),
      message: 'Your <b>cart</b> misses you',
    })
    expect(saved.status).toBe(303)
    expect((await server.merchant.settings()).message).toBe('Your <b>cart</b> misses you')

    const page = await text('/merchant/email')
    expect(page).toContain('Your &lt;b&gt;cart&lt;/b&gt; misses you</textarea>')
    const preview = await get('/merchant/email/preview')
    expect(preview.headers.get('content-security-policy')).toMatch(/sandbox/)
    const email = await preview.text()
    expect(email).toContain('Your &lt;b&gt;cart&lt;/b&gt; misses you')
    expect(email).toContain('Complete your order')
  })

  it('changes a price and a stock', async () => {
    const { server, csrf, post, text } = await signedIn()
    const response = await post('/merchant/products', {
      _csrf: await csrf('/merchant/products'),
      variantId: 'dot-notebook-a5',
      price: '12.90',
      stock: '7',
    })
    expect(response.status).toBe(303)
    const page = await text('/merchant/products?saved=dot-notebook-a5')
    expect(page).toMatch(/id="variant-dot-notebook-a5-price"[^>]*value="12.90"/)
    expect(page).toMatch(/id="variant-dot-notebook-a5-stock"[^>]*value="7"/)
    const lookup = await server.fetch(
      new Request(`${ORIGIN}/v1/merchandise/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: ['dot-notebook-a5'] }),
      }),
    )
    const { merchandise } = (await lookup.json()) as {
      merchandise: { price: { amount: number }; quantityAvailable: number }[]
    }
    expect(merchandise[0]).toMatchObject({ price: { amount: 1290 }, quantityAvailable: 7 })
  })
})

describe('development tools', () => {
  it('fast-forwards the clock, sends the due email and lists it in the outbox', async () => {
    const { server, csrf, post, text } = await signedIn({ devRoutes: true })
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    await checkoutCart(server, 'ada@example.com', [['enamel-mug-white', 1]])
    expect(await text('/merchant/dev')).toContain('No emails yet')

    const moved = await post('/merchant/dev/fast-forward', {
      _csrf: await csrf('/merchant/dev'),
      minutes: '20',
    })
    expect(moved.status).toBe(303)
    expect(moved.headers.get('location')).toBe('/merchant/dev?moved=20&sent=1')

    const page = await text('/merchant/dev?moved=20&sent=1')
    expect(page).toContain('The clock moved 20 minutes ahead; the sweep sent 1 email.')
    expect(page).toContain('ada@example.com')
    expect(page).toMatch(
      /href="http:\/\/127\.0\.0\.1:8787\/recover\?token=tote1\.[^"]+" target="_blank" rel="noopener" data-recovery-link/,
    )
  })

  it('has no development page without devRoutes', async () => {
    const { get } = await signedIn()
    expect((await get('/merchant/dev')).status).toBe(404)
    await expect((await signedIn()).server.fastForward(60_000)).rejects.toThrow(
      'needs devRoutes: true',
    )
  })
})
