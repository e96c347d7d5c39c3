// @vitest-environment node
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `pnpm docs:build` as CI runs it: TypeDoc writes the API reference from the packages' TSDoc,
// VitePress builds the site from docs/ (into a temporary folder here). A link to a missing page
// fails that build, so this test fails with it.

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DOCS = join(ROOT, 'docs')
let site: string
let buildLog: string

/** Every Markdown page of docs/ (without `.md`), the generated API reference aside. */
function markdownPages(dir = DOCS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || entry.name === 'api' ? [] : markdownPages(path)
    }
    return entry.name.endsWith('.md') ? [relative(DOCS, path).slice(0, -'.md'.length)] : []
  })
}

/** Each published package's entry points, as users import them. */
function entryPoints(): string[] {
  return readdirSync(join(ROOT, 'packages')).flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8'))
    if (manifest.private) return []
    return Object.entries(manifest.exports as Record<string, unknown>)
      .filter(([, target]) => typeof target === 'object' && target && '@tote/source' in target)
      .map(([subpath]) => `${manifest.name}${subpath.slice(1)}`)
  })
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T
const html = (page: string): string => readFileSync(join(site, `${page}.html`), 'utf8')

describe('the docs site', () => {
  beforeAll(async () => {
    site = await mkdtemp(join(tmpdir(), 'tote-docs-site-'))
    const started = performance.now()
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['scripts/docs-site.mjs', 'build', '--out', site],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    )
    buildLog = stdout + stderr
    console.log(`docs:build took ${Math.round(performance.now() - started)} ms`)
  }, 150_000)

  afterAll(async () => {
    if (site) await rm(site, { recursive: true, force: true })
  })

  it('has a page for every Markdown file in docs/, each reachable from the sidebar', () => {
    const pages = markdownPages()
    expect(pages).toEqual(expect.arrayContaining(['cart', 'server', 'protocol/README']))
    const missing = pages.filter((page) => !existsSync(join(site, `${page}.html`)))
    expect(missing).toEqual([])
    // The sidebar is rendered into every guide page; every page but the home is in it.
    const sidebarLinks = new Set(
      [...html('cart').matchAll(/class="VPLink link[^"]*" href="\/([^"#]*)"/g)].map((m) => m[1]),
    )
    const unlisted = pages.filter((page) => page !== 'index' && !sidebarLinks.has(page))
    expect(unlisted).toEqual([])
    expect(sidebarLinks).toContain('api/')
  })

  it('has an API reference page for every public entry point, from the TSDoc comments', () => {
    const entries = entryPoints()
    expect(entries).toEqual(expect.arrayContaining(['@tote/core', '@tote/core/recovery']))
    const index = html('api/index')
    for (const entry of entries) {
      expect(existsSync(join(site, 'api', `${entry}.html`)), entry).toBe(true)
      expect(index).toContain(`href="/api/${entry}"`)
    }
    expect(buildLog).toContain(`API reference: ${entries.length} entry points`)
    // createCart with its signature and the words of its TSDoc comment.
    const core = html('api/@tote/core')
    expect(core).toContain('<h3 id="createcart"')
    const tsdoc = readFileSync(join(ROOT, 'packages/core/src/cart/index.ts'), 'utf8')
    const summary = /\/\*\*\n \* ([^\n]+)\n[\s\S]*?\*\/\nexport function createCart/.exec(
      tsdoc,
    )?.[1]
    expect(summary).toBeTruthy()
    const words = summary!.replace(/`/g, '').split(/\s+/).slice(0, 4).join(' ')
    expect(core.replace(/<[^>]+>/g, '')).toContain(words)
    expect(html('api/@tote/adapter-rest')).toContain('id="createrestadapter"')
    expect(html('api/@tote/server')).toContain('id="createtoteserver"')
    // Members custom elements inherit from HTMLElement are the platform's, not listed.
    expect(html('api/@tote/elements')).not.toContain('id="addeventlistener')
  })

  it('shows every screenshot the Chromium tests took on the home page', () => {
    const shots = readdirSync(join(DOCS, 'screenshots')).filter((file) => file.endsWith('.png'))
    expect(shots.length).toBeGreaterThan(0)
    const home = html('index')
    for (const shot of shots) {
      const src = new RegExp(`<img src="/(assets/${shot.replace('.png', '')}\\.[\\w-]+\\.png)"`)
      const match = src.exec(home)
      expect(match, shot).not.toBeNull()
      expect(existsSync(join(site, match![1]!))).toBe(true)
    }
  })

  it('keeps the dead-link check on and serves the files pages link to', async () => {
    const { default: config } = await import('../../docs/.vitepress/config.ts')
    expect(config.ignoreDeadLinks).toBeUndefined()
    // Links as GitHub follows them: out of docs/ to the repository, unless nothing is there.
    const { createMarkdownRenderer } = await import('vitepress')
    const md = await createMarkdownRenderer(DOCS)
    config.markdown!.config!(md)
    const page =
      '[a](../README.md#tote) [b](../packages/core/) [c](../no-such-file.md) [d](cart.md)'
    const hrefs = [...md.render(page, { path: join(DOCS, 'x.md') }).matchAll(/href="([^"]*)"/g)]
    const repository = readJson<{ repository: { url: string } }>(
      join(ROOT, 'packages/core/package.json'),
    ).repository.url.replace(/^git\+|\.git$/g, '')
    expect(hrefs.map((match) => match[1])).toEqual([
      `${repository}/blob/main/README.md#tote`,
      `${repository}/tree/main/packages/core`,
      './../no-such-file.html', // left for the dead-link check
      './cart.html',
    ])
    expect(readFileSync(join(site, 'protocol/openapi.yaml'), 'utf8')).toBe(
      readFileSync(join(DOCS, 'protocol/openapi.yaml'), 'utf8'),
    )
  })
})
