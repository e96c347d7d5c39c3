// The merchant's customer API (docs/domain.md R13–R15) over HTTP on 127.0.0.1, on embedded
// storage and on PostgreSQL: what it answers, and what is (not) stored.
import type { Storage } from '@tote/server'
import { describe, expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { MERCHANT_TOKEN, openShop } from './merchant-shop.ts'

describeOnEachStorage('tote_sec_customers', (label, storage) => {
  const tagsOf = async (db: Storage, customerId: string) =>
    (
      await db.query<{ tag: string }>(
        'SELECT tag FROM customer_tags WHERE customer_id = $1 ORDER BY position',
        [customerId],
      )
    ).rows.map((row) => row.tag)

  describe(`customer profiles (${label})`, () => {
    it('are only for the merchant token: 401 without it or with another', async () => {
      const shop = await openShop(storage())
      const cartId = await shop.newCart()
      await shop.captureEmail(cartId, 'ada@example.com')
      const id = await shop.customerIdOf('ada@example.com')
      const wrong = { authorization: `Bearer ${MERCHANT_TOKEN.slice(0, -1)}x` }
      for (const [method, path, body] of [
        ['GET', '/v1/merchant/customers', undefined],
        ['GET', `/v1/merchant/customers/${id}`, undefined],
        ['PATCH', `/v1/merchant/customers/${id}`, { note: 'x', tags: ['x'] }],
        ['DELETE', `/v1/merchant/customers/${id}`, undefined],
        ['POST', '/v1/merchant/customers/delete', { ids: [id] }],
        ['POST', `/v1/merchant/customers/${id}/erasure`, undefined],
      ] as const) {
        for (const headers of [{}, wrong]) {
          const answer = await shop.call(method, path, body, headers)
          expect(answer.status, `${method} ${path}`).toBe(401)
          expect(answer.body.code).toBe('unauthorized')
        }
      }
      const { rows } = await storage().query(
        'SELECT note, (SELECT count(*)::int FROM customer_tags t WHERE t.customer_id = c.id) AS tags FROM customers c WHERE id = $1',
        [id],
      )
      expect(rows).toEqual([{ note: '', tags: 0 }])
      expect(
        (await storage().query('SELECT 1 FROM erasure_requests WHERE customer_id = $1', [id])).rows,
      ).toEqual([])
    })

    it('are listed newest first, searched by part of the address in any case, a page at a time (R13)', async () => {
      const shop = await openShop(storage())
      for (const email of ['ada@example.com', 'grace@example.org', 'ADA.Lovelace@example.net']) {
        await shop.captureEmail(await shop.newCart(), email)
        shop.clock.advance(60_000)
      }
      const all = await shop.merchant('GET', '/v1/merchant/customers')
      expect(all.status).toBe(200)
      expect(all.body.customers.map((customer: { email: string }) => customer.email)).toEqual([
        'ADA.Lovelace@example.net',
        'grace@example.org',
        'ada@example.com',
      ])
      expect(all.body.nextCursor).toBeNull()
      expect(all.body.customers[2]).toMatchObject({
        marketingConsent: false,
        tags: [],
        note: '',
        ordersCount: 0,
        erasure: null,
      })

      const found = await shop.merchant('GET', '/v1/merchant/customers?query=aDa')
      expect(found.status).toBe(200)
      expect(found.body.customers.map((customer: { email: string }) => customer.email)).toEqual([
        'ADA.Lovelace@example.net',
        'ada@example.com',
      ])
      // A search is a substring, not a pattern: % and _ match only themselves.
      const pattern = await shop.merchant('GET', '/v1/merchant/customers?query=%25')
      expect(pattern.body.customers).toEqual([])

      const first = await shop.merchant('GET', '/v1/merchant/customers?limit=2')
      expect(first.body.customers).toHaveLength(2)
      const next = await shop.merchant(
        'GET',
        `/v1/merchant/customers?limit=2&cursor=${first.body.nextCursor}`,
      )
      expect(next.status).toBe(200)
      expect(next.body.customers.map((customer: { email: string }) => customer.email)).toEqual([
        'ada@example.com',
      ])
      expect(next.body.nextCursor).toBeNull()

      for (const query of ['limit=0', 'limit=201', 'cursor=not-a-cursor']) {
        const bad = await shop.merchant('GET', `/v1/merchant/customers?${query}`)
        expect(bad.status, query).toBe(400)
        expect(bad.body.code).toBe('invalid_request')
      }
    })

    it('are tagged case-insensitively, keeping the first spelling, with tags of at most 40 characters (R14)', async () => {
      const shop = await openShop(storage())
      await shop.captureEmail(await shop.newCart(), 'ada@example.com')
      await shop.captureEmail(await shop.newCart(), 'grace@example.com')
      const ada = await shop.customerIdOf('ada@example.com')

      const tagged = await shop.merchant('PATCH', `/v1/merchant/customers/${ada}`, {
        tags: ['VIP', ' vip ', 'Wholesale', 'wholesale'],
      })
      expect(tagged.status).toBe(200)
      expect(tagged.body.customer.tags).toEqual(['VIP', 'Wholesale'])
      expect(await tagsOf(storage(), ada)).toEqual(['VIP', 'Wholesale'])

      const byTag = await shop.merchant('GET', '/v1/merchant/customers?tag=vIp')
      expect(byTag.body.customers.map((customer: { id: string }) => customer.id)).toEqual([ada])

      for (const tags of [['x'.repeat(41)], ['a,b'], [''], ['ok', 'bad\u0000tag']]) {
        const refused = await shop.merchant('PATCH', `/v1/merchant/customers/${ada}`, { tags })
        expect(refused.status).toBe(400)
        expect(refused.body.code).toBe('invalid_request')
      }
      const longest = await shop.merchant('PATCH', `/v1/merchant/customers/${ada}`, {
        tags: ['x'.repeat(40)],
      })
      expect(longest.status).toBe(200)
      expect(await tagsOf(storage(), ada)).toEqual(['x'.repeat(40)])

      const unknown = await shop.merchant('PATCH', '/v1/merchant/customers/cus_nobody', {
        tags: [],
      })
      expect(unknown.status).toBe(404)
      expect(unknown.body.code).toBe('customer_not_found')
    })

    it('keep staff notes that no storefront route ever returns (R14)', async () => {
      const shop = await openShop(storage())
      const secret = 'STAFF-NOTE-7f3a: asked for a refund twice'
      const tag = 'TAG-SECRET-19'
      const cartId = await shop.newCart()
      await shop.captureEmail(cartId, 'ada@example.com', true)
      const id = await shop.customerIdOf('ada@example.com')
      const noted = await shop.merchant('PATCH', `/v1/merchant/customers/${id}`, {
        note: secret,
        tags: [tag],
      })
      expect(noted.status).toBe(200)
      expect(noted.body.customer).toMatchObject({ note: secret, tags: [tag] })

      // Every storefront route, including an idempotent replay and a recovery link.
      const answers = [
        await shop.call('GET', `/v1/carts/${cartId}`),
        await shop.call(
          'POST',
          `/v1/carts/${cartId}/ops`,
          { ops: [{ type: 'setNote', note: 'gift' }] },
          { 'idempotency-key': 'note-1' },
        ),
        await shop.call(
          'POST',
          `/v1/carts/${cartId}/ops`,
          { ops: [{ type: 'setNote', note: 'gift' }] },
          { 'idempotency-key': 'note-1' },
        ),
        await shop.call('POST', `/v1/carts/${cartId}/email`, { email: 'ada@example.com' }),
        await shop.call('POST', '/v1/merchandise/lookup', { ids: ['canvas-tote-natural'] }),
        await shop.call('POST', '/v1/recover', {
          token: new URL(shop.server.recoveryUrl(cartId)).searchParams.get('token'),
        }),
        await shop.call('POST', `/v1/carts/${cartId}/complete`, {}),
        await shop.call('POST', '/v1/carts', {}),
      ]
      expect(answers.map((answer) => answer.status)).toEqual([
        200, 200, 200, 200, 200, 200, 201, 201,
      ])
      expect(answers[2]!.headers.get('idempotent-replayed')).toBe('true')
      for (const answer of answers) {
        expect(answer.text).not.toContain('STAFF-NOTE-7f3a')
        expect(answer.text).not.toContain(tag)
        expect(answer.text).not.toContain(id)
      }
      const profile = await shop.merchant('GET', `/v1/merchant/customers/${id}`)
      expect(profile.body.customer).toMatchObject({ note: secret, tags: [tag], ordersCount: 1 })
    })

    it('are deleted one at a time unless they have orders: 204, or 409 customer_not_deletable (R15)', async () => {
      const shop = await openShop(storage())
      const plainCart = await shop.newCart()
      await shop.captureEmail(plainCart, 'ada@example.com')
      const buyerCart = await shop.newCart()
      await shop.captureEmail(buyerCart, 'grace@example.com')
      await shop.complete(buyerCart)
      const plain = await shop.customerIdOf('ada@example.com')
      const buyer = await shop.customerIdOf('grace@example.com')

      const deleted = await shop.merchant('DELETE', `/v1/merchant/customers/${plain}`)
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      expect(
        (await storage().query('SELECT 1 FROM customers WHERE id = $1', [plain])).rows,
      ).toEqual([])
      // Deleting a profile is not an erasure: the cart keeps its address, without the link.
      expect(
        (await storage().query('SELECT email, customer_id FROM carts WHERE id = $1', [plainCart]))
          .rows,
      ).toEqual([{ email: 'ada@example.com', customer_id: null }])

      const kept = await shop.merchant('DELETE', `/v1/merchant/customers/${buyer}`)
      expect(kept.status).toBe(409)
      expect(kept.body).toEqual({
        code: 'customer_not_deletable',
        message:
          'This customer has an order history, an active subscription or a pending erasure request',
        details: { reasons: ['orders'] },
      })
      expect(
        (await storage().query('SELECT 1 FROM customers WHERE id = $1', [buyer])).rows,
      ).toHaveLength(1)

      const again = await shop.merchant('DELETE', `/v1/merchant/customers/${plain}`)
      expect(again.status).toBe(404)
      expect(again.body.code).toBe('customer_not_found')
    })

    it('are deleted in bulk: the deletable ones go, the others are kept and reported (R15)', async () => {
      const shop = await openShop(storage())
      const emails = [
        'plain@example.com',
        'buyer@example.com',
        'erasing@example.com',
        'both@example.com',
      ]
      const carts: Record<string, string> = {}
      for (const email of emails) {
        carts[email] = await shop.newCart()
        await shop.captureEmail(carts[email]!, email)
      }
      await shop.complete(carts['buyer@example.com']!)
      await shop.complete(carts['both@example.com']!)
      const ids = Object.fromEntries(
        await Promise.all(emails.map(async (email) => [email, await shop.customerIdOf(email)])),
      ) as Record<string, string>
      for (const email of ['erasing@example.com', 'both@example.com']) {
        const erasure = await shop.merchant('POST', `/v1/merchant/customers/${ids[email]}/erasure`)
        expect(erasure.status).toBe(202)
        expect(erasure.body.erasure).toMatchObject({ status: 'pending', completedAt: null })
      }

      const answer = await shop.merchant('POST', '/v1/merchant/customers/delete', {
        ids: [...emails.map((email) => ids[email]), 'cus_unknown', ids['plain@example.com']],
      })
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({
        deleted: [ids['plain@example.com']],
        kept: [
          { id: ids['buyer@example.com'], reasons: ['orders'] },
          { id: ids['erasing@example.com'], reasons: ['erasure_pending'] },
          { id: ids['both@example.com'], reasons: ['orders', 'erasure_pending'] },
        ],
        notFound: ['cus_unknown'],
      })
      const { rows } = await storage().query<{ email: string }>(
        'SELECT email FROM customers WHERE shop_id = $1 ORDER BY email',
        [shop.server.shop.id],
      )
      expect(rows.map((row) => row.email)).toEqual([
        'both@example.com',
        'buyer@example.com',
        'erasing@example.com',
      ])

      for (const body of [
        { ids: [] },
        { ids: Array.from({ length: 251 }, (_, i) => `cus_${i}`) },
        {},
      ]) {
        const refused = await shop.merchant('POST', '/v1/merchant/customers/delete', body)
        expect(refused.status).toBe(400)
        expect(refused.body.code).toBe('invalid_request')
      }
    })
  })
})
