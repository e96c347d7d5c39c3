#!/usr/bin/env node
// Installs the Medusa server Tote's tests run against, and prepares its database.
//
//   node scripts/medusa/setup.mjs            # install, then the database when TOTE_TEST_DATABASE_URL is set
//   node scripts/medusa/setup.mjs install    # install only (no PostgreSQL needed)
//   node scripts/medusa/setup.mjs database   # the template database only
//
// install: copies scripts/medusa/server (a pinned package.json, its package-lock.json, the
// Medusa config and the seed) to .cache/medusa and runs `npm ci` there, outside the workspace's
// node_modules. Skipped when the installed copy matches the lockfile.
//
// database: on the PostgreSQL server of TOTE_TEST_DATABASE_URL, builds a template database
// (Medusa's migrations, then scripts/medusa/server/seed.js: an EUR region, a sales channel,
// a stock location, a publishable key, products with a low-stock variant, the WELCOME10
// promotion and an admin user). Its name carries a hash of the server files, so a change makes
// a new one; an existing one is kept. test/support/medusa.ts copies it for each Medusa it starts.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MEDUSA_VERSION = '2.21.2'
const root = fileURLToPath(new URL('../..', import.meta.url))
const source = join(root, 'scripts/medusa/server')
export const MEDUSA_DIR = process.env.TOTE_MEDUSA_DIR ?? join(root, '.cache/medusa')
const marker = join(MEDUSA_DIR, 'node_modules/.tote-medusa')

/** What npm installs from: a change to one of them means a new install. */
const INSTALL_FILES = ['.npmrc', 'package.json', 'package-lock.json']

function hashOf(files) {
  const hash = createHash('sha256')
  for (const file of files) hash.update(file).update(readFileSync(join(source, file)))
  return hash.digest('hex').slice(0, 12)
}

/** A hash of the server files: what the template database was made from. */
export function serverHash() {
  return hashOf(readdirSync(source).sort())
}

/** The name of the template database for these server files. */
export function templateName() {
  return `tote_medusa_${MEDUSA_VERSION.replaceAll('.', '_')}_${serverHash()}`
}

/** Whether .cache/medusa holds the install the pinned package.json and lockfile ask for. */
export function installed() {
  return existsSync(marker) && readFileSync(marker, 'utf8') === hashOf(INSTALL_FILES)
}

function log(message) {
  console.log(`[medusa setup] ${message}`)
}

/** Copies the server files and installs them with `npm ci` (pinned by the lockfile). */
export function install() {
  mkdirSync(MEDUSA_DIR, { recursive: true })
  cpSync(source, MEDUSA_DIR, { recursive: true })
  if (installed()) {
    log(`Medusa ${MEDUSA_VERSION} is installed in ${MEDUSA_DIR}`)
    return
  }
  const started = Date.now()
  log(`installing Medusa ${MEDUSA_VERSION} into ${MEDUSA_DIR} (npm ci)`)
  rmSync(join(MEDUSA_DIR, 'node_modules'), { recursive: true, force: true })
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: MEDUSA_DIR,
    stdio: 'inherit',
  })
  writeFileSync(marker, hashOf(INSTALL_FILES))
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`)
}

/** The `pg` module of the Medusa install. */
function pg() {
  return createRequire(join(MEDUSA_DIR, 'package.json'))('pg')
}

/** A URL of the same server with another database. */
export function databaseUrl(base, database) {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs the Medusa CLI in .cache/medusa against `database`. */
function medusa(args, url) {
  execFileSync(process.execPath, [join(MEDUSA_DIR, 'node_modules/@medusajs/cli/cli.js'), ...args], {
    cwd: MEDUSA_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: 'production',
      MEDUSA_DISABLE_TELEMETRY: 'true',
    },
    maxBuffer: 64 * 1024 * 1024,
  })
}

/**
 * Builds the template database unless it exists: under a temporary name, renamed when done, with
 * an advisory lock so that test files starting together build it once.
 */
export async function prepareDatabase(base = process.env.TOTE_TEST_DATABASE_URL) {
  if (!base) throw new Error('TOTE_TEST_DATABASE_URL is not set (see scripts/with-postgres.sh)')
  const template = templateName()
  const { Client } = pg()
  const client = new Client({ connectionString: base })
  await client.connect()
  const exists = async (name) =>
    (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount > 0
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['tote-medusa-template'])
    if (await exists(template)) {
      log(`template database ${template} is ready`)
      return template
    }
    const started = Date.now()
    const building = `${template}_building`
    await client.query(`DROP DATABASE IF EXISTS ${building}`)
    await client.query(`CREATE DATABASE ${building}`)
    const url = databaseUrl(base, building)
    log(`migrating ${building}`)
    medusa(['db:migrate'], url)
    log('seeding')
    medusa(['exec', './seed.js'], url)
    await client.query(`ALTER DATABASE ${building} RENAME TO ${template}`)
    log(`template database ${template} built in ${Math.round((Date.now() - started) / 1000)} s`)
    return template
  } finally {
    await client.end()
  }
}

async function main(step) {
  if (step === undefined || step === 'install') install()
  if (step === 'database' || (step === undefined && process.env.TOTE_TEST_DATABASE_URL)) {
    if (!installed())
      throw new Error('Medusa is not installed: run node scripts/medusa/setup.mjs install')
    await prepareDatabase()
  } else if (step === undefined) {
    log(
      'TOTE_TEST_DATABASE_URL is not set: the template database is made when the tests start Medusa',
    )
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const step = process.argv[2]
  if (step !== undefined && step !== 'install' && step !== 'database') {
    console.error('usage: node scripts/medusa/setup.mjs [install|database]')
    process.exit(2)
  }
  main(step).catch((error) => {
    console.error(`[medusa setup] ${error.message}`)
    process.exit(1)
  })
}
