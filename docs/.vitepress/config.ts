import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type DefaultTheme, defineConfig, type MarkdownRenderer } from 'vitepress'

// The site is built from the Markdown in docs/ as it is on GitHub: every page keeps its path
// (docs/cart.md is /cart), links between pages stay relative .md links, and a link to a page
// that does not exist fails the build (VitePress's dead-link check, left on).
//
// The sidebar lists the pages in the groups below, titled by their first heading; a page in
// docs/ that no group names is still listed, under "More", so a new page is never unreachable.
// The API reference in docs/api/ is generated from the packages' TSDoc comments by
// scripts/docs-site.mjs before VitePress runs.

const docs = fileURLToPath(new URL('..', import.meta.url))
const root = join(docs, '..')

const groups: { text: string; pages: string[] }[] = [
  { text: 'Start', pages: ['README', 'domain'] },
  {
    text: 'Using the cart',
    pages: ['cart', 'bindings', 'themes', 'theme-build', 'notices', 'analytics', 'recovery'],
  },
  {
    text: 'Backends',
    pages: ['adapters/shopify', 'adapters/shopify-ajax', 'adapters/medusa', 'protocol/README'],
  },
  { text: 'The reference server', pages: ['server'] },
  { text: 'How it works', pages: ['sync-engine', 'size', 'benchmarks', 'testing'] },
  { text: 'Project', pages: ['contributing'] },
]

/** Every Markdown page in docs/ (without `.md`), the generated API reference aside. */
function pages(dir = docs): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'api' && entry.name !== 'node_modules') {
        found.push(...pages(path))
      }
    } else if (entry.name.endsWith('.md') && entry.name !== 'index.md') {
      found.push(relative(docs, path).slice(0, -'.md'.length))
    }
  }
  return found.sort()
}

/** A page's first `# ` heading, as plain text. */
function titleOf(page: string): string {
  const text = readFileSync(join(docs, `${page}.md`), 'utf8')
  const heading = /^# (.+)$/m.exec(text)?.[1] ?? page
  return heading.replaceAll('`', '').trim()
}

function sidebar(): DefaultTheme.SidebarItem[] {
  const all = pages()
  const item = (page: string) => ({ text: titleOf(page), link: `/${page}` })
  const listed = new Set(groups.flatMap((group) => group.pages))
  const items: DefaultTheme.SidebarItem[] = groups
    .map((group) => ({
      text: group.text,
      items: group.pages.filter((page) => all.includes(page)).map(item),
    }))
    .filter((group) => group.items.length > 0)
  const rest = all.filter((page) => !listed.has(page))
  if (rest.length > 0) items.push({ text: 'More', items: rest.map(item) })
  items.push({ text: 'API reference', link: '/api/' })
  return items
}

/** The API reference's sidebar, written by typedoc-vitepress-theme next to the pages. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = join(docs, 'api', 'typedoc-sidebar.json')
  if (!existsSync(file)) return []
  return [
    { text: 'API reference', link: '/api/' },
    { text: 'Entry points', items: JSON.parse(readFileSync(file, 'utf8')) },
    { text: 'Guides', link: '/README' },
  ]
}

/** The repository's web address, from the packages' `repository` field. */
function repository(): string {
  const manifest = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8'))
  return String(manifest.repository?.url ?? '')
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
}

// Files inside docs/ that pages link to but that are not pages (protocol/openapi.yaml):
// copied beside the built pages at the end of the build.
const linkedFiles = new Set<string>()

type LinkOpen = NonNullable<MarkdownRenderer['renderer']['rules']['link_open']>

/**
 * Relative links as they work on GitHub: one that leaves docs/ for a file of the repository
 * (`../examples/react-shop/`, `../packages/core/src/…`) goes to that file in the repository;
 * one to a file of docs/ that is not a page is kept and the file copied. A link to something
 * that does not exist is left as it is, for the dead-link check to stop the build.
 */
export function repositoryLinks(render: LinkOpen): LinkOpen {
  const web = repository()
  return (tokens, index, options, env, self) => {
    const token = tokens[index]!
    const href = token.attrGet('href')
    const page: string | undefined = env?.path
    if (href && page && !/^([a-z][a-z\d+.-]*:|#|\/)/i.test(href)) {
      const [path = '', hash = ''] = href.split(/(?=#)/)
      const target = resolve(dirname(page), decodeURIComponent(path))
      const inDocs = !relative(docs, target).startsWith('..')
      if (existsSync(target) && !inDocs) {
        const kind = statSync(target).isDirectory() ? 'tree' : 'blob'
        token.attrSet('href', `${web}/${kind}/main/${relative(root, target)}${hash}`)
      } else if (existsSync(target) && statSync(target).isFile() && !target.endsWith('.md')) {
        linkedFiles.add(relative(docs, target))
      }
    }
    return render(tokens, index, options, env, self)
  }
}

export default defineConfig({
  title: 'Tote',
  description:
    'The storefront cart that never loses a click: optimistic sync, email capture and abandoned-cart recovery.',
  cleanUrls: true,
  lastUpdated: false,
  markdown: {
    config(md) {
      md.renderer.rules.link_open = repositoryLinks(
        md.renderer.rules.link_open ??
          ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options)),
      )
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/cart' },
      { text: 'Server', link: '/server' },
      { text: 'Protocol', link: '/protocol/README' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: { '/api/': apiSidebar(), '/': sidebar() },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
  // The local search index and the largest API pages make big chunks; they load on demand.
  vite: { build: { chunkSizeWarningLimit: 1024 } },
  buildEnd({ outDir }) {
    for (const file of linkedFiles) {
      mkdirSync(dirname(join(outDir, file)), { recursive: true })
      copyFileSync(join(docs, file), join(outDir, file))
    }
  },
})
