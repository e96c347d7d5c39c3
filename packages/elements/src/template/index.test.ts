// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { safeUrl } from '../base/index.ts'
import { fillFields, keyedList } from './index.ts'

describe('safeUrl', () => {
  it('accepts http, https and relative URLs', () => {
    for (const url of [
      'https://cdn.example/a.png',
      'http://cdn.example/a.png',
      '/a.png',
      'a.png',
      '//cdn.example/a.png',
    ]) {
      expect(safeUrl(url)).toBe(url)
    }
  })

  it('refuses javascript:, data: and other schemes, however they are spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:x',
      'file:///etc/passwd',
      '',
      null,
      undefined,
    ]) {
      expect(safeUrl(url)).toBeNull()
    }
  })
})

describe('fillFields', () => {
  it('writes shop data as text, never as markup', () => {
    const row = document.createElement('li')
    row.innerHTML =
      '<span data-tote-field="title"></span><input data-tote-field="quantity"><b data-tote-field="other">keep</b>'
    fillFields(row, { title: '<img src=x onerror="alert(1)">', quantity: '3' })
    expect(row.querySelector('span')?.textContent).toBe('<img src=x onerror="alert(1)">')
    expect(row.querySelector('img')).toBeNull()
    expect(row.querySelector('input')?.value).toBe('3')
    expect(row.querySelector('b')?.textContent).toBe('keep')
  })

  it('sets an image only from a safe URL, and hides it otherwise', () => {
    const img = document.createElement('img')
    img.setAttribute('data-tote-field', 'image')
    fillFields(img, { image: { url: 'https://cdn.example/mug.png', alt: 'Mug' } })
    expect([img.getAttribute('src'), img.alt, img.hidden]).toEqual([
      'https://cdn.example/mug.png',
      'Mug',
      false,
    ])
    fillFields(img, { image: { url: 'javascript:alert(1)', alt: 'Mug' } })
    expect([img.getAttribute('src'), img.hidden]).toEqual([null, true])
  })
})

describe('keyedList', () => {
  it('keeps unchanged rows, refills changed ones, removes gone ones and keeps order', () => {
    const container = document.createElement('ul')
    const template = document.createElement('template')
    template.innerHTML = '<li data-tote-field="name"></li>'
    let fills = 0
    const list = keyedList<{ id: string; name: string }>({
      template,
      container,
      after: null,
      keyAttribute: 'data-id',
      key: (item) => item.id,
      fill: (row, item) => {
        fills += 1
        fillFields(row, { name: item.name })
      },
    })
    const a = { id: 'a', name: 'A' }
    const b = { id: 'b', name: 'B' }
    list.update([a, b])
    const rowA = container.firstElementChild
    list.update([{ id: 'b', name: 'B2' }, a, { id: 'c', name: 'C' }])
    expect(container.textContent).toBe('B2AC')
    expect(container.children[1]).toBe(rowA)
    expect(fills).toBe(4)
    list.update([a])
    expect(container.innerHTML).toBe('<li data-tote-field="name" data-id="a">A</li>')
    list.clear()
    expect(container.children).toHaveLength(0)
  })
})
