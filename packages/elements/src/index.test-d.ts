import type { CartView, Notice } from '@tote/core'
import { recovery } from '@tote/core/recovery'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type DefineToteElementsOptions,
  defineToteElements,
  type ToteCartElement,
  type ToteCartLinesElement,
} from './index.ts'

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

  it('takes recovery as the module from @tote/core/recovery', () => {
    expectTypeOf({ recovery }).toExtend<DefineToteElementsOptions>()
    // @ts-expect-error: recovery is the module, not a flag
    defineToteElements({ recovery: true })
  })
})
