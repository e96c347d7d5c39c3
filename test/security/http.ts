// What the security suites share: the answer they read, the op they send, and one JSON client
// for a listening server.
import { lineKey } from '@tote/core/adapter'

export const MINUTE = 60_000

/** An HTTP answer: status, headers and the body (JSON when it is JSON, else text). */
export interface Answer {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field, as response.json()
  body: any
  text: string
}

/** A `setLine` op with its line key. */
export function setLine(
  merchandiseId: string,
  quantity: number,
  attributes: Record<string, string> = {},
) {
  return {
    type: 'setLine',
    merchandiseId,
    attributes,
    quantity,
    lineKey: lineKey(merchandiseId, attributes),
    lineId: null,
  }
}

/**
 * A client for the server at `url`: a request with a JSON body (or a string sent as it is)
 * and `application/json`; the answer's body parsed when it is JSON.
 */
export function jsonCaller(url: string) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await response.text()
    let parsed: unknown = text
    if (response.headers.get('content-type')?.includes('application/json')) {
      parsed = JSON.parse(text)
    }
    return { status: response.status, headers: response.headers, body: parsed, text }
  }
}
