import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmbeddedStorage, StorageLockedError } from './index.ts'
import { lockDataDir, lockFileOf } from './lock.ts'

let dir: string
let children: ChildProcess[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tote-lock-'))
})
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL')
  children = []
  await rm(dir, { recursive: true, force: true })
})

/** A process that stays until killed; resolves once it runs. */
async function idleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  children.push(child)
  await new Promise((resolve) => child.once('spawn', resolve))
  return child
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

const lockOf = (pid: number) => JSON.stringify({ pid, host: hostname(), token: 'someone-else' })

describe('one owner per data folder', () => {
  it('refuses a second storage on the folder, naming the folder and the owner, until the first closes', async () => {
    const dataDir = join(dir, 'db')
    const first = await createEmbeddedStorage({ dataDir })
    const second = createEmbeddedStorage({ dataDir })
    await expect(second).rejects.toThrow(StorageLockedError)
    await expect(second).rejects.toMatchObject({
      code: 'storage_locked',
      dataDir,
      pid: process.pid,
    })
    await expect(second).rejects.toThrow(`${dataDir} is in use by process ${process.pid}`)
    await first.close()
    const reopened = await createEmbeddedStorage({ dataDir })
    await reopened.close()
  }, 60_000)

  it('refuses a folder a live process holds, and takes it over once that process is killed', async () => {
    const dataDir = join(dir, 'db')
    const owner = await idleProcess()
    await writeFile(lockFileOf(dataDir), lockOf(owner.pid!))
    await expect(lockDataDir(dataDir)).rejects.toMatchObject({
      code: 'storage_locked',
      pid: owner.pid,
    })
    await kill(owner)
    const release = await lockDataDir(dataDir)
    expect(JSON.parse(await readFile(lockFileOf(dataDir), 'utf8')).pid).toBe(process.pid)
    await release()
    await expect(readFile(lockFileOf(dataDir))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('lets only one of several starters take over a stale lock', async () => {
    const dataDir = join(dir, 'db')
    const gone = await idleProcess()
    await kill(gone)
    await writeFile(lockFileOf(dataDir), lockOf(gone.pid!))
    const starts = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(dataDir)))
    expect(starts.filter((start) => start.status === 'fulfilled')).toHaveLength(1)
    for (const start of starts) {
      if (start.status === 'rejected') expect(start.reason).toBeInstanceOf(StorageLockedError)
    }
  })

  it('takes over a lock file that is empty or unreadable', async () => {
    const dataDir = join(dir, 'db')
    await writeFile(lockFileOf(dataDir), '')
    const release = await lockDataDir(dataDir)
    await release()
  })

  it('never removes a lock that another owner took', async () => {
    const dataDir = join(dir, 'db')
    const release = await lockDataDir(dataDir)
    const owner = await idleProcess()
    await writeFile(lockFileOf(dataDir), lockOf(owner.pid!))
    await release()
    expect(JSON.parse(await readFile(lockFileOf(dataDir), 'utf8')).pid).toBe(owner.pid)
  })
})
