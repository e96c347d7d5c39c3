// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { renderSections } from './index.ts'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('renderSections', () => {
  it('replaces each shopify-section element with its new HTML, with events around the swap', () => {
    document.body.innerHTML =
      '<div id="shopify-section-bubble" class="shopify-section"><span>1</span></div><p id="other">x</p>'
    const log: string[] = []
    document.addEventListener('tote:section-render', (event) => {
      const { id, section } = (event as CustomEvent<{ id: string; section: Element }>).detail
      log.push(`render ${id} ${section.textContent} (old ${(event.target as Element).textContent})`)
    })
    document.addEventListener('tote:section-rendered', (event) =>
      log.push(`rendered ${(event as CustomEvent<{ id: string }>).detail.id}`),
    )
    renderSections(document, {
      bubble: '<div id="shopify-section-bubble" class="shopify-section"><span>2</span></div>',
      missing: '<div id="shopify-section-missing">?</div>',
      empty: null,
    })
    expect(document.getElementById('shopify-section-bubble')?.textContent).toBe('2')
    expect(document.getElementById('shopify-section-missing')).toBeNull()
    expect(document.getElementById('other')?.textContent).toBe('x')
    expect(log).toEqual(['render bubble 2 (old 1)', 'rendered bubble'])
  })

  it('keeps the old section when theme code cancels the swap', () => {
    document.body.innerHTML = '<div id="shopify-section-bubble">1</div>'
    document.addEventListener('tote:section-render', (event) => event.preventDefault(), {
      once: true,
    })
    renderSections(document, { bubble: '<div id="shopify-section-bubble">2</div>' })
    expect(document.getElementById('shopify-section-bubble')?.textContent).toBe('1')
  })

  it('ignores anything that is not a map of sections', () => {
    document.body.innerHTML = '<div id="shopify-section-bubble">1</div>'
    renderSections(document, undefined)
    renderSections(document, 'bubble')
    expect(document.getElementById('shopify-section-bubble')?.textContent).toBe('1')
  })
})
