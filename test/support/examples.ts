// What the app examples' browser tests share (examples/react-shop, vue-shop, react-router-shop,
// recovery-page): a Vite build of the example, the reference server on embedded storage with
// the built pages on its own origin, and the recovery link of the email the sweep sends.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createEmbeddedStorage,
  createToteServer,
  type Storage,
  type ToteServer,
} from '@tote/server'
import { build, createBuilder } from 'vite'

/** The folder of `examples/<name>/`. */
export function exampleDir(name: string): string {
  return fileURLToPath(new URL(`../../examples/${name}/`, import.meta.url))
}

/**
 * Builds an example with Vite's JavaScript API, as `pnpm build` in its folder does, into its
 * `dist/` (ignored by git). `app: true` builds every environment the config declares (a
 * server-rendered app's client and server), else the browser bundle only.
 */
export async function buildExample(name: string, options: { app?: boolean } = {}): Promise<string> {
  const root = exampleDir(name)
  const config = { root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' as const }
  // Vitest sets NODE_ENV to `test`, which would give React's and Vue's development builds.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    if (options.app) await (await createBuilder(config)).buildApp()
    else await build(config)
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  return join(root, 'dist')
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
}

/** Every file under `dir`, by URL path. */
async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(`/${relative(dir, path).replaceAll('\\', '/')}`, await readFile(path))
  }
  return files
}

/** Options of {@link serveExample}. */
export interface ServeExampleOptions {
  /** The built browser files, served as they are. */
  assets: string
  /**
   * What answers the other GET requests: a single-page app's `index.html` (the default), or a
   * server-rendered app's request handler.
   */
  fallback?: (request: Request) => Promise<Response>
}

/** The reference server with an example's pages on its origin. */
export interface ServedExample {
  url: string
  server: ToteServer
  /** Moves the server's clock past the abandonment delay and runs the sweep; the links sent. */
  sendRecoveryEmails(): Promise<string[]>
  stop(): Promise<void>
}

/**
 * Starts `@tote/server` on embedded storage (the demo catalogue, recovery emails on after 20
 * minutes, development routes) and serves the example's files on the same origin, with the
 * recovery link pointing at its `/recover` page and checkout at `/checkout/{cartId}`.
 */
export async function serveExample(options: ServeExampleOptions): Promise<ServedExample> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tote-example-'))
  let storage: Storage | null = null
  let server: ToteServer | null = null
  const stop = async () => {
    await server?.close()
    await storage?.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const [files, opened] = await Promise.all([
      filesOf(options.assets),
      createEmbeddedStorage({ dataDir: join(dataDir, 'db') }),
    ])
    storage = opened
    server = await createToteServer({
      storage,
      devRoutes: true,
      shop: { name: 'Atelier Tote', recoveryUrl: '/recover', checkoutUrl: '/checkout/{cartId}' },
    })
    const index = files.get('/index.html')
    const fallback =
      options.fallback ??
      (async () => {
        if (!index) return new Response('Not found', { status: 404 })
        return new Response(new Uint8Array(index), { headers: { 'Content-Type': TYPES['.html']! } })
      })
    server.app.get('*', (c) => {
      const file = files.get(c.req.path)
      if (!file) return fallback(c.req.raw)
      const type = TYPES[extname(c.req.path)] ?? 'application/octet-stream'
      return c.body(new Uint8Array(file), 200, { 'Content-Type': type })
    })
    const { url } = await server.listen(0, '127.0.0.1')
    await server.merchant.updateSettings({ enabled: true, delayMinutes: 20 })
    const running = server
    return {
      url,
      server: running,
      async sendRecoveryEmails() {
        const before = new Set((await running.outbox!.list()).map((email) => email.id))
        await running.fastForward(25 * 60_000)
        const sent = (await running.outbox!.list()).filter((email) => !before.has(email.id))
        return sent.map((email) => {
          const link = /https?:\/\/\S+\/recover\?token=[\w.~-]+/.exec(email.text)?.[0]
          if (!link) throw new Error(`No recovery link in the email: ${email.text}`)
          return link
        })
      },
      stop,
    }
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }
}
