// No 500 for any input the API accepts, over HTTP on 127.0.0.1, on embedded storage and on
// PostgreSQL: text PostgreSQL cannot store, money sums past 32 bits, reserved attribute names,
// media types other than JSON in UTF-8, bodies over the limit, long line keys. Each refused
// request answers its exact status and stores nothing.
import { MAX_CART_AMOUNT, MAX_LINE_AMOUNT } from '@tote/server'
import { expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'
import { listeningShop, rawRequest, setLine } from './listening-shop.ts'

const NUL = '\u0000'
const LONE = '\ud800'

/** A setLine op whose line key is written by hand: `lineKey()` cannot encode a lone surrogate. */
const rawLine = (attributes: Record<string, string>) => ({
  type: 'setLine',
  merchandiseId: 'dot-notebook-a5',
  attributes,
  quantity: 1,
  lineKey: 'dot-notebook-a5?x',
  lineId: null,
})

describeOnEachStorage('tote_sec_input', (label, storage) => {
  it(`refuses NUL and unpaired surrogates in a note, an attribute name or value with 400, naming the field (${label})`, async () => {
    const shop = await listeningShop(storage())
    const cartId = await shop.cart()
    const cases: [unknown, string][] = [
      [{ type: 'setNote', note: `gift${NUL}` }, 'ops.0.note'],
      [{ type: 'setNote', note: `gift${LONE}` }, 'ops.0.note'],
      [{ type: 'setAttributes', attributes: { [`wrap${NUL}`]: 'yes' } }, 'ops.0.attributes'],
      [{ type: 'setAttributes', attributes: { [LONE]: 'yes' } }, 'ops.0.attributes'],
      [{ type: 'setAttributes', attributes: { wrap: `yes${NUL}` } }, 'ops.0.attributes.wrap'],
      [{ type: 'setAttributes', attributes: { wrap: `\udc00yes` } }, 'ops.0.attributes.wrap'],
      [rawLine({ [`engraving${LONE}`]: 'Ada' }), 'ops.0.attributes'],
      [rawLine({ engraving: `Ada${NUL}` }), 'ops.0.attributes.engraving'],
      [{ type: 'setDiscountCodes', codes: [`TOTE10${NUL}`] }, 'ops.0.codes.0'],
      [{ ...setLine('dot-notebook-a5', 1), merchandiseId: `dot${NUL}` }, 'ops.0.merchandiseId'],
    ]
    const before = await shop.stored()
    for (const [op, path] of cases) {
      for (const target of [`/v1/carts/${cartId}/ops`, '/v1/carts']) {
        const answer = await shop.call('POST', target, { ops: [op] })
        expect(answer.status, `${target} ${JSON.stringify(op)}`).toBe(400)
        expect(answer.body.code).toBe('invalid_request')
        expect(answer.body.details.issues[0]).toMatchObject({ path, code: 'invalid_text' })
      }
    }
    const lookup = await shop.call('POST', '/v1/merchandise/lookup', { ids: [`dot${NUL}`] })
    expect(lookup.status).toBe(400)
    expect(lookup.body.details.issues[0].path).toBe('ids.0')
    const message = await shop.merchant('PUT', '/v1/merchant/abandonment/settings', {
      message: `See you${NUL}`,
    })
    expect(message.status).toBe(400)
    expect(message.body.details.issues[0].path).toBe('message')
    expect(await shop.stored()).toEqual(before)
  })

  it(`answers a body nested as deep as it is long with 400 (${label})`, async () => {
    const shop = await listeningShop(storage())
    const before = await shop.stored()
    const depth = 30_000
    for (const body of [
      `{"ops":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      `{"ops":[${'['.repeat(depth)}"\u0000"${']'.repeat(depth)}]}`,
      `{"ops":[{"type":"setNote","note":${'{"a":'.repeat(depth / 5)}1${'}'.repeat(depth / 5)}}]}`,
    ]) {
      const answer = await shop.call('POST', '/v1/carts', body)
      expect(answer.status).toBe(400)
      expect(answer.body.code).toBe('invalid_request')
    }
    expect(await shop.stored()).toEqual(before)
  })

  it(`refuses a NUL in a path or query with 400 (${label})`, async () => {
    const shop = await listeningShop(storage())
    await shop.cart()
    const before = await shop.stored()
    const variant = await shop.merchant('PATCH', '/v1/merchant/variants/dot%00', { price: 1 })
    expect(variant.status).toBe(400)
    expect(variant.body.code).toBe('invalid_request')
    const preview = await shop.merchant('GET', '/v1/merchant/abandonment/preview?cartId=x%00')
    expect(preview.status).toBe(400)
    expect((await shop.call('GET', '/v1/carts/cart%00')).status).toBe(400)
    expect(await shop.stored()).toEqual(before)
  })

  it(`adds up three lines of 1,000,000 × 9.90 EUR past 2^31 minor units, exactly (${label})`, async () => {
    const shop = await listeningShop(storage())
    const ops = ['red', 'green', 'blue'].map((cover) =>
      setLine('dot-notebook-a5', 1_000_000, { cover }),
    )
    const created = await shop.call('POST', '/v1/carts', { ops })
    expect(created.status).toBe(201)
    expect(created.body.cart.cost.total).toEqual({ amount: 2_970_000_000, currency: 'EUR' })
    const cartId = created.body.cart.id
    const read = await shop.call('GET', `/v1/carts/${cartId}`)
    expect(read.body.cart.cost.subtotal.amount).toBe(2_970_000_000)
    const discounted = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [{ type: 'setDiscountCodes', codes: ['TOTE10'] }],
    })
    expect(discounted.body.cart.cost.total.amount).toBe(2_673_000_000)
    const order = await shop.call('POST', `/v1/carts/${cartId}/complete`, {})
    expect(order.status).toBe(201)
    expect(order.body.order.total).toEqual({ amount: 2_673_000_000, currency: 'EUR' })
  })

  it(`refuses a write that raises a line or the cart past the maximum with 422 amount_too_large (${label})`, async () => {
    const shop = await listeningShop(storage())
    // 1,000,000.00 EUR a notebook: 100,000 of them is the most one line may cost.
    await shop.server.merchant.updateVariant('dot-notebook-a5', { price: 100_000_000 })
    expect(MAX_LINE_AMOUNT).toBe(100_000_000 * 1000)
    const cartId = await shop.cart([setLine('dot-notebook-a5', 1000)])
    const before = await shop.stored()
    const line = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 1001)],
    })
    expect(line.status).toBe(422)
    expect(line.body).toMatchObject({
      code: 'amount_too_large',
      details: { maxLineAmount: MAX_LINE_AMOUNT, lineKey: 'dot-notebook-a5' },
    })
    // Ten full lines make the most a cart may cost; an eleventh is refused.
    const nine = Array.from({ length: 9 }, (_, index) =>
      setLine('dot-notebook-a5', 1000, { n: String(index) }),
    )
    const full = await shop.call('POST', `/v1/carts/${cartId}/ops`, { ops: nine })
    expect(full.status).toBe(200)
    expect(full.body.cart.cost.subtotal.amount).toBe(MAX_CART_AMOUNT)
    const full2 = await shop.stored()
    const more = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 1, { n: 'more' })],
    })
    expect(more.status).toBe(422)
    expect(more.body).toMatchObject({
      code: 'amount_too_large',
      details: { maxCartAmount: MAX_CART_AMOUNT },
    })
    const created = await shop.call('POST', '/v1/carts', {
      ops: [setLine('dot-notebook-a5', 1001)],
    })
    expect(created.status).toBe(422)
    expect(before).not.toEqual(full2)
    expect(await shop.stored()).toEqual(full2)
  })

  it(`keeps a cart the catalogue priced past the maximum writable, so the shopper can lower it (${label})`, async () => {
    const shop = await listeningShop(storage())
    await shop.server.merchant.updateVariant('dot-notebook-a5', { price: 10_000_000 })
    const twelve = Array.from({ length: 12 }, (_, index) =>
      setLine('dot-notebook-a5', 900, { n: String(index) }),
    )
    const cartId = await shop.cart(twelve)
    // Ten times the price: 12 × 900 × 100,000,000 is past the cart maximum.
    await shop.server.merchant.updateVariant('dot-notebook-a5', { price: 100_000_000 })
    const before = await shop.stored()
    const raise = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 901, { n: '0' })],
    })
    expect(raise.status).toBe(422)
    expect(raise.body.code).toBe('amount_too_large')
    expect(await shop.stored()).toEqual(before)
    const note = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [{ type: 'setNote', note: 'for the office' }],
    })
    expect(note.status).toBe(200)
    expect(note.body.cart.cost.subtotal.amount).toBe(12 * 900 * 100_000_000)
    const lower = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [setLine('dot-notebook-a5', 0, { n: '0' }), setLine('dot-notebook-a5', 0, { n: '1' })],
    })
    expect(lower.status).toBe(200)
    expect(lower.body.cart.cost.subtotal.amount).toBe(10 * 900 * 100_000_000)
  })

  it(`lowers a line the catalogue alone priced past the line maximum, with a notice (${label})`, async () => {
    const shop = await listeningShop(storage())
    await shop.server.merchant.updateVariant('dot-notebook-a5', { price: 10_000_000 })
    const cartId = await shop.cart([setLine('dot-notebook-a5', 5000)])
    await shop.server.merchant.updateVariant('dot-notebook-a5', { price: 100_000_000 })
    const note = await shop.call('POST', `/v1/carts/${cartId}/ops`, {
      ops: [{ type: 'setNote', note: 'hello' }],
    })
    expect(note.status).toBe(200)
    expect(note.body.cart.lines[0].quantity).toBe(1000)
    expect(note.body.notices).toEqual([
      expect.objectContaining({ code: 'quantity_adjusted', from: 5000, to: 1000 }),
    ])
  })

  it(`refuses __proto__, constructor and prototype as attribute names the same way (${label})`, async () => {
    const shop = await listeningShop(storage())
    const cartId = await shop.cart()
    const before = await shop.stored()
    const answers = []
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      // Written by hand: an object literal would not keep `__proto__` as a name.
      const attributes = `{"${name}":"x"}`
      for (const op of [
        `{"type":"setAttributes","attributes":${attributes}}`,
        `{"type":"setLine","merchandiseId":"dot-notebook-a5","attributes":${attributes},"quantity":1,"lineKey":"dot-notebook-a5?${name}=x","lineId":null}`,
      ]) {
        const answer = await shop.call('POST', `/v1/carts/${cartId}/ops`, `{"ops":[${op}]}`)
        expect(answer.status, `${name} in ${op}`).toBe(400)
        answers.push(answer.body)
      }
    }
    const [first, ...rest] = answers
    expect(first.details.issues[0]).toMatchObject({ path: 'ops.0.attributes' })
    expect(first.details.issues[0].message).toMatch(/reserved attribute name/)
    for (const other of rest) expect(other).toEqual(first)
    expect(await shop.stored()).toEqual(before)
  })

  it(`takes application/json in UTF-8 only: other types and charsets get 415 (${label})`, async () => {
    const shop = await listeningShop(storage())
    const before = await shop.stored()
    const body = JSON.stringify({ ops: [setLine('dot-notebook-a5', 1)] })
    for (const type of [
      'application/json-patch+json',
      'application/json; charset=utf-16',
      'application/json; charset=iso-8859-1',
      'application/jsonx',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]) {
      const answer = await shop.call('POST', '/v1/carts', body, { 'content-type': type })
      expect(answer.status, type).toBe(415)
      expect(answer.body.code).toBe('unsupported_media_type')
    }
    expect(await shop.stored()).toEqual(before)
    const utf8 = await shop.call('POST', '/v1/carts', body, {
      'content-type': 'application/json; charset=UTF-8',
    })
    expect(utf8.status).toBe(201)
  })

  it(`answers 413 with Connection: close and closes the connection (${label})`, async () => {
    const shop = await listeningShop(storage(), { maxBodyBytes: 1024 })
    const before = await shop.stored()
    const body = JSON.stringify({ ops: [], padding: 'x'.repeat(2000) })
    const answer = await rawRequest(shop.port, {
      method: 'POST',
      path: '/v1/carts',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    })
    expect(answer.status).toBe(413)
    expect(answer.headers.connection).toBe('close')
    await answer.closed
    expect(await shop.stored()).toEqual(before)
  })

  it(`stores a line whose key is longer than an index entry may be (${label})`, async () => {
    const shop = await listeningShop(storage())
    // Letters that do not repeat: PostgreSQL would compress a pattern to fit the index.
    const letters = (seed: number) => {
      let state = seed
      return Array.from({ length: 1500 }, () => {
        state = (state * 1664525 + 1013904223) >>> 0
        return String.fromCharCode(97 + ((state >>> 24) % 26))
      }).join('')
    }
    const line = setLine('dot-notebook-a5', 1, { a: letters(1), b: letters(2) })
    expect(line.lineKey.length).toBeGreaterThan(2704)
    const created = await shop.call('POST', '/v1/carts', { ops: [line] })
    expect(created.status).toBe(201)
    const again = await shop.call('POST', `/v1/carts/${created.body.cart.id}/ops`, {
      ops: [{ ...line, quantity: 2 }],
    })
    expect(again.body.cart.lines).toHaveLength(1)
    expect(again.body.cart.lines[0].quantity).toBe(2)
  })
})
