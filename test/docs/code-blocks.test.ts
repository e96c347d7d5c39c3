// Every TypeScript, TSX and Vue code block of README.md, docs/ and the package READMEs
// compiles against the packages as they are: an example that drifts from the API fails here.
// A block that cannot stand alone is marked `no-check` (see docs/README.md).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { type CodeBlock, checkBlocks, docBlocks, docFiles, extractBlocks } from './code-blocks.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('extractBlocks', () => {
  it('takes ts, tsx and vue blocks with the line of their first code line, and leaves marked ones', () => {
    const markdown = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1', // 3
      '```', // 4
      '```sh', // 5
      'pnpm add @tote/core', // 6
      '```', // 7
      '```ts no-check', // 8
      'partial(', // 9
      '```', // 10
      '<!-- no-check -->', // 11
      '', // 12
      '```tsx', // 13
      '<p />', // 14
      '```', // 15
      '- a list item', // 16
      '  ```vue', // 17
      '  <template><p /></template>', // 18
      '  ```', // 19
    ].join('\n')
    expect(extractBlocks(markdown, 'x.md')).toEqual([
      { file: 'x.md', line: 3, lang: 'ts', code: 'const a = 1' },
      { file: 'x.md', line: 18, lang: 'vue', code: '<template><p /></template>' },
    ])
  })
})

describe('checkBlocks', () => {
  it('reports a wrong option, a missing name and a template error, each at its line', () => {
    const blocks: CodeBlock[] = [
      {
        file: 'a.md',
        line: 10,
        lang: 'ts',
        code: [
          "import { createRestAdapter } from '@tote/adapter-rest'",
          "createRestAdapter({ endpoint: '/api' })",
        ].join('\n'),
      },
      { file: 'b.md', line: 20, lang: 'tsx', code: 'const view = <p>{notDeclared}</p>' },
      {
        file: 'c.md',
        line: 30,
        lang: 'vue',
        code: [
          '<script setup lang="ts">',
          "import { useCartCount } from '@tote/vue'",
          'const count = useCartCount()',
          '</script>',
          '<template>',
          '  <p>{{ count.toFixed(2) }} {{ counted }}</p>',
          '</template>',
        ].join('\n'),
      },
      { file: 'd.md', line: 40, lang: 'ts', code: 'cart.add({ merchandiseId: "variant-1" })' },
    ]
    const problems = checkBlocks(root, blocks).map(({ file, line, message }) => ({
      file,
      line,
      message: message.split('\n')[0],
    }))
    expect(problems).toEqual([
      { file: 'a.md', line: 11, message: expect.stringMatching(/'endpoint' does not exist/) },
      { file: 'b.md', line: 20, message: "Cannot find name 'notDeclared'." },
      { file: 'c.md', line: 35, message: expect.stringMatching(/'counted' does not exist/) },
    ])
  }, 120_000)
})

describe('the docs', () => {
  it('have code blocks that compile', () => {
    const blocks = docBlocks(root)
    const count = (lang: string) => blocks.filter((block) => block.lang === lang).length
    const files = new Set(blocks.map((block) => block.file)).size
    console.info(
      `checked ${blocks.length} blocks in ${files} files: ts ${count('ts')}, tsx ${count('tsx')}, vue ${count('vue')}`,
    )
    expect(blocks.length).toBeGreaterThan(30)
    const problems = checkBlocks(root, blocks).map((p) => `${p.file}:${p.line}: ${p.message}`)
    expect(problems).toEqual([])
  }, 120_000)
})

// Types cannot see that createRestAdapter refuses a relative URL at run time, nor check the
// examples in TSDoc comments: both are read here.
describe('examples of createRestAdapter', () => {
  it('give it an absolute baseUrl, its one URL option', () => {
    const sources = readdirSync(join(root, 'packages')).flatMap((name) =>
      readdirSync(join(root, 'packages', name, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((path) => /\.tsx?$/.test(path) && !/\.test(-d)?\.tsx?$/.test(path))
        .map((path) => join('packages', name, 'src', path)),
    )
    const wrong = [...docFiles(root), ...sources].flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          /createRestAdapter\(\{\s*(baseUrl:\s*['"`](?!https?:)|endpoint\b|url\b)/.test(line)
            ? [`${file}:${index + 1}: ${line.trim()}`]
            : [],
        ),
    )
    expect(sources.length).toBeGreaterThan(50)
    expect(wrong).toEqual([])
  })
})
