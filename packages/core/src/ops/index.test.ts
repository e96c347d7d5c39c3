import { describe, expect, it } from 'vitest'
import type { CartOp } from '../adapter/types.ts'
import { ToteArgumentError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { MAX_LINE_QUANTITY } from '../model/index.ts'
import { assertOps, mergeLinesByKey, planBatch } from './index.ts'

const setLine = (quantity: number, merchandiseId = 'tote'): CartOp => ({
  type: 'setLine',
  merchandiseId,
  attributes: {},
  quantity,
  lineKey: lineKey(merchandiseId, {}),
  lineId: null,
})

function argumentOf(run: () => void): string | undefined {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ToteArgumentError)
    return (error as ToteArgumentError).argument
  }
  return undefined
}

describe('assertOps', () => {
  it('accepts every kind of op', () => {
    expect(() =>
      assertOps([
        setLine(0),
        setLine(MAX_LINE_QUANTITY),
        { type: 'setNote', note: '' },
        { type: 'setAttributes', attributes: { gift: 'yes' } },
        { type: 'setDiscountCodes', codes: ['SPRING'] },
      ]),
    ).not.toThrow()
  })

  it('names the op and the field that is wrong', () => {
    expect(argumentOf(() => assertOps([setLine(1), setLine(-1)]))).toBe('ops[1].quantity')
    expect(argumentOf(() => assertOps([setLine(1.5)]))).toBe('ops[0].quantity')
    expect(argumentOf(() => assertOps([setLine(MAX_LINE_QUANTITY + 1)]))).toBe('ops[0].quantity')
    expect(argumentOf(() => assertOps([setLine(1, ' ')]))).toBe('ops[0].merchandiseId')
    const note = { type: 'setNote', note: 7 } as unknown as CartOp
    expect(argumentOf(() => assertOps([note]))).toBe('ops[0].note')
    const codes = { type: 'setDiscountCodes', codes: [1] } as unknown as CartOp
    expect(argumentOf(() => assertOps([codes]))).toBe('ops[0].codes')
  })

  it('wants string attribute values', () => {
    const op = { type: 'setAttributes', attributes: { n: 1 } } as unknown as CartOp
    expect(argumentOf(() => assertOps([op]))).toBe('ops[0].attributes')
    const line = { ...setLine(1), attributes: ['x'] } as unknown as CartOp
    expect(argumentOf(() => assertOps([line]))).toBe('ops[0].attributes')
  })

  it('refuses what is not a batch of known ops, under the argument name given', () => {
    expect(argumentOf(() => assertOps('ops' as unknown as CartOp[], 'input.ops'))).toBe('input.ops')
    expect(argumentOf(() => assertOps([null as unknown as CartOp]))).toBe('ops[0]')
    const unknown = { type: 'addLine' } as unknown as CartOp
    expect(argumentOf(() => assertOps([unknown]))).toBe('ops[0].type')
  })
})

describe('planBatch', () => {
  const setLine = (merchandiseId: string, quantity: number, lineId: string | null = null) => ({
    type: 'setLine' as const,
    merchandiseId,
    attributes: {},
    quantity,
    lineKey: merchandiseId,
    lineId,
  })

  it('keeps the last target per line key, and a line id an earlier op named', () => {
    const { lines } = planBatch([setLine('v1', 2, 'line-1'), setLine('v2', 1), setLine('v1', 4)])
    expect(lines.map((line) => [line.key, line.quantity, line.lineId])).toEqual([
      ['v1', 4, 'line-1'],
      ['v2', 1, null],
    ])
  })

  it('gathers the cart-level changes, the last of each kind winning', () => {
    const { cart } = planBatch([
      { type: 'setNote', note: 'first' },
      { type: 'setDiscountCodes', codes: ['TOTE10'] },
      { type: 'setNote', note: 'gift' },
      { type: 'setAttributes', attributes: { wrap: 'yes' } },
    ])
    expect(cart).toEqual({ note: 'gift', discountCodes: ['TOTE10'], attributes: { wrap: 'yes' } })
  })

  it('refuses a malformed batch before planning it', () => {
    expect(() => planBatch([setLine('v1', -1)])).toThrow(/ops\[0\]\.quantity/)
  })
})

describe('mergeLinesByKey', () => {
  const line = (key: string, id: string, quantity: number, unit: number) => ({
    key,
    id,
    merchandise: {} as never,
    quantity,
    attributes: {},
    cost: {
      unitPrice: { amount: unit, currency: 'EUR' },
      subtotal: { amount: unit * quantity, currency: 'EUR' },
      total: { amount: unit * quantity - 1, currency: 'EUR' },
    },
  })

  it('adds up lines that share a key, keeping the first id and unit price, in first order', () => {
    const merged = mergeLinesByKey([
      line('tee', 'a', 1, 1000),
      line('mug', 'b', 2, 500),
      line('tee', 'c', 2, 900),
    ])
    expect(merged.map((entry) => [entry.key, entry.id, entry.quantity])).toEqual([
      ['tee', 'a', 3],
      ['mug', 'b', 2],
    ])
    expect(merged[0]!.cost).toEqual({
      unitPrice: { amount: 1000, currency: 'EUR' },
      subtotal: { amount: 2800, currency: 'EUR' },
      total: { amount: 2798, currency: 'EUR' },
    })
  })
})
