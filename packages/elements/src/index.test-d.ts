import type { CartView, Notice } from '@tote/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { ToteCartElement, ToteCartLinesElement } from './index.ts'

describe('@tote/elements types', () => {
  it('types the events and the tags for theme code', () => {
    document.addEventListener('tote:cart-updated', (event) => {
      expectTypeOf(event.detail).toEqualTypeOf<CartView>()
    })
    document.addEventListener('tote:notice', (event) => {
      expectTypeOf(event.detail).toEqualTypeOf<Notice>()
    })
    expectTypeOf(document.querySelector('tote-cart')).toEqualTypeOf<ToteCartElement | null>()
    expectTypeOf(document.createElement('tote-cart-lines')).toEqualTypeOf<ToteCartLinesElement>()
  })
})
