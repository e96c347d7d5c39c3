// @vitest-environment happy-dom
// Runs only in the "react 18.2.0" project (vitest.config.ts). It fails if the aliases to the
// oldest React that @tote/react claims do not reach the hooks, react-dom or the testing library.
// Plain JavaScript: React's types are not installed for test/, only for packages/react.
import { act, render, renderHook } from '@testing-library/react'
import { createTestCart } from '@tote/testing'
import { createElement as h, version } from 'react'
import { version as domVersion } from 'react-dom'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { useCartCount } from '../../packages/react/src/index.ts'

/** The cart's count, as a component renders it. */
function Count({ cart }) {
  return h('b', null, String(useCartCount(cart)))
}

describe('@tote/react on its oldest React', () => {
  it('runs React and react-dom 18.2.0', () => {
    expect(version).toBe('18.2.0')
    expect(domVersion).toBe('18.2.0')
  })

  it('shares one React between the hooks, react-dom and the testing library', async () => {
    const { cart } = createTestCart({ lines: { 'tote-natural': 2 } })
    await cart.settled()
    // With two copies of React the hook would throw "Invalid hook call".
    const hook = renderHook(() => useCartCount(cart))
    expect(hook.result.current).toBe(2)
    act(() => cart.setQuantity('tote-natural', 3))
    expect(hook.result.current).toBe(3)
    // The server render shows an empty cart by design (see useStore in the hooks).
    expect(renderToString(h(Count, { cart }))).toBe('<b>0</b>')
    expect(render(h(Count, { cart })).container.innerHTML).toBe('<b>3</b>')
    await act(() => cart.settled())
    cart.destroy()
  })
})
