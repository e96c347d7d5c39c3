import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock } from '../clock/index.ts'
import { createToteServer } from '../server/index.ts'
import { postJson } from '../server/post-json.ts'
import { createEmbeddedStorage, type Storage } from '../storage/index.ts'
import { admitRecoveryEmail } from './recipients.ts'

let storage: Storage
let shops = 0
beforeAll(async () => {
  storage = await createEmbeddedStorage()
})
afterAll(async () => {
  await storage?.close()
})

/** A shop with recovery emails on and one queued email per address given, all due. */
async function dueEmails(...emails: string[]) {
  const clock = createManualClock()
  const server = await createToteServer({ storage, clock, shop: { id: `admit-${++shops}` } })
  await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
  const post = postJson(server)
  const carts: string[] = []
  for (const email of emails) {
    const { cart } = await post('/v1/carts', {})
    await post(`/v1/carts/${cart.id}/email`, { email })
    carts.push(cart.id)
  }
  clock.advance(20 * 60_000)
  /** Claims a cart's email as a sweep would, for a minute. */
  const claim = async (cartId: string, claimId: string) => {
    await storage.query(
      'UPDATE abandonment_emails SET claim_id = $2, claimed_until = $3 WHERE cart_id = $1',
      [cartId, claimId, new Date(clock.now() + 60_000).toISOString()],
    )
    return { cartId, claim: claimId }
  }
  return { server, ctx: { shopId: server.shop.id, clock }, carts, claim }
}

describe('admitting a recovery email', () => {
  it('counts an email another sweep claimed for the same address, and stops counting it when released', async () => {
    const { ctx, carts, claim } = await dueEmails(
      'ada@example.com',
      'ADA@example.com',
      'ada@EXAMPLE.com',
    )
    const first = await admitRecoveryEmail(storage, ctx, await claim(carts[0]!, 'claim-a'))
    expect(first).toMatchObject({ send: true, recipientId: expect.stringMatching(/^rcp_/) })
    // The first is being sent (claimed, not yet sent): the second would be one too many.
    expect(await admitRecoveryEmail(storage, ctx, await claim(carts[1]!, 'claim-b'))).toEqual({
      send: false,
      reason: 'address_limit',
    })
    const { rows } = await storage.query(
      'SELECT status, skipped_reason, claim_id FROM abandonment_emails WHERE cart_id = $1',
      [carts[1]],
    )
    expect(rows).toEqual([{ status: 'cancelled', skipped_reason: 'address_limit', claim_id: null }])
    // The first send failed and its claim was released: the address may get one again.
    await storage.query(
      'UPDATE abandonment_emails SET claim_id = NULL, claimed_until = NULL WHERE cart_id = $1',
      [carts[0]],
    )
    const third = await admitRecoveryEmail(storage, ctx, await claim(carts[2]!, 'claim-c'))
    expect(third).toEqual({
      send: true,
      recipientId: (first as { recipientId: string }).recipientId,
    })
  })

  it('leaves an email it no longer has the claim of as it is', async () => {
    const { ctx, carts, claim } = await dueEmails('grace@example.com')
    await claim(carts[0]!, 'claim-now')
    // A sweep whose claim lapsed and was taken over by another decides without touching it.
    const decision = await admitRecoveryEmail(storage, ctx, { cartId: carts[0]!, claim: 'stale' })
    expect(decision).toEqual({ send: true, recipientId: expect.any(String) })
    await storage.query('UPDATE email_recipients SET unsubscribed_at = $2 WHERE shop_id = $1', [
      ctx.shopId,
      new Date(ctx.clock.now()).toISOString(),
    ])
    expect(await admitRecoveryEmail(storage, ctx, { cartId: carts[0]!, claim: 'stale' })).toEqual({
      send: false,
      reason: 'unsubscribed',
    })
    const { rows } = await storage.query(
      'SELECT status, claim_id FROM abandonment_emails WHERE cart_id = $1',
      [carts[0]],
    )
    expect(rows).toEqual([{ status: 'queued', claim_id: 'claim-now' }])
  })
})
