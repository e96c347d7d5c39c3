import type { ToteServer } from './index.ts'

/**
 * Posts a JSON body to a server in process (no socket) and reads its JSON answer: what the
 * server's own tests and scripts use to act as a storefront.
 *
 * @example
 * const post = postJson(server)
 * const { cart } = await post('/v1/carts', {})
 */
export function postJson(
  server: Pick<ToteServer, 'fetch'>,
  // biome-ignore lint/suspicious/noExplicitAny: callers read answers of many shapes, as `Response.json()` gives them
): (path: string, body: unknown) => Promise<any> {
  return async (path, body) =>
    (
      await server.fetch(
        new Request(`http://127.0.0.1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
    ).json()
}
