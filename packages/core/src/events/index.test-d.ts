import { describe, expectTypeOf, it } from 'vitest'
import type { CartEvents, EmailCapturedEvent, LineAddedEvent } from './index.ts'
import { createEmitter } from './index.ts'

describe('event types', () => {
  it('types each listener by its event type', () => {
    const events = createEmitter<CartEvents>()
    events.on('line_added', (event) => {
      expectTypeOf(event).toEqualTypeOf<LineAddedEvent>()
    })
    // @ts-expect-error: an unknown event type
    events.on('line_deleted', () => {})
    // @ts-expect-error: the payload must match its type
    events.emit('checkout_started', { type: 'line_added' })
  })

  it('never carries the email address', () => {
    expectTypeOf<EmailCapturedEvent>().not.toHaveProperty('email')
  })
})
