import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningShop, startShop } from './shop.ts'

// The demo shop over plain HTTP: every page answers, on one origin, and a taken port is
// replaced by a free one. test/browser/demo-shop.test.ts clicks through it in Chromium.

let blocker: Server
let taken: number
let shop: RunningShop
let cookie: string

beforeAll(async () => {
  blocker = createServer()
  taken = await new Promise<number>((resolve) => {
    blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port))
  })
  shop = await startShop({ port: taken })
  const login = await fetch(shop.merchantLoginUrl, { redirect: 'manual' })
  cookie = login.headers.get('set-cookie')!.split(';')[0]!
}, 120_000)

afterAll(async () => {
  await shop?.stop()
  await new Promise((resolve) => blocker?.close(resolve))
})

describe('the demo shop', () => {
  it('uses another port when the one asked for is taken, and says which', () => {
    expect(shop.portTaken).toBe(taken)
    expect(shop.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(shop.url).not.toBe(`http://127.0.0.1:${taken}`)
  })

  it.each([
    ['/', 'text/html'],
    ['/products/enamel-mug', 'text/html'],
    ['/checkout/cart_abc', 'text/html'],
    ['/recover', 'text/html'],
    ['/shop/app.js', 'text/javascript'],
    ['/shop/app.css', 'text/css'],
    ['/shop/catalogue.json', 'application/json'],
    ['/shop/pictures/canvas-tote.svg', 'image/svg+xml'],
    ['/merchant/login', 'text/html'],
    ['/theme/', 'text/html'],
    ['/theme/recover.html', 'text/html'],
    ['/theme/tote.global.js', 'text/javascript'],
    ['/theme/assets/theme.css', 'text/css'],
    ['/theme/assets/enamel-mug.svg', 'image/svg+xml'],
  ])('serves %s', async (path, type) => {
    const response = await fetch(`${shop.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain(type)
  })

  it.each([
    '/merchant',
    '/merchant?period=hours',
    '/merchant/carts?state=abandoned',
    '/merchant/carts?state=checkout',
    '/merchant/settings',
    '/merchant/email',
    '/merchant/email/preview',
    '/merchant/products',
    '/merchant/customers',
    '/merchant/orders',
    '/merchant/dev',
  ])('serves the merchant page %s once signed in', async (path) => {
    const response = await fetch(`${shop.url}${path}`, { headers: { cookie } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
  })

  it('serves every stylesheet and picture the example theme names', async () => {
    const theme = await (await fetch(`${shop.url}/theme/`)).text()
    const assets = [...theme.matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((match) => match[1])
    expect(assets).toContain('assets/theme.css')
    for (const asset of new Set(assets)) {
      const response = await fetch(new URL(asset!, `${shop.url}/theme/`))
      expect(response.status, asset).toBe(200)
    }
  })

  it('points the example theme at the shop itself', async () => {
    const theme = await (await fetch(`${shop.url}/theme/`)).text()
    expect(theme).toContain(`endpoint="${shop.url}"`)
    expect(theme).toContain('src="/theme/tote.global.js"')
  })

  it('answers 404 for a product the shop does not sell', async () => {
    expect((await fetch(`${shop.url}/products/unicorn`)).status).toBe(404)
  })

  it('loads its chunks: recovery and the other languages only where needed', async () => {
    const app = await (await fetch(`${shop.url}/shop/app.js`)).text()
    const chunks = [...app.matchAll(/"\.\/(chunks\/[\w-]+\.js)"/g)].map((match) => match[1])
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    for (const chunk of chunks) {
      expect((await fetch(`${shop.url}/shop/${chunk}`)).status).toBe(200)
    }
  })

  it('links recovery emails and checkouts to its own pages', async () => {
    expect(shop.server.recoveryUrl('cart_x')).toMatch(
      new RegExp(`^${shop.url}/recover\\?token=tote1\\.`),
    )
    const pictures = await fetch(`${shop.url}/v1/merchandise/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: ['enamel-mug-white'] }),
    })
    const { merchandise } = (await pictures.json()) as { merchandise: { image: { url: string } }[] }
    expect(merchandise[0]!.image.url).toBe(`${shop.url}/shop/pictures/enamel-mug.svg`)
  })
})
