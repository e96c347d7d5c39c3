import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Releases are made with Changesets (docs/contributing.md): the pending changesets in
// .changeset/ decide the next versions. This checks the configuration against the workspace
// and computes the release plan `pnpm changeset version` would carry out.

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Manifest {
  name: string
  private?: boolean
}
interface ReleasePlan {
  changesets: { id: string; releases: { name: string; type: string }[] }[]
  releases: { name: string; type: string; newVersion: string | null }[]
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T
const workspace = (folder: string): Manifest[] =>
  readdirSync(join(ROOT, folder), { withFileTypes: true })
    .filter((entry) => existsSync(join(ROOT, folder, entry.name, 'package.json')))
    .map((entry) => readJson<Manifest>(join(ROOT, folder, entry.name, 'package.json')))

const published = workspace('packages')
  .filter((manifest) => !manifest.private)
  .map((manifest) => manifest.name)
  .sort()
const unpublished = [...workspace('packages'), ...workspace('examples')]
  .filter((manifest) => manifest.private)
  .map((manifest) => manifest.name)
  .concat(readJson<Manifest>(join(ROOT, 'test/package.json')).name)

/** The release plan, from the library `changeset version` and `changeset status` use. */
async function releasePlan(): Promise<ReleasePlan> {
  const fromCli = createRequire(
    createRequire(join(ROOT, 'package.json')).resolve('@changesets/cli/package.json'),
  )
  const module = fromCli('@changesets/get-release-plan') as
    | ((cwd: string) => Promise<ReleasePlan>)
    | { default: (cwd: string) => Promise<ReleasePlan> }
  return (typeof module === 'function' ? module : module.default)(ROOT)
}

describe('releases with Changesets', () => {
  it('versions every published package together and never an example or the tests', () => {
    const config = readJson<{ fixed: string[][]; ignore: string[]; access: string }>(
      join(ROOT, '.changeset/config.json'),
    )
    expect(config.fixed).toHaveLength(1)
    expect([...config.fixed[0]!].sort()).toEqual(published)
    expect(config.access).toBe('public')
    const ignored = config.ignore.map((pattern) => new RegExp(`^${pattern.replaceAll('*', '.*')}$`))
    expect(unpublished.filter((name) => !ignored.some((pattern) => pattern.test(name)))).toEqual([])
  })

  it('plans the next release of the published packages only, at one version', async () => {
    const plan = await releasePlan()
    const releasing = plan.releases.filter((release) => release.type !== 'none')
    for (const release of releasing) expect(published).toContain(release.name)
    for (const release of plan.releases.filter((r) => unpublished.includes(r.name))) {
      expect(release.type, release.name).toBe('none')
    }
    if (plan.changesets.length === 0) return // just after a release: nothing pending
    expect(releasing.map((release) => release.name).sort()).toEqual(published)
    expect(new Set(releasing.map((release) => release.newVersion)).size).toBe(1)
    console.log(
      `next release: ${releasing[0]!.newVersion}, from ${plan.changesets.length} changesets`,
    )
  })
})
