/**
 * A simulated network on 127.0.0.1: an HTTP proxy in front of a fake shop API that holds each
 * request before passing it on and each answer before giving it back. Every client under test
 * talks to the proxy, so they all see the same latency, jitter and reordering.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Timing } from '../scenarios.ts'

/** One request that went through the proxy. */
export interface Exchange {
  method: string
  path: string
  status: number
  /** When the request reached the proxy and when its answer left it (`performance.now()`). */
  sentAt: number
  answeredAt: number
}

/** The proxy of one run. */
export interface SimulatedNetwork {
  /** `http://127.0.0.1:PORT`: give it to the client in place of the shop's URL. */
  readonly origin: string
  /** Every request, in the order it reached the proxy. */
  readonly exchanges: Exchange[]
  /** Requests whose answer has not left the proxy yet. */
  readonly inFlight: number
  /** When the last answer left the proxy, or `null`. */
  readonly lastAnswerAt: number | null
  /** Forgets the requests so far: numbering (and so the delays) starts again at 0. */
  reset(): void
  /** Resolves once no request is in flight and none came for `quietMs`. */
  quiet(quietMs: number): Promise<void>
  close(): Promise<void>
}

/** Headers that belong to one connection, or that the proxy recomputes. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'host',
])

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Starts a proxy to `target` (an origin such as `http://127.0.0.1:4000`) that delays request
 * `n` by `timing.delay(n).request` ms on the way in and `.response` ms on the way out. The
 * target sees requests in the order their delays end; answers leave in the order theirs end.
 */
export async function startNetwork(options: {
  target: string
  timing: Timing
  random: () => number
}): Promise<SimulatedNetwork> {
  const exchanges: Exchange[] = []
  let inFlight = 0
  let lastActivity = performance.now()
  let lastAnswerAt: number | null = null

  const server = createServer((request, response) => {
    const n = exchanges.length
    const exchange: Exchange = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      status: 0,
      sentAt: performance.now(),
      answeredAt: 0,
    }
    exchanges.push(exchange)
    inFlight++
    lastActivity = exchange.sentAt
    const delay = options.timing.delay(n, options.random)
    const relay = async () => {
      const body = await bodyOf(request)
      await sleep(delay.request)
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers.set(name, value)
      }
      const answer = await fetch(`${options.target}${exchange.path}`, {
        method: exchange.method,
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      })
      const payload = Buffer.from(await answer.arrayBuffer())
      await sleep(delay.response)
      const out: Record<string, string> = {}
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) out[name] = value
      })
      exchange.status = answer.status
      response.writeHead(answer.status, { ...out, 'content-length': String(payload.length) })
      response.end(payload)
    }
    relay()
      .catch((error: unknown) => {
        exchange.status = 502
        response.writeHead(502, { 'content-type': 'text/plain' })
        response.end(String(error))
      })
      .finally(() => {
        inFlight--
        exchange.answeredAt = performance.now()
        lastAnswerAt = exchange.answeredAt
        lastActivity = exchange.answeredAt
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    origin: `http://127.0.0.1:${port}`,
    exchanges,
    get inFlight() {
      return inFlight
    },
    get lastAnswerAt() {
      return lastAnswerAt
    },
    reset() {
      exchanges.length = 0
      lastAnswerAt = null
    },
    async quiet(quietMs) {
      while (inFlight > 0 || performance.now() - lastActivity < quietMs) await sleep(10)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
