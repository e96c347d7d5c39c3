import { describe, expect, it } from 'vitest'
import type { CartOp } from '../adapter/types.ts'
import { ToteArgumentError } from '../errors/index.ts'
import { lineKey } from '../line-key/index.ts'
import { MAX_LINE_QUANTITY } from '../model/index.ts'
import { assertOps } from './index.ts'

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
