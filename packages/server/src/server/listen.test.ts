import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { Queryable, Storage } from '../storage/index.ts'
import { createToteServer, type ToteServer } from './index.ts'

// Only listening is tried here: a storage that answers nothing is enough.
const none: Queryable = { query: async () => ({ rows: [] }) }
const storage: Storage = {
  kind: 'embedded',
  ...none,
  transaction: (work) => work(none),
  close: async () => {},
}

let blocker: Server | undefined
let server: ToteServer | undefined
afterEach(async () => {
  await server?.close()
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()))
  blocker = undefined
})

/** Takes a free 127.0.0.1 port with a plain TCP listener; resolves to the port. */
function occupyPort(): Promise<number> {
  return new Promise((resolve) => {
    blocker = createServer().listen(0, '127.0.0.1', () => {
      resolve((blocker!.address() as { port: number }).port)
    })
  })
}

describe('listen()', () => {
  it('rejects on a taken port and can then listen on another one', async () => {
    const taken = await occupyPort()
    server = await createToteServer({ storage, seedDemo: false, sweepIntervalMs: 0 })

    await expect(server.listen(taken)).rejects.toMatchObject({ code: 'EADDRINUSE' })
    const { url, port } = await server.listen(0)

    expect(port).not.toBe(taken)
    expect(url).toBe(`http://127.0.0.1:${port}`)
    expect((await fetch(`${url}/health`)).status).toBe(200)
  })

  it('refuses to listen twice', async () => {
    server = await createToteServer({ storage, seedDemo: false, sweepIntervalMs: 0 })
    await server.listen(0)
    await expect(server.listen(0)).rejects.toThrow('already listening')
  })
})
