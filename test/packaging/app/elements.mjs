// Run by test/packaging/packages.test.ts inside a blank project with the packed tarballs
// installed. @tote/elements' README example is an HTML page (a Shopify theme with the
// one-script build), which Node cannot render; the closest check here: the module build
// imports and registers its elements (into a registry standing in for `customElements`), and
// the one-script build, run as a page would run it, defines the same elements and exposes
// `Tote`. The names the README's HTML uses are printed for the test to compare.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'
import { defineToteElements, TOTE_ELEMENTS } from '@tote/elements'

/** A `customElements` stand-in that records what is defined. */
function registry() {
  const defined = new Map()
  return { defined, get: (name) => defined.get(name), define: (name, c) => defined.set(name, c) }
}

const moduleRegistry = registry()
defineToteElements({ registry: moduleRegistry })

const dir = dirname(createRequire(import.meta.url).resolve('@tote/elements/package.json'))
const script = readFileSync(join(dir, 'dist/tote.global.js'), 'utf8')
const pageRegistry = registry()
const page = vm.createContext({
  customElements: pageRegistry,
  TextEncoder,
  TextDecoder,
  Event,
  EventTarget,
  CustomEvent,
  URL,
  URLSearchParams,
  AbortController,
  Headers,
  Request,
  Response,
  fetch,
  crypto,
  setTimeout,
  clearTimeout,
  queueMicrotask,
  console,
})
let oneScriptError = null
try {
  vm.runInContext(script, page, { filename: 'tote.global.js' })
} catch (error) {
  // The message only: the stack of a minified bundle quotes the whole file.
  oneScriptError = `${error?.name}: ${error?.message}`
}

const readme = readFileSync(join(dir, 'README.md'), 'utf8')
const html = /```html\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
console.log(
  JSON.stringify({
    exported: Object.keys(TOTE_ELEMENTS).sort(),
    module: [...moduleRegistry.defined.keys()].sort(),
    oneScriptError,
    oneScript: [...pageRegistry.defined.keys()].sort(),
    globalExports: Object.keys(page.Tote ?? {}).sort(),
    readmeTags: [...new Set(html.match(/<tote-[a-z-]+/g) ?? [])].map((t) => t.slice(1)).sort(),
  }),
)
