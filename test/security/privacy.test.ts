// Privacy over HTTP on 127.0.0.1, on embedded storage and on PostgreSQL: who gets recovery
// emails, how many, the one-click unsubscribe link (RFC 8058), consent on anonymous carts,
// erasure requests and the retention of expired carts. Each test asserts what was (not)
// stored and (not) sent.
import { createToteServer, type Storage } from '@tote/server'
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { DAY, MINUTE, openShop } from './merchant-shop.ts'

type Shop = Awaited<ReturnType<typeof openShop>>

/** Turns recovery emails on (20 minutes), with extra settings. */
async function enable(shop: Shop, settings: Record<string, unknown> = {}) {
  const answer = await shop.merchant('PUT', '/v1/merchant/abandonment/settings', {
    enabled: true,
    delayMinutes: 20,
    ...settings,
  })
  expect(answer.status).toBe(200)
  return answer.body.settings
}

/** Where each cart's recovery email stands, from storage. */
async function emailRows(storage: Storage, shop: Shop) {
  const { rows } = await storage.query<{
    cart_id: string
    status: string
    skipped_reason: string | null
  }>(
    'SELECT cart_id, status, skipped_reason FROM abandonment_emails WHERE shop_id = $1 ORDER BY cart_id',
    [shop.server.shop.id],
  )
  return new Map(rows.map((row) => [row.cart_id, [row.status, row.skipped_reason]]))
}

describeOnEachStorage('tote_sec_privacy', (label, storage) => {
  it(`emails everyone who gave an address by default, or only who agreed to marketing (${label})`, async () => {
    const shop = await openShop(storage())
    const defaults = await shop.merchant('GET', '/v1/merchant/abandonment/settings')
    expect(defaults.body.settings).toMatchObject({
      recipients: 'all',
      maxEmailsPerAddressPerDay: 1,
    })
    expect(await enable(shop, { recipients: 'consented' })).toMatchObject({
      recipients: 'consented',
    })
    const refused = await shop.merchant('PUT', '/v1/merchant/abandonment/settings', {
      recipients: 'everyone',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.code).toBe('invalid_request')

    const silent = await shop.newCart()
    await shop.captureEmail(silent, 'silent@example.com', false)
    const agreed = await shop.newCart()
    await shop.captureEmail(agreed, 'agreed@example.com', true)
    shop.clock.advance(20 * MINUTE)
    expect(await shop.server.sweep()).toEqual({ sent: [agreed], failed: [] })
    expect((await shop.outbox.list()).map((email) => email.to)).toEqual(['agreed@example.com'])
    const rows = await emailRows(storage(), shop)
    expect(rows.get(silent)).toEqual(['cancelled', 'no_consent'])
    expect(rows.get(agreed)).toEqual(['sent', null])

    // Cancelled for good: turning the setting back sends nothing for that cart.
    await enable(shop, { recipients: 'all' })
    shop.clock.advance(DAY)
    expect((await shop.server.sweep()).sent).toEqual([])
  })

  it(`sends one address at most the daily number of recovery emails, however many carts it left (${label})`, async () => {
    const shop = await openShop(storage())
    await enable(shop)
    const carts: string[] = []
    for (let index = 0; index < 50; index++) {
      const cartId = await shop.newCart()
      await shop.captureEmail(cartId, index % 2 ? 'ADA@example.com' : 'ada@Example.COM')
      carts.push(cartId)
    }
    await shop.captureEmail(await shop.newCart(), 'grace@example.com')
    shop.clock.advance(20 * MINUTE)
    const first = await shop.server.sweep()
    expect(first.failed).toEqual([])
    expect(first.sent).toHaveLength(2)
    const toAda = (await shop.outbox.list()).filter(
      (email) => email.to.trim().toLowerCase() === 'ada@example.com',
    )
    expect(toAda).toHaveLength(1)
    const rows = await emailRows(storage(), shop)
    const limited = carts.filter((cartId) => rows.get(cartId)?.[1] === 'address_limit')
    expect(limited).toHaveLength(49)
    expect((await shop.server.sweep()).sent).toEqual([])

    // The next day the address may get one again; the merchant may allow a few more.
    shop.clock.advance(DAY)
    await enable(shop, { maxEmailsPerAddressPerDay: 2 })
    const next = [await shop.newCart(), await shop.newCart(), await shop.newCart()]
    for (const cartId of next) await shop.captureEmail(cartId, 'ada@example.com')
    shop.clock.advance(20 * MINUTE)
    const sent = (await shop.server.sweep()).sent
    expect(sent).toHaveLength(2)
    const over = next.find((cartId) => !sent.includes(cartId))!
    expect((await emailRows(storage(), shop)).get(over)).toEqual(['cancelled', 'address_limit'])
    expect(
      (
        await shop.merchant('PUT', '/v1/merchant/abandonment/settings', {
          maxEmailsPerAddressPerDay: 11,
        })
      ).status,
    ).toBe(400)
  })

  it(`keeps the daily limit when several instances sweep at once (${label})`, async () => {
    const shop = await openShop(storage())
    await enable(shop)
    const others = await Promise.all(
      [1, 2].map(() =>
        createToteServer({
          storage: storage(),
          clock: shop.clock,
          mailer: shop.outbox,
          shop: shop.server.shop,
          sweepIntervalMs: 0,
        }),
      ),
    )
    for (let index = 0; index < 6; index++) {
      await shop.captureEmail(await shop.newCart(), 'ada@example.com')
    }
    shop.clock.advance(20 * MINUTE)
    const results = await Promise.all([
      shop.server.sweep(),
      ...others.map((other) => other.sweep()),
    ])
    expect(results.flatMap((result) => result.sent)).toHaveLength(1)
    expect(await shop.outbox.list()).toHaveLength(1)
  })

  it(`puts a signed one-click unsubscribe link in every recovery email, and honours it for good (${label})`, async () => {
    const shop = await openShop(storage())
    await enable(shop)
    const cartId = await shop.newCart()
    await shop.captureEmail(cartId, 'Ada.Lovelace@example.com')
    shop.clock.advance(20 * MINUTE)
    expect((await shop.server.sweep()).sent).toEqual([cartId])
    const [email] = await shop.outbox.list()
    const link = /^<(.+)>$/.exec(email!.headers!['List-Unsubscribe']!)![1]!
    expect(email!.headers).toEqual({
      'List-Unsubscribe': `<${link}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
    expect(link.startsWith(`${shop.url}/v1/unsubscribe?token=toteu1.`)).toBe(true)
    expect(email!.text).toContain(`Unsubscribe from cart reminders: ${link}`)
    expect(email!.html).toContain(link.replaceAll('&', '&amp;'))
    // No personal data in the link: the token holds the shop and a random recipient id.
    const token = new URL(link).searchParams.get('token')!
    const claims = Buffer.from(token.split('.')[2]!, 'base64url').toString('utf8')
    expect(Object.keys(JSON.parse(claims)).sort()).toEqual(['r', 's'])
    expect(decodeURIComponent(link).toLowerCase()).not.toContain('lovelace')
    const path = new URL(link).pathname + new URL(link).search
    const recipient = async () =>
      (
        await storage().query<{ unsubscribed_at: Date | null }>(
          'SELECT unsubscribed_at FROM email_recipients WHERE shop_id = $1',
          [shop.server.shop.id],
        )
      ).rows

    // GET only asks: link scanners follow links.
    const page = await shop.call('GET', path)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page.text).toContain('<form method="post"')
    expect(page.text).toContain('Stop getting cart reminder emails from Atelier Tote?')
    expect(await recipient()).toEqual([{ unsubscribed_at: null }])

    // What a mail client's button sends (RFC 8058).
    const oneClick = await shop.call('POST', path, 'List-Unsubscribe=One-Click', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(oneClick.status).toBe(200)
    expect(oneClick.text).toContain('You are unsubscribed.')
    const [row] = await recipient()
    expect(new Date(row!.unsubscribed_at!).toISOString()).toBe('2026-01-05T09:20:00.000Z')
    const again = await shop.call('POST', path, 'List-Unsubscribe=One-Click', {
      'content-type': 'multipart/form-data; boundary=x',
    })
    expect(again.status).toBe(200)
    expect((await shop.call('GET', path)).text).toContain('You are unsubscribed.')

    // The address, in any case, never gets another recovery email from this shop.
    shop.clock.advance(2 * DAY)
    const later = await shop.newCart()
    await shop.captureEmail(later, 'ADA.LOVELACE@example.com', true)
    shop.clock.advance(20 * MINUTE)
    expect(await shop.server.sweep()).toEqual({ sent: [], failed: [] })
    expect(await shop.outbox.list()).toHaveLength(1)
    expect((await emailRows(storage(), shop)).get(later)).toEqual(['cancelled', 'unsubscribed'])
  })

  it(`refuses a tampered or missing unsubscribe token, and renders the shop's name as text (${label})`, async () => {
    const shop = await openShop(storage(), {
      shop: {
        id: `sec-xss-${label === 'embedded' ? 'e' : 'p'}-${Date.now()}`,
        name: '<script>alert(1)</script> & Co',
        contact: { email: '"><img src=x onerror=alert(1)>@example.com' },
      },
    })
    await enable(shop)
    const cartId = await shop.newCart()
    await shop.captureEmail(cartId, 'ada@example.com')
    shop.clock.advance(20 * MINUTE)
    await shop.server.sweep()
    const [email] = await shop.outbox.list()
    const url = new URL(/^<(.+)>$/.exec(email!.headers!['List-Unsubscribe']!)![1]!)
    const token = url.searchParams.get('token')!
    const page = await shop.call('GET', `/v1/unsubscribe?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co')
    expect(page.text).not.toContain('<script>')

    const parts = token.split('.')
    const forged = Buffer.from(
      JSON.stringify({ s: shop.server.shop.id, r: 'rcp_someoneelse' }),
    ).toString('base64url')
    const tampered = [parts[0], parts[1], forged, parts[3]].join('.')
    const refusedPage = await shop.call('GET', `/v1/unsubscribe?token=${tampered}`)
    expect(refusedPage.status).toBe(400)
    expect(refusedPage.headers.get('content-type')).toMatch(/^text\/html/)
    expect(refusedPage.text).toContain('invalid_unsubscribe_link')
    expect(refusedPage.text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.com')
    expect(refusedPage.text).not.toContain('<img')
    for (const [query, reason] of [
      [`token=${tampered}`, 'tampered'],
      ['', 'malformed'],
      ['token=tote1.a.b.c', 'malformed'],
    ] as const) {
      const refused = await shop.call(
        'POST',
        `/v1/unsubscribe?${query}`,
        'List-Unsubscribe=One-Click',
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      )
      expect(refused.status).toBe(400)
      expect(refused.body).toEqual({
        code: 'invalid_unsubscribe_link',
        message: 'This unsubscribe link is not valid',
        details: { reason },
      })
    }
    const { rows } = await storage().query(
      'SELECT 1 FROM email_recipients WHERE shop_id = $1 AND unsubscribed_at IS NOT NULL',
      [shop.server.shop.id],
    )
    expect(rows).toEqual([])
  })

  it(`keeps consent given on an anonymous cart on that cart, never flipping a profile to yes (${label})`, async () => {
    const shop = await openShop(storage())
    const consent = async (email: string) =>
      (
        await storage().query<{ marketing_consent: boolean }>(
          'SELECT marketing_consent FROM customers WHERE shop_id = $1 AND email_normalized = $2',
          [shop.server.shop.id, email],
        )
      ).rows[0]?.marketing_consent

    const mine = await shop.newCart()
    await shop.captureEmail(mine, 'ada@example.com', false)
    expect(await consent('ada@example.com')).toBe(false)
    // Someone else types Ada's address and ticks the box.
    const theirs = await shop.newCart()
    const captured = await shop.captureEmail(theirs, 'Ada@Example.com', true)
    expect(captured.text).not.toContain('marketing')
    expect(await consent('ada@example.com')).toBe(false)
    const carts = await storage().query<{ id: string; marketing_consent: boolean }>(
      'SELECT id, marketing_consent FROM carts WHERE id = ANY($1::text[]) ORDER BY id',
      [[mine, theirs]],
    )
    expect(new Map(carts.rows.map((row) => [row.id, row.marketing_consent]))).toEqual(
      new Map([
        [mine, false],
        [theirs, true],
      ]),
    )
    // A new address with consent makes a profile without it.
    await shop.captureEmail(await shop.newCart(), 'grace@example.com', true)
    expect(await consent('grace@example.com')).toBe(false)
    // A profile's own consent is not taken away by a cart either.
    await storage().query(
      'UPDATE customers SET marketing_consent = true WHERE shop_id = $1 AND email_normalized = $2',
      [shop.server.shop.id, 'grace@example.com'],
    )
    await shop.captureEmail(await shop.newCart(), 'grace@example.com', false)
    expect(await consent('grace@example.com')).toBe(true)
  })

  it(`carries out an erasure request: the address leaves carts, outbox and idempotency records (${label})`, async () => {
    const shop = await openShop(storage())
    await enable(shop)
    const adaCart = await shop.newCart({ 'idempotency-key': 'ada-create' })
    await shop.captureEmail(adaCart, 'Ada@Example.com', true, { 'idempotency-key': 'ada-email' })
    await shop.call('POST', `/v1/carts/${adaCart}/ops`, {
      ops: [{ type: 'setNote', note: 'for Ada L.' }],
    })
    const graceCart = await shop.newCart()
    await shop.captureEmail(graceCart, 'grace@example.com', false, {
      'idempotency-key': 'grace-email',
    })
    shop.clock.advance(20 * MINUTE)
    expect((await shop.server.sweep()).sent.sort()).toEqual([adaCart, graceCart].sort())
    const later = await shop.newCart()
    await shop.captureEmail(later, 'ada@example.com')
    const ada = await shop.customerIdOf('ada@example.com')
    const holdsAda = async () =>
      (
        await storage().query<{ key: string }>(
          `SELECT key FROM idempotency_keys WHERE shop_id = $1 AND strpos(lower(response::text), 'ada@example.com') > 0`,
          [shop.server.shop.id],
        )
      ).rows.map((row) => row.key)
    expect(await holdsAda()).toEqual(['ada-email'])

    const requested = await shop.merchant('POST', `/v1/merchant/customers/${ada}/erasure`)
    expect(requested.status).toBe(202)
    expect(requested.body.erasure).toMatchObject({ status: 'pending', completedAt: null })
    const repeated = await shop.merchant('POST', `/v1/merchant/customers/${ada}/erasure`)
    expect(repeated.body.erasure.id).toBe(requested.body.erasure.id)
    // Pending: the profile cannot be deleted (R15), and the queued email is cancelled at once.
    const kept = await shop.merchant('DELETE', `/v1/merchant/customers/${ada}`)
    expect(kept.status).toBe(409)
    expect(kept.body.details).toEqual({ reasons: ['erasure_pending'] })
    expect((await emailRows(storage(), shop)).get(later)).toEqual(['cancelled', null])

    shop.clock.advance(20 * MINUTE)
    expect(await shop.server.sweep()).toEqual({ sent: [], failed: [] })

    const carts = await storage().query<{
      id: string
      email: string | null
      marketing_consent: boolean
      customer_id: string | null
      note: string
    }>('SELECT id, email, marketing_consent, customer_id, note FROM carts WHERE shop_id = $1', [
      shop.server.shop.id,
    ])
    const byId = new Map(carts.rows.map((row) => [row.id, row]))
    for (const cartId of [adaCart, later]) {
      expect(byId.get(cartId)).toEqual({
        id: cartId,
        email: null,
        marketing_consent: false,
        customer_id: null,
        note: '',
      })
    }
    expect(byId.get(graceCart)?.email).toBe('grace@example.com')
    expect(await holdsAda()).toEqual([])
    const keys = await storage().query<{ key: string }>(
      'SELECT key FROM idempotency_keys WHERE shop_id = $1 ORDER BY key',
      [shop.server.shop.id],
    )
    expect(keys.rows.map((row) => row.key)).toEqual(['ada-create', 'grace-email'])
    expect((await shop.outbox.list()).map((email) => email.to)).toEqual(['grace@example.com'])
    // No orders: the profile is gone; the request is kept, without the address.
    expect((await shop.merchant('GET', `/v1/merchant/customers/${ada}`)).status).toBe(404)
    const requests = await storage().query(
      'SELECT status, email, customer_id FROM erasure_requests WHERE id = $1',
      [requested.body.erasure.id],
    )
    expect(requests.rows).toEqual([{ status: 'completed', email: null, customer_id: null }])
    const everything = JSON.stringify(
      (
        await storage().query(
          `SELECT (SELECT json_agg(c) FROM carts c WHERE c.shop_id = $1) AS carts,
                  (SELECT json_agg(k) FROM idempotency_keys k WHERE k.shop_id = $1) AS keys,
                  (SELECT json_agg(u) FROM customers u WHERE u.shop_id = $1) AS customers,
                  (SELECT json_agg(e) FROM erasure_requests e WHERE e.shop_id = $1) AS erasures`,
          [shop.server.shop.id],
        )
      ).rows,
    ).toLowerCase()
    expect(everything).not.toContain('ada@example.com')
  })

  it(`erases a profile that orders keep: no address, note or tags, and still not deletable (${label})`, async () => {
    const shop = await openShop(storage())
    const cartId = await shop.newCart()
    await shop.captureEmail(cartId, 'ada@example.com')
    const order = await shop.complete(cartId)
    const ada = await shop.customerIdOf('ada@example.com')
    await shop.merchant('PATCH', `/v1/merchant/customers/${ada}`, { note: 'tall', tags: ['VIP'] })
    expect((await shop.merchant('POST', `/v1/merchant/customers/${ada}/erasure`)).status).toBe(202)
    await shop.server.sweep()

    const profile = await shop.merchant('GET', `/v1/merchant/customers/${ada}`)
    expect(profile.status).toBe(200)
    expect(profile.body.customer).toMatchObject({
      id: ada,
      email: null,
      note: '',
      tags: [],
      ordersCount: 1,
      erasure: { status: 'completed', completedAt: '2026-01-05T09:00:00.000Z' },
    })
    const row = await storage().query('SELECT email FROM customers WHERE id = $1', [ada])
    expect(row.rows).toEqual([{ email: '' }])
    const kept = await shop.merchant('DELETE', `/v1/merchant/customers/${ada}`)
    expect(kept.status).toBe(409)
    expect(kept.body.details).toEqual({ reasons: ['orders'] })
    expect(
      (await shop.merchant('GET', `/v1/merchant/orders/${order.id}`)).body.order.customerId,
    ).toBe(ada)
    expect((await shop.merchant('GET', '/v1/merchant/customers?query=ada')).body.customers).toEqual(
      [],
    )
  })

  it(`removes an expired cart's personal data once the retention has passed (${label})`, async () => {
    const shop = await openShop(storage(), { expiredCartRetentionMs: 2 * DAY })
    const expiring = await shop.newCart()
    await shop.captureEmail(expiring, 'ada@example.com', true)
    await shop.call('POST', `/v1/carts/${expiring}/ops`, {
      ops: [{ type: 'setAttributes', attributes: { giftFor: 'Grace Hopper' } }],
    })
    const ordered = await shop.newCart()
    await shop.captureEmail(ordered, 'grace@example.com')
    await shop.complete(ordered)
    const cart = async (cartId: string) =>
      (
        await storage().query(
          'SELECT email, marketing_consent, customer_id IS NOT NULL AS linked, attributes FROM carts WHERE id = $1',
          [cartId],
        )
      ).rows[0]

    shop.clock.advance(30 * DAY + 2 * DAY - MINUTE)
    await shop.server.sweep()
    const stats = (await shop.merchant('GET', '/v1/merchant/abandonment/stats')).body.stats
    expect(stats).toMatchObject({ abandoned: 1, value: { amount: 2400, currency: 'EUR' } })
    expect(await cart(expiring)).toEqual({
      email: 'ada@example.com',
      marketing_consent: true,
      linked: true,
      attributes: { giftFor: 'Grace Hopper' },
    })
    shop.clock.advance(MINUTE)
    await shop.server.sweep()
    expect(await cart(expiring)).toEqual({
      email: null,
      marketing_consent: false,
      linked: false,
      attributes: {},
    })
    expect((await shop.merchant('GET', '/v1/merchant/abandonment/stats')).body.stats).toEqual(stats)
    // An order's cart keeps its data; the expired cart keeps its lines for the statistics.
    expect((await cart(ordered))?.email).toBe('grace@example.com')
    const lines = await storage().query(
      'SELECT count(*)::int AS n FROM cart_lines WHERE cart_id = $1',
      [expiring],
    )
    expect(lines.rows).toEqual([{ n: 1 }])
  })
})
