import { randomBytes } from 'node:crypto'
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'

/** Who holds a data folder: written into its lock file. */
interface LockOwner {
  pid: number
  host: string
  /** Random per lock, so a process only ever removes its own lock. */
  token: string
}

/**
 * Thrown when a data folder already has an owner: another process (or another storage of
 * this one) has it open. Two owners would each keep their own copy of the database in
 * memory and overwrite each other's writes.
 */
export class StorageLockedError extends Error {
  override name = 'StorageLockedError'
  readonly code = 'storage_locked'
  /** The data folder. */
  readonly dataDir: string
  /** The process that holds it. */
  readonly pid: number

  constructor(dataDir: string, owner: { pid: number; host: string }) {
    const where = owner.host === hostname() ? '' : ` on ${owner.host}`
    super(
      `the data folder ${dataDir} is in use by process ${owner.pid}${where}; stop that process or choose another data folder (a folder has one owner; use PostgreSQL to run several instances)`,
    )
    this.dataDir = dataDir
    this.pid = owner.pid
  }
}

/** The lock file of a data folder: beside it, so the folder itself stays PGlite's alone. */
export function lockFileOf(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}.lock`)
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>
    if (
      typeof owner.pid === 'number' &&
      typeof owner.host === 'string' &&
      typeof owner.token === 'string'
    ) {
      return owner as LockOwner
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error
  }
  // Unreadable: never written by a live owner, since a lock appears whole (see `create`).
  return null
}

/** Whether the owner may still be running. A process on another machine cannot be asked. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Creates `file` holding `content`, whole, or throws EEXIST: written aside, then linked. */
async function create(file: string, content: string): Promise<void> {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  await writeFile(draft, content, { flag: 'wx' })
  try {
    await link(draft, file)
  } finally {
    await rm(draft, { force: true })
  }
}

/**
 * Makes this process the one owner of `dataDir`, or throws {@link StorageLockedError} naming
 * the folder and the owner's pid. A lock left by a process that is gone (killed, crashed) is
 * taken over: under a second, short-lived lock, so two processes starting at once cannot
 * both take it. Resolves with a function that releases the lock (only if it is still ours).
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = lockFileOf(dataDir)
  await mkdir(dirname(file), { recursive: true })
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(12).toString('hex'),
  }
  const release = async () => {
    const owner = await readOwner(file).catch(() => null)
    if (owner?.token === mine.token) await rm(file, { force: true })
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await create(file, JSON.stringify(mine))
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let stale: LockOwner | null
    try {
      stale = await readOwner(file)
    } catch {
      continue // released meanwhile: try again
    }
    if (stale && isAlive(stale)) throw new StorageLockedError(dataDir, stale)
    await takeOver(file, stale, mine, dataDir)
  }
  throw new StorageLockedError(dataDir, { pid: 0, host: hostname() })
}

/** Removes a stale lock, unless another process replaced it meanwhile. */
async function takeOver(
  file: string,
  stale: LockOwner | null,
  mine: LockOwner,
  dataDir: string,
): Promise<void> {
  const guard = `${file}.takeover`
  try {
    await create(guard, JSON.stringify(mine))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const other = await readOwner(guard).catch(() => null)
    if (other && isAlive(other)) throw new StorageLockedError(dataDir, other)
    // A taker that died mid-way: clear its guard; the caller tries again.
    await rm(guard, { force: true })
    return
  }
  try {
    const now = await readOwner(file).catch(() => undefined)
    if (now !== undefined && now?.token === stale?.token) await rm(file, { force: true })
  } finally {
    await rm(guard, { force: true })
  }
}
