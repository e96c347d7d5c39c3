// What the browser end-to-end tests share: the one-script and theme builds bundled from source, a
// 127.0.0.1 listener, and a headless Chromium that downloads nothing.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { THEME_BUILD, THEME_ENTRIES } from '../../packages/elements/theme-build.ts'

/** Debian's Chromium; the browser tests are skipped where it is not installed. */
export const CHROMIUM = '/usr/bin/chromium'
export const HAS_CHROMIUM = existsSync(CHROMIUM)

/** The example theme's pages (examples/theme). */
export const THEME_PAGES = fileURLToPath(new URL('../../examples/theme/', import.meta.url))

/** `dist/tote.global.js` as `pnpm build` makes it, bundled on the fly from the sources. */
export async function buildOneScript(): Promise<string> {
  const built = await build({
    entryPoints: [fileURLToPath(new URL('../../packages/elements/src/global.ts', import.meta.url))],
    bundle: true,
    // The script sets window.Tote itself, before it defines the elements.
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@tote/source'],
    write: false,
    logLevel: 'silent',
  })
  return built.outputFiles[0]!.text
}

/**
 * The theme build (`packages/elements/dist/theme`) as `pnpm build` makes it, bundled on the
 * fly from the sources with the build's own options: file name → code.
 */
export async function buildThemeModules(): Promise<Map<string, string>> {
  const built = await build({
    ...THEME_BUILD,
    entryPoints: THEME_ENTRIES,
    outdir: '/assets',
    write: false,
    logLevel: 'silent',
  })
  return new Map(built.outputFiles.map((file) => [basename(file.path), file.text]))
}

/** Listens on a free 127.0.0.1 port; resolves to `http://127.0.0.1:PORT`. */
export function listen(http: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)
    })
  })
}

/** Closes a listener (and its kept-alive sockets); resolves once closed. */
export function close(http: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!http) return resolve()
    http.closeAllConnections()
    http.close(() => resolve())
  })
}

/** A headless Chromium with a fresh profile; `close()` also removes the profile. */
export async function launchChromium(): Promise<{
  context: BrowserContext
  close(): Promise<void>
}> {
  const profile = await mkdtemp(join(tmpdir(), 'tote-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/** axe-core's browser build. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** One accessibility rule a page breaks, with the elements that break it. */
export interface AccessibilityViolation {
  id: string
  impact: string | null
  targets: string[]
}

/**
 * Runs axe-core (WCAG rules) on the first element matching `selector` in `page`. axe is
 * evaluated rather than added as a script tag, so pages whose Content-Security-Policy allows
 * no inline script can be checked too.
 */
export async function accessibilityViolations(
  page: Page,
  selector: string,
): Promise<AccessibilityViolation[]> {
  await page.evaluate(await readFile(AXE, 'utf8'))
  return page.evaluate(async (root) => {
    type Result = {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[]
    }
    const axe = (window as unknown as { axe: { run(context: Element): Promise<Result> } }).axe
    const result = await axe.run(document.querySelector(root)!)
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
  }, selector)
}
