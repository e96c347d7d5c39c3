/** A small JSON HTTP server on 127.0.0.1 for the fake shop APIs of the peer benchmark. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request as a fake sees it: the body is parsed JSON (`undefined` when empty). */
export interface JsonRequest {
  method: string
  /** The path without the query, such as `/store/carts/cart_1`. */
  path: string
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/** What a fake answers: a status, a JSON body (`null` is sent as `null`) and headers. */
export interface JsonAnswer {
  status?: number
  body: unknown
  headers?: Record<string, string>
}

/** A started fake: its origin and how to stop it. */
export interface JsonServer {
  readonly origin: string
  close(): Promise<void>
}

/** Serves `handle` on 127.0.0.1, port 0. A body that is not JSON is answered 400. */
export async function startJsonServer(
  handle: (request: JsonRequest) => JsonAnswer,
): Promise<JsonServer> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    let answer: JsonAnswer
    try {
      answer = handle({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: text === '' ? undefined : JSON.parse(text),
      })
    } catch (error) {
      answer = { status: 400, body: { message: `Bad request: ${String(error)}` } }
    }
    response.writeHead(answer.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      ...answer.headers,
    })
    response.end(JSON.stringify(answer.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
