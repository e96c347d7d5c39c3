// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ToteCartElement } from '../cart-root/index.ts'
import { buildLater, startOnDemand } from './load.ts'

// The loader's module state (whether the engine may load) lasts for the page. What a failed
// load does to held submits and to whenCart is checked in Chromium
// (test/browser/theme-loading.test.ts).

/**
 * A root with these attributes, and a Tote element to touch. The root is a plain element: the
 * builder reads attributes only, and a `<tote-cart>` would build a cart of its own once the
 * engine defines the elements.
 */
function root(attributes: string): ToteCartElement {
  document.body.innerHTML = `<div id="root" ${attributes}></div><tote-add-to-cart><button>Add</button></tote-add-to-cart>`
  return document.getElementById('root') as ToteCartElement
}

/** Whether `promise` has settled once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  promise.then(
    () => (done = true),
    () => (done = true),
  )
  for (let turn = 0; turn < 10; turn++) await Promise.resolve()
  return done
}

describe('the theme build loader', () => {
  it('waits for a Tote element to be touched, then loads the engine and the named adapter', async () => {
    startOnDemand(document)
    const rest = root('adapter="rest"')
    const building = Promise.resolve(buildLater(rest, 'rest'))
    expect(await settled(building)).toBe(false)

    // Focus outside any Tote element is not a reason to load.
    document.body.insertAdjacentHTML('beforeend', '<input id="search">')
    document.getElementById('search')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    expect(await settled(building)).toBe(false)

    // Inside one it is: the engine and the REST adapter load, which needs an endpoint.
    document.querySelector('button')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    await expect(building).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('<tote-cart adapter="rest"> needs a endpoint attribute'),
    })
  })

  it('names the adapters it has', async () => {
    await expect(Promise.resolve(buildLater(root('adapter="magento"'), 'magento'))).rejects.toThrow(
      /unknown adapter "magento" \(known: rest, shopify-ajax\)/,
    )
  })
})
