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
})
