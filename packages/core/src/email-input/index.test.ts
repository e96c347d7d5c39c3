// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ToteArgumentError } from '../errors/index.ts'
import { bindEmailInput } from './index.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function setup() {
  const input = document.createElement('input')
  input.type = 'email'
  const captureEmail = vi.fn(async (email: string) => {
    if (!email.includes('.')) throw new ToteArgumentError('email', 'malformed')
  })
  const type = (text: string) => {
    for (const character of text) {
      input.value += character
      input.dispatchEvent(new Event('input'))
      vi.advanceTimersByTime(120)
    }
  }
  return { input, captureEmail, type }
}

describe('bindEmailInput', () => {
  it('saves once after typing pauses, never per keystroke', async () => {
    const { input, captureEmail, type } = setup()
    bindEmailInput({ captureEmail }, input, { debounceMs: 800 })
    type('ada@example.com')
    expect(captureEmail).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(800)
    expect(captureEmail).toHaveBeenCalledTimes(1)
    expect(captureEmail).toHaveBeenCalledWith('ada@example.com', { consent: false })
  })

  it('saves on blur at once, and not again for the same address and consent', async () => {
    const { input, captureEmail } = setup()
    let consent = false
    bindEmailInput({ captureEmail }, input, { consent: () => consent })
    input.value = ' ada@example.com '
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captureEmail).toHaveBeenCalledTimes(1)
    consent = true
    input.dispatchEvent(new Event('change'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captureEmail).toHaveBeenLastCalledWith('ada@example.com', { consent: true })
  })

  it('stops listening and drops a pending save when unbound', async () => {
    const { input, captureEmail, type } = setup()
    const unbind = bindEmailInput({ captureEmail }, input)
    type('ada@example.com')
    unbind()
    await vi.advanceTimersByTimeAsync(5_000)
    input.dispatchEvent(new Event('blur'))
    expect(captureEmail).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('names the argument when given something that is not an input', () => {
    expect(() => bindEmailInput({ captureEmail: vi.fn() }, null as never)).toThrow(/^input: /)
  })

  it('saves again when the consent checkbox changes, reading it at each save', async () => {
    const { input, captureEmail } = setup()
    const checkbox = document.createElement('input')
    checkbox.type = 'checkbox'
    const unbind = bindEmailInput({ captureEmail }, input, { consent: checkbox })
    input.value = 'ada@example.com'
    input.dispatchEvent(new Event('blur'))
    checkbox.checked = true
    checkbox.dispatchEvent(new Event('change'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captureEmail.mock.calls).toEqual([
      ['ada@example.com', { consent: false }],
      ['ada@example.com', { consent: true }],
    ])
    unbind()
    checkbox.checked = false
    checkbox.dispatchEvent(new Event('change'))
    expect(captureEmail).toHaveBeenCalledTimes(2)
  })

  it('reports a malformed address on blur, and stays quiet about it while typing', async () => {
    const { input, captureEmail, type } = setup()
    const onError = vi.fn()
    bindEmailInput({ captureEmail }, input, { onError })
    type('ada@example')
    await vi.advanceTimersByTimeAsync(800)
    expect(captureEmail).toHaveBeenCalledTimes(1)
    expect(onError).not.toHaveBeenCalled()
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(ToteArgumentError)
  })

  it('reports a backend failure even while typing, and tries the same address again later', async () => {
    const { input, type } = setup()
    const captureEmail = vi
      .fn<(email: string) => Promise<void>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(undefined)
    const onError = vi.fn()
    bindEmailInput({ captureEmail }, input, { onError })
    type('ada@example.com')
    await vi.advanceTimersByTimeAsync(800)
    expect(onError).toHaveBeenCalledWith(new Error('offline'))
    input.dispatchEvent(new Event('blur'))
    await vi.advanceTimersByTimeAsync(0)
    expect(captureEmail).toHaveBeenCalledTimes(2)
  })

  it('waits while typing until the input finds the address valid', async () => {
    const { input, captureEmail, type } = setup()
    bindEmailInput({ captureEmail }, input)
    input.checkValidity = () => input.value.endsWith('.com')
    type('ada@example.co')
    await vi.advanceTimersByTimeAsync(800)
    expect(captureEmail).not.toHaveBeenCalled()
    type('m')
    await vi.advanceTimersByTimeAsync(800)
    expect(captureEmail).toHaveBeenCalledWith('ada@example.com', { consent: false })
  })

  it('refuses options it cannot use, naming them', () => {
    const { input, captureEmail } = setup()
    expect(() => bindEmailInput({ captureEmail }, input, { consent: 'yes' as never })).toThrow(
      /^options\.consent: /,
    )
    expect(() => bindEmailInput({ captureEmail }, input, { debounceMs: -1 })).toThrow(
      /^options\.debounceMs: .*got -1/,
    )
  })
})
