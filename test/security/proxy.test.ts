// Who the client is and what a request may reach, over HTTP on 127.0.0.1, on embedded storage
// and on PostgreSQL: trusted proxy hops and X-Forwarded-For, the development routes, the
// scope of idempotency keys, and the one encoding of recovery tokens. Each refusal answers its
// exact status and stores nothing.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFolderOutbox } from '@tote/server'
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { listeningShop, setLine } from './listening-shop.ts'

const from = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor })

describeOnEachStorage('tote_sec_proxy', (label, storage) => {
  it(`reads the client behind one trusted proxy from the right of X-Forwarded-For: made-up entries on the left do not bypass the recovery limit (${label})`, async () => {
    const shop = await listeningShop(storage(), { trustProxy: 1, rateLimits: { recover: 3 } })
    const before = await shop.stored()
    const attempt = (made: number) =>
      shop.call(
        'POST',
        '/v1/recover',
        { token: 'tote1.hard.x.y' },
        from(`10.6.6.${made}, 203.0.113.7`),
      )
    for (let made = 1; made <= 3; made++) expect((await attempt(made)).status).toBe(400)
    const limited = await attempt(4)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another client behind the same proxy has its own count.
    const other = await shop.call(
      'POST',
      '/v1/recover',
      { token: 'tote1.hard.x.y' },
      from('203.0.113.8'),
    )
    expect(other.status).toBe(400)
    expect(await shop.stored()).toEqual(before)
  })

  it(`counts trusted hops: behind two proxies the client is the second entry from the right (${label})`, async () => {
    const shop = await listeningShop(storage(), { trustProxy: 2, rateLimits: { recover: 1 } })
    const attempt = (chain: string) =>
      shop.call('POST', '/v1/recover', { token: 'tote1.hard.x.y' }, from(chain))
    expect((await attempt('1.1.1.1, 203.0.113.7, 10.0.0.2')).status).toBe(400)
    expect((await attempt('2.2.2.2, 203.0.113.7, 10.0.0.3')).status).toBe(429)
    expect((await attempt('203.0.113.9, 10.0.0.2')).status).toBe(400)
  })

  it(`ignores X-Forwarded-For without trusted proxies (${label})`, async () => {
    const shop = await listeningShop(storage(), { rateLimits: { createCart: 1 } })
    expect((await shop.call('POST', '/v1/carts', {}, from('203.0.113.1'))).status).toBe(201)
    const before = await shop.stored()
    expect((await shop.call('POST', '/v1/carts', {}, from('203.0.113.2'))).status).toBe(429)
    expect(await shop.stored()).toEqual(before)
  })

  it(`serves no development routes unless asked, and none through a proxy (${label})`, async () => {
    const plain = await listeningShop(storage())
    expect((await plain.call('GET', '/dev/outbox')).status).toBe(404)
    expect((await plain.call('GET', '/dev/outbox?format=json')).status).toBe(404)

    const dev = await listeningShop(storage(), { devRoutes: true })
    expect((await dev.call('GET', '/dev/outbox?format=json')).status).toBe(200)
    // A reverse proxy on this machine connects from 127.0.0.1, but says whom it forwards.
    const proxies: Record<string, string>[] = [
      from('203.0.113.7'),
      { forwarded: 'for=203.0.113.7' },
      { 'x-real-ip': '203.0.113.7' },
    ]
    for (const headers of proxies) {
      const proxied = await dev.call('GET', '/dev/outbox?format=json', undefined, headers)
      expect(proxied.status).toBe(404)
      expect(proxied.text).not.toContain('emails')
    }
  })

  it(`keeps the dev outbox of a folder mailer off unless devRoutes is set (${label})`, async () => {
    const shop = await listeningShop(storage(), {
      // Nothing is sent in this test: the folder is never written.
      mailer: createFolderOutbox(join(tmpdir(), `tote-sec-outbox-${process.pid}`)),
    })
    expect((await shop.call('GET', '/dev/outbox')).status).toBe(404)
  })

  it(`never answers another client's new cart for a resent Idempotency-Key (${label})`, async () => {
    const shop = await listeningShop(storage(), { trustProxy: 1 })
    const body = { ops: [setLine('canvas-tote-natural', 1)] }
    const key = { 'idempotency-key': 'tote-0000000000000001-1' }
    const first = await shop.call('POST', '/v1/carts', body, { ...key, ...from('203.0.113.1') })
    expect(first.status).toBe(201)
    const replay = await shop.call('POST', '/v1/carts', body, { ...key, ...from('203.0.113.1') })
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.body.cart.id).toBe(first.body.cart.id)
    const other = await shop.call('POST', '/v1/carts', body, { ...key, ...from('198.51.100.9') })
    expect(other.status).toBe(201)
    expect(other.headers.get('idempotent-replayed')).toBeNull()
    expect(other.body.cart.id).not.toBe(first.body.cart.id)
  })

  it(`scopes a key to its cart and route: the same key on two carts writes both (${label})`, async () => {
    const shop = await listeningShop(storage())
    const a = await shop.cart()
    const b = await shop.cart()
    const key = { 'idempotency-key': 'same-key-everywhere' }
    const body = { ops: [setLine('dot-notebook-a5', 2)] }
    const onA = await shop.call('POST', `/v1/carts/${a}/ops`, body, key)
    const onB = await shop.call('POST', `/v1/carts/${b}/ops`, body, key)
    expect(onA.status).toBe(200)
    expect(onB.status).toBe(200)
    expect(onB.headers.get('idempotent-replayed')).toBeNull()
    expect(onB.body.cart.id).toBe(b)
    const email = await shop.call('POST', `/v1/carts/${a}/email`, { email: 'a@example.com' }, key)
    expect(email.status).toBe(200)
    expect(email.body.cart.email).toBe('a@example.com')
    // Within its scope the key still replays, and refuses other content.
    expect(
      (await shop.call('POST', `/v1/carts/${a}/ops`, body, key)).headers.get('idempotent-replayed'),
    ).toBe('true')
    const before = await shop.stored()
    const reused = await shop.call(
      'POST',
      `/v1/carts/${a}/ops`,
      { ops: [setLine('dot-notebook-a5', 3)] },
      key,
    )
    expect(reused.status).toBe(409)
    expect(reused.body.code).toBe('idempotency_key_reused')
    expect(await shop.stored()).toEqual(before)
  })

  it(`takes a recovery token only in the encoding it was signed in (${label})`, async () => {
    const shop = await listeningShop(storage())
    const cartId = await shop.cart()
    const token = new URL(shop.server.recoveryUrl(cartId)).searchParams.get('token')!
    const [prefix, kid, payload, signature] = token.split('.') as [string, string, string, string]
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(signature.at(-1)!)
    const variants = [
      `${signature}=`,
      `${signature.slice(0, -1)}${alphabet[last ^ 1]}`,
      `${signature.slice(0, -1)}${alphabet[last ^ 2]}`,
    ]
    const before = await shop.stored()
    for (const variant of variants) {
      expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(signature, 'base64url'))
      const answer = await shop.call('POST', '/v1/recover', {
        token: `${prefix}.${kid}.${payload}.${variant}`,
      })
      expect(answer.status).toBe(400)
      expect(answer.body).toMatchObject({
        code: 'invalid_recovery_link',
        details: { reason: 'tampered' },
      })
    }
    expect(await shop.stored()).toEqual(before)
    expect((await shop.call('POST', '/v1/recover', { token })).status).toBe(200)
  })
})
