// What the server refuses at start, and what the CLI (tote-server, started as a process on
// 127.0.0.1) serves: page URLs that are not http(s), development routes only with --dev, shared
// storage only with configured secrets, and one process per embedded data folder (a second
// one refused, naming the folder and the owner's pid; a killed owner's lock taken over).
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createToteServer } from '@tote/server'
import { afterEach, describe, expect, it } from 'vitest'
import { describeOnEachStorage } from '../../packages/server/src/storage/each-storage.ts'

const SERVER_DIR = new URL('../../packages/server/', import.meta.url).pathname
const KEYS = 'k2026:cli-test-secret-0123456789abcdefghijklmnop'
const TOKEN = 'merchant-token-of-at-least-32-characters-000'

interface Started {
  process: ChildProcess
  /** Resolves with the URL once it listens, or rejects with what it printed when it exits. */
  ready: Promise<string>
  exited: Promise<{ code: number | null; output: string }>
}

const running: ChildProcess[] = []
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }
})

/** Starts the CLI on a free port with `args` and `env` (on top of a clean environment). */
function startCli(args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(
    process.execPath,
    ['--conditions=@tote/source', '--import', 'tsx', 'src/cli.ts', '--port', '0', ...args],
    {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  running.push(child)
  let output = ''
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.once('exit', (code) => resolve({ code, output }))
  })
  const ready = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /Tote server on (http:\/\/\S+)/.exec(output)?.[1]
      if (url) resolve(url)
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    exited.then(({ code }) => reject(new Error(`exited with ${code}: ${output}`)))
  })
  ready.catch(() => {})
  return { process: child, ready, exited }
}

describe('page URLs checked at start', () => {
  const storage = {
    kind: 'embedded' as const,
    query: async () => ({ rows: [] }),
    transaction: async <T>(work: (tx: never) => Promise<T>) => work({} as never),
    close: async () => {},
  }
  const start = (shop: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    createToteServer({ storage, seedDemo: false, sweepIntervalMs: 0, shop, ...extra })

  it('refuses a recovery, checkout or public URL that is not http(s), naming the option', async () => {
    for (const [shop, extra, argument] of [
      [{ recoveryUrl: 'javascript:alert(document.cookie)' }, {}, 'options.shop.recoveryUrl'],
      [{ recoveryUrl: 'data:text/html,<script>alert(1)</script>' }, {}, 'options.shop.recoveryUrl'],
      [{ recoveryUrl: '//evil.example/recover' }, {}, 'options.shop.recoveryUrl'],
      [{ recoveryUrl: 'https://user:pass@shop.example/r' }, {}, 'options.shop.recoveryUrl'],
      [{ checkoutUrl: 'JavaScript:void(0)//{cartId}' }, {}, 'options.shop.checkoutUrl'],
      [{}, { publicUrl: 'ftp://files.example' }, 'options.publicUrl'],
    ] as const) {
      await expect(start(shop, extra), argument).rejects.toMatchObject({
        code: 'invalid_argument',
        argument,
      })
    }
  })

  it('takes http(s) URLs with placeholders, and paths on the server', async () => {
    for (const shop of [
      { recoveryUrl: 'https://shop.example/recover?token={token}' },
      { recoveryUrl: '/recover', checkoutUrl: '/checkout/{cartId}' },
      { recoveryUrl: 'http://127.0.0.1:5173/recover', checkoutUrl: null },
    ]) {
      await expect(start(shop)).resolves.toBeDefined()
    }
  })
})

describeOnEachStorage('tote_sec_cli', (label) => {
  const databaseUrl = label === 'PostgreSQL' ? process.env.TOTE_TEST_DATABASE_URL! : null
  let dataDir: string
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })
  const storageEnv = async (): Promise<Record<string, string>> => {
    dataDir = await mkdtemp(join(tmpdir(), 'tote-cli-'))
    return databaseUrl ? { DATABASE_URL: databaseUrl } : {}
  }
  const secrets = { TOTE_RECOVERY_KEYS: KEYS, TOTE_MERCHANT_TOKEN: TOKEN }

  it(`serves /dev/outbox only with --dev, whatever the mail configuration (${label})`, async () => {
    const env = { ...(await storageEnv()), ...secrets }
    const plain = startCli(['--data-dir', dataDir], env)
    const url = await plain.ready
    expect((await fetch(`${url}/dev/outbox`)).status).toBe(404)
    expect((await fetch(`${url}/health`)).status).toBe(200)
    plain.process.kill('SIGTERM')
    await plain.exited
    const dev = startCli(['--data-dir', dataDir, '--dev'], env)
    const devUrl = await dev.ready
    expect((await fetch(`${devUrl}/dev/outbox?format=json`)).status).toBe(200)
    const proxied = await fetch(`${devUrl}/dev/outbox?format=json`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    expect(proxied.status).toBe(404)
  }, 60_000)

  if (label === 'PostgreSQL') {
    it('refuses shared storage without configured recovery keys and a long merchant token', async () => {
      const env = await storageEnv()
      for (const [extra, says] of [
        [{}, 'TOTE_RECOVERY_KEYS'],
        [{ TOTE_RECOVERY_KEYS: KEYS }, 'TOTE_MERCHANT_TOKEN'],
        [{ TOTE_RECOVERY_KEYS: KEYS, TOTE_MERCHANT_TOKEN: 'short-token' }, 'at least 32'],
        [{ TOTE_MERCHANT_TOKEN: TOKEN }, 'TOTE_RECOVERY_KEYS'],
      ] as const) {
        const started = startCli(['--data-dir', dataDir], { ...env, ...extra })
        const { code, output } = await started.exited
        expect(code).toBe(1)
        expect(output).toContain('could not start')
        expect(output).toContain(says)
        expect(output).not.toContain(TOKEN)
      }
    }, 60_000)

    it('lets two instances on one database accept each other’s recovery links', async () => {
      const env = { ...(await storageEnv()), ...secrets, TOTE_SHOP_ID: `cli-${process.pid}` }
      const a = startCli(['--data-dir', join(dataDir, 'a')], env)
      const b = startCli(['--data-dir', join(dataDir, 'b')], env)
      const [urlA, urlB] = await Promise.all([a.ready, b.ready])
      const created = await fetch(`${urlA}/v1/carts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      const { cart } = await created.json()
      // The link the merchant preview of instance A signs opens on instance B.
      const preview = await fetch(
        `${urlA}/v1/merchant/abandonment/preview?cartId=${cart.id}&format=text`,
        { headers: { authorization: `Bearer ${TOKEN}` } },
      )
      expect(preview.status).toBe(200)
      const token = /token=([A-Za-z0-9._-]+)/.exec(await preview.text())![1]
      const recovered = await fetch(`${urlB}/v1/recover`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
      expect(recovered.status).toBe(200)
      expect((await recovered.json()).cart.id).toBe(cart.id)
      const merchantOnB = await fetch(`${urlB}/v1/merchant/abandonment/settings`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      expect(merchantOnB.status).toBe(200)
    }, 60_000)
  } else {
    it('refuses a second process on the data folder, naming it and the owner’s pid, and takes over after a kill', async () => {
      await storageEnv()
      const first = startCli(['--data-dir', dataDir])
      const url = await first.ready
      const created = await fetch(`${url}/v1/carts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      expect(created.status).toBe(201)
      const { cart } = await created.json()
      const second = startCli(['--data-dir', dataDir])
      const refused = await second.exited
      expect(refused.code).toBe(1)
      expect(refused.output).toContain(join(dataDir, 'db'))
      expect(refused.output).toContain(`in use by process ${first.process.pid}`)
      // The first one still serves, and its acknowledged write is there.
      expect((await fetch(`${url}/v1/carts/${cart.id}`)).status).toBe(200)
      first.process.kill('SIGKILL')
      await first.exited
      const third = startCli(['--data-dir', dataDir])
      const thirdUrl = await third.ready
      const read = await fetch(`${thirdUrl}/v1/carts/${cart.id}`)
      expect(read.status).toBe(200)
      expect((await read.json()).cart.id).toBe(cart.id)
    }, 90_000)
  }
})
