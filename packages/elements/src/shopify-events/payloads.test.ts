import type { CartLineView, CartView, Notice } from '@tote/core'
import { describe, expect, it } from 'vitest'
import { fromGid, StandardEvent, standardCart, standardResult, toGid } from './payloads.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

function line(fields: Partial<CartLineView>): CartLineView {
  return {
    key: '101',
    id: '101:abc',
    merchandiseId: '101',
    merchandise: null,
    quantity: 2,
    attributes: {},
    sellingPlanId: null,
    cost: { unitPrice: eur(2900), subtotal: eur(5800), total: eur(5800), estimated: false },
    pending: false,
    ...fields,
  }
}

const view: CartView = {
  id: 'hWN1abc',
  lines: [
    line({}),
    line({
      key: '105#7001',
      id: null,
      merchandiseId: '105',
      quantity: 1,
      attributes: { 'Gift message': 'For Ada' },
      sellingPlanId: '7001',
      cost: { unitPrice: eur(3100), subtotal: eur(3100), total: eur(3100), estimated: true },
      pending: true,
    }),
  ],
  count: 3,
  subtotal: { amount: eur(8900), estimated: true },
  total: { amount: eur(8010), estimated: true },
  currency: 'EUR',
  note: 'Gift wrap',
  attributes: {},
  discountCodes: [
    { code: 'TOTE10', applicable: true },
    { code: 'NOPE', applicable: false },
  ],
  email: null,
  checkoutUrl: null,
  pending: true,
}

const notice = (fields: Partial<Notice> & Pick<Notice, 'code'>): Notice => ({
  id: `${fields.code}-1`,
  message: `${fields.code} message`,
  ...fields,
})

describe('standard payloads', () => {
  it('writes the cart in the Storefront API shape, with global ids and decimal amounts', () => {
    expect(standardCart(view)).toEqual({
      id: 'gid://shopify/Cart/hWN1abc',
      totalQuantity: 3,
      note: 'Gift wrap',
      cost: {
        subtotalAmount: { amount: '89.00', currencyCode: 'EUR' },
        totalAmount: { amount: '80.10', currencyCode: 'EUR' },
      },
      lines: [
        {
          id: '101:abc',
          quantity: 2,
          merchandise: { id: 'gid://shopify/ProductVariant/101' },
          attributes: [],
          cost: { totalAmount: { amount: '58.00', currencyCode: 'EUR' } },
        },
        {
          id: '105#7001',
          quantity: 1,
          merchandise: { id: 'gid://shopify/ProductVariant/105' },
          sellingPlanId: 'gid://shopify/SellingPlan/7001',
          attributes: [{ key: 'Gift message', value: 'For Ada' }],
          cost: { totalAmount: { amount: '31.00', currencyCode: 'EUR' } },
        },
      ],
      discountCodes: [
        { code: 'TOTE10', applicable: true },
        { code: 'NOPE', applicable: false },
      ],
    })
  })

  it('turns stock adjustments and refused codes into warnings, refusals into user errors', () => {
    const result = standardResult(
      view,
      [
        notice({ code: 'insufficient_stock', lineKey: '101' }),
        notice({ code: 'out_of_stock', lineKey: '104' }),
        notice({ code: 'discount_rejected', discountCode: 'NOPE' }),
        notice({ code: 'rejected', lineKey: '102' }),
        notice({ code: 'price_changed', lineKey: '101' }),
      ],
      ['there is no line 999 in the cart'],
    )
    expect(result.warnings).toEqual([
      {
        code: 'MERCHANDISE_NOT_ENOUGH_STOCK',
        target: '101',
        message: 'insufficient_stock message',
      },
      { code: 'MERCHANDISE_OUT_OF_STOCK', target: '104', message: 'out_of_stock message' },
      { code: 'DISCOUNT_NOT_FOUND', target: 'NOPE', message: 'discount_rejected message' },
    ])
    expect(result.userErrors).toEqual([
      { code: 'INVALID', field: ['lines'], message: 'rejected message' },
      { code: 'INVALID', field: ['lines'], message: 'there is no line 999 in the cart' },
    ])
  })

  it('leaves out userErrors and warnings when there are none', () => {
    expect(Object.keys(standardResult(view, []))).toEqual(['cart'])
  })

  it('reads and writes Shopify global ids', () => {
    expect(toGid('ProductVariant', '101')).toBe('gid://shopify/ProductVariant/101')
    expect(toGid('ProductVariant', 'gid://shopify/ProductVariant/101')).toBe(
      'gid://shopify/ProductVariant/101',
    )
    expect(fromGid('gid://shopify/SellingPlan/7001')).toBe('7001')
    expect(fromGid(101)).toBe('101')
  })

  it('puts the payload on the event itself, bubbling', () => {
    const event = new StandardEvent('shopify:cart:error', { error: 'Offline', code: 'X' })
    expect(event).toMatchObject({ type: 'shopify:cart:error', error: 'Offline', code: 'X' })
    expect(event.bubbles).toBe(true)
  })
})
