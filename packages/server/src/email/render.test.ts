import type { CartSnapshot } from '@tote/core/adapter'
import { describe, expect, it } from 'vitest'
import { renderRecoveryEmail } from './render.ts'

const money = (amount: number) => ({ amount, currency: 'EUR' })
const cart: CartSnapshot = {
  id: 'cart_1',
  version: 1,
  status: 'active',
  currency: 'EUR',
  lines: [],
  cost: { subtotal: money(0), total: money(0), discount: null, tax: null },
  email: 'ada@example.com',
  note: '',
  attributes: {},
  discountCodes: [],
  checkoutUrl: null,
  updatedAt: '2026-01-05T09:00:00.000Z',
}
const input = {
  shop: { name: 'Atelier <Tote>', contact: { email: 'hello@atelier.example' } },
  cart,
  descriptions: new Map<string, string>(),
  message: '',
  recoveryUrl: 'https://atelier.example/recover?token=r',
}

describe('the recovery email', () => {
  it('carries the unsubscribe link in its footer, escaped in HTML', () => {
    const url = 'https://tote.example/v1/unsubscribe?token=a.b&x="y"'
    const email = renderRecoveryEmail({ ...input, unsubscribeUrl: url })
    expect(email.html).toContain(
      '<a href="https://tote.example/v1/unsubscribe?token=a.b&amp;x=&quot;y&quot;" style="color:#666">Unsubscribe from cart reminders</a>',
    )
    expect(email.text).toContain(`Unsubscribe from cart reminders: ${url}`)
    expect(email.html).toContain('Atelier &lt;Tote&gt;')
  })

  it('has no unsubscribe line without a link', () => {
    const email = renderRecoveryEmail(input)
    expect(email.html).not.toContain('Unsubscribe')
    expect(email.text).not.toContain('Unsubscribe')
  })
})
