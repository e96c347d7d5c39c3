import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runJourney } from './journey.ts'

describe('the terminal journey (pnpm demo --once)', () => {
  it('runs the whole journey against the demo shop and stops it', async () => {
    const lines: string[] = []
    const demo = await runJourney({ port: 0, print: (line) => lines.push(line) })
    const output = lines.join('\n')
    /** The lines of one numbered step, up to the next blank line. */
    const step = (n: number) => {
      const start = lines.findIndex((line) => line.startsWith(`${n}. `))
      expect(start, `step ${n} was printed`).toBeGreaterThan(-1)
      const end = lines.indexOf('', start)
      return lines.slice(start, end === -1 ? undefined : end).join('\n')
    }

    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(step(2)).toMatch(/2 × Enamel mug – White +€14\.50 each +€29\.00/)
    expect(step(2)).toContain('Subtotal €82.70')
    expect(step(3)).toContain('ada@example.com: saved')

    // docs/domain.md R4: one email after the delay, and only one.
    expect(step(4)).toContain('1 email sent; a second sweep sends 0. The outbox holds 1.')
    expect(step(4)).toContain('Subject:  Atelier Tote: your cart is waiting for you')
    // The link opens the shop's own recovery page, on the same origin.
    expect(step(4)).toContain(`Link:     ${demo.url}/recover?token=tote1.`)

    // docs/domain.md R11, R12: the sold-out line is gone, the new price is shown, both with a notice.
    const recovered = step(6)
    expect(recovered).toContain('! Enamel mug – White is sold out and was removed from your cart.')
    expect(recovered).toContain(
      '! The price of Dot-grid notebook – A5 changed from €9.90 to €12.90.',
    )
    expect(recovered).toContain('Report: 1 removed, 0 lowered, 1 repriced.')
    expect(recovered).toMatch(/3 × Dot-grid notebook – A5 +€12\.90 each +€38\.70/)
    expect(recovered).not.toMatch(/\d × Enamel mug/)
    expect(recovered).toContain('Subtotal €62.70')
    expect(recovered).toContain(
      'It took 2 requests: POST /v1/recover, then POST /v1/carts/{cartId}/ops',
    )

    expect(step(7)).toMatch(/order order_\S+ is placed/)
    expect(step(7)).toContain('1 email sent, 1 order recovered (€62.70)')

    // docs/domain.md R17: after checkout the next add starts a new cart.
    const [, next, ordered] =
      /The next add starts a new cart: (cart_\S+) \(the ordered one was (cart_\S+)\)/.exec(
        step(8),
      ) ?? []
    expect(next).toBeDefined()
    expect(next).not.toBe(ordered)
    expect(step(2)).toContain(`(${ordered})`)
    expect(step(8)).toMatch(/1 × Canvas tote bag – Black/)

    // The shop is stopped and its temporary data folder removed.
    expect(output).toMatch(/Done\.$/)
    await expect(fetch(`${demo.url}/health`)).rejects.toThrow()
    const dataDir = /embedded storage in (\S+)\)/.exec(step(1))?.[1]
    expect(dataDir).toBeDefined()
    expect(existsSync(dataDir!)).toBe(false)
  }, 90_000)
})
