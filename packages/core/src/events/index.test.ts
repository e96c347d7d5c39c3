import { describe, expect, it, vi } from 'vitest'
import { money } from '../money/index.ts'
import { type CartEvents, createEmitter, type EventLineSource, lineChangeEvent } from './index.ts'
import { emailCaptured, mugLine } from './test-fixtures.ts'

describe('createEmitter', () => {
  it('calls listeners of the emitted type, in order, until they unsubscribe', () => {
    const events = createEmitter<{ ping: number; pong: string }>()
    const calls: string[] = []
    const offFirst = events.on('ping', (n) => calls.push(`first ${n}`))
    events.on('ping', (n) => calls.push(`second ${n}`))
    events.on('pong', (s) => calls.push(`pong ${s}`))
    events.emit('ping', 1)
    offFirst()
    offFirst()
    events.emit('ping', 2)
    expect(calls).toEqual(['first 1', 'second 1', 'second 2'])
  })

  it('stops a listener with off, and counts the same listener once', () => {
    const events = createEmitter<{ ping: number }>()
    const listener = vi.fn()
    events.on('ping', listener)
    events.on('ping', listener)
    events.emit('ping', 1)
    events.off('ping', listener)
    events.emit('ping', 2)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledWith(1)
  })

  it('lets a listener added during an emit wait for the next event', () => {
    const events = createEmitter<{ ping: number }>()
    const late = vi.fn()
    events.on('ping', () => events.on('ping', late))
    events.emit('ping', 1)
    expect(late).not.toHaveBeenCalled()
    events.emit('ping', 2)
    expect(late).toHaveBeenCalledWith(2)
  })

  it('keeps calling the other listeners when one throws, and reports the error', () => {
    const onError = vi.fn()
    const events = createEmitter<{ ping: number }>({ onError })
    const after = vi.fn()
    const failure = new Error('analytics script broke')
    events.on('ping', () => {
      throw failure
    })
    events.on('ping', after)
    expect(() => events.emit('ping', 1)).not.toThrow()
    expect(after).toHaveBeenCalledWith(1)
    expect(onError).toHaveBeenCalledWith(failure)
  })

  it('emits nothing when nobody listens', () => {
    expect(() => createEmitter<CartEvents>().emit('email_captured', emailCaptured)).not.toThrow()
  })
})

describe('lineChangeEvent', () => {
  it('names the change after the quantities: added, removed or changed', () => {
    expect(lineChangeEvent(mugLine, { from: 0, to: 2, cartId: null })).toEqual({
      type: 'line_added',
      cartId: null,
      lineKey: 'v1?engraving=Ada',
      merchandiseId: 'v1',
      quantityDelta: 2,
      quantity: 2,
      value: money(2500, 'EUR'),
      item: {
        lineKey: 'v1?engraving=Ada',
        merchandiseId: 'v1',
        productId: 'p1',
        title: 'Mug',
        variant: 'Blue',
        unitPrice: money(1250, 'EUR'),
        quantity: 2,
      },
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 0, cartId: 'cart-1' })).toMatchObject({
      type: 'line_removed',
      quantityDelta: -2,
      quantity: 0,
      value: money(2500, 'EUR'),
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 5, cartId: 'cart-1' })).toMatchObject({
      type: 'quantity_changed',
      quantityDelta: 3,
      value: money(3750, 'EUR'),
      item: { quantity: 3 },
    })
    expect(lineChangeEvent(mugLine, { from: 2, to: 2, cartId: 'cart-1' })).toBeNull()
  })

  it('has no value for an optimistic line whose price is not known yet', () => {
    const optimistic: EventLineSource = {
      key: 'v9',
      merchandiseId: 'v9',
      merchandise: null,
      cost: { unitPrice: null },
    }
    const event = lineChangeEvent(optimistic, { from: 0, to: 1, cartId: null })
    expect(event).toMatchObject({ merchandiseId: 'v9', value: null, item: { title: '' } })
  })
})
