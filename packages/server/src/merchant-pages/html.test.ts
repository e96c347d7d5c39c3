import { describe, expect, it } from 'vitest'
import { html, safeHref } from './html.ts'

describe('html', () => {
  it('escapes every interpolated value as text', () => {
    const title = '<img src=x onerror="alert(1)">'
    expect(html`<td title="${title}">${title}</td>`.markup).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>',
    )
  })

  it('keeps markup it built itself, and lists of it', () => {
    const items = ['a', '<b>'].map((item) => html`<li>${item}</li>`)
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>')
  })

  it('leaves out null, undefined and false', () => {
    expect(html`${null}${undefined}${false}${0}`.markup).toBe('0')
  })
})

describe('safeHref', () => {
  it('keeps paths and http(s) URLs, and turns anything else into #', () => {
    expect(safeHref('/merchant')).toBe('/merchant')
    expect(safeHref('https://shop.example/recover?token=a')).toBe(
      'https://shop.example/recover?token=a',
    )
    expect(safeHref('javascript:alert(1)')).toBe('#')
    expect(safeHref('//evil.example/')).toBe('#')
  })
})
