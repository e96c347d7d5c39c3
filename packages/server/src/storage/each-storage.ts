// For tests (not part of the package's exports): runs one suite on each storage the server
// supports — embedded PGlite always, PostgreSQL when TOTE_TEST_DATABASE_URL names one (CI
// starts it with scripts/with-postgres.sh).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe } from 'vitest'
import { createEmbeddedStorage, createPostgresStorage, type Storage } from './index.ts'

/**
 * Registers `suite` once per storage, each in its own `describe` with a storage shared by
 * the suite's tests (PostgreSQL in a fresh schema, dropped afterwards).
 *
 * @example
 * describeOnEachStorage('tote_expiry', (label, storage) => {
 *   it(`expires carts (${label})`, async () => { await openShop(storage()) })
 * })
 */
export function describeOnEachStorage(
  schemaPrefix: string,
  suite: (label: 'embedded' | 'PostgreSQL', storage: () => Storage) => void,
): void {
  describe('embedded storage (PGlite)', () => {
    let storage: Storage
    beforeAll(async () => {
      storage = await createEmbeddedStorage()
    })
    afterAll(async () => {
      await storage?.close()
    })
    suite('embedded', () => storage)
  })

  const databaseUrl = process.env.TOTE_TEST_DATABASE_URL
  describe.skipIf(!databaseUrl)(
    databaseUrl
      ? 'PostgreSQL storage'
      : 'PostgreSQL storage — skipped: TOTE_TEST_DATABASE_URL is not set (see scripts/with-postgres.sh)',
    () => {
      const schema = `${schemaPrefix}_${randomBytes(4).toString('hex')}`
      let storage: Storage
      beforeAll(async () => {
        storage = await createPostgresStorage({ connectionString: databaseUrl!, schema })
      })
      afterAll(async () => {
        await storage?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await storage?.close()
      })
      suite('PostgreSQL', () => storage)
    },
  )
}
