import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createToteServer, type ToteServer } from '../server/index.ts'
import type { Queryable, Storage } from '../storage/index.ts'

const SPEC = new URL('../../../../docs/protocol/openapi.yaml', import.meta.url)

interface Spec {
  openapi: string
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>
  components: {
    schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>
  }
}

let server: ToteServer
let spec: Spec

beforeAll(async () => {
  spec = parse(await readFile(SPEC, 'utf8')) as Spec
  // Only the routes are read: a storage that answers nothing is enough.
  const none: Queryable = { query: async () => ({ rows: [] }) }
  const storage: Storage = {
    kind: 'embedded',
    ...none,
    transaction: (work) => work(none),
    close: async () => {},
  }
  server = await createToteServer({ storage, devRoutes: true, seedDemo: false, sweepIntervalMs: 0 })
})

/** `/v1/carts/:cartId` → `/v1/carts/{cartId}` */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}')

describe('docs/protocol/openapi.yaml', () => {
  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toBe('3.1.0')
  })

  it('describes every endpoint the server serves, and nothing else', () => {
    const served = new Set(
      server.app.routes
        .filter((route) => route.method !== 'ALL' && /^\/(v1|dev)\//.test(route.path))
        .map((route) => `${route.method} ${openApiPath(route.path)}`),
    )
    const documented = new Set(
      Object.entries(spec.paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      ),
    )
    expect([...documented].sort()).toEqual([...served].sort())
  })

  it('lists every error code the server uses', async () => {
    const source = await readFile(new URL('./errors.ts', import.meta.url), 'utf8')
    const codes = [...source.matchAll(/\| '([a-z_]+)'/g)].map((match) => match[1])
    expect(spec.components.schemas.Error!.properties!.code!.enum!.sort()).toEqual(codes.sort())
  })
})
