// The built shop's request handler, for a server that also answers the Tote API on the same
// origin (the Chromium test mounts it on @tote/server's app). Static files are in
// dist/client; every other GET is a page, rendered here.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler, type ServerBuild } from 'react-router'

/**
 * Loads `dist/server/index.js` (from `pnpm build`) and returns its page handler, a
 * `(request: Request) => Promise<Response>` any server framework can call.
 *
 * @example
 * const handle = await createPageHandler(new URL('./dist', import.meta.url).pathname)
 * app.get('*', (c) => handle(c.req.raw))
 */
export async function createPageHandler(
  dist: string,
): Promise<(request: Request) => Promise<Response>> {
  const build = (await import(pathToFileURL(join(dist, 'server/index.js')).href)) as ServerBuild
  const handle = createRequestHandler(build, 'production')
  return (request) => handle(request)
}
