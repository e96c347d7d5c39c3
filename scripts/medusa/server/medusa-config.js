// The Medusa server of Tote's tests: the Store and Admin APIs only (no admin dashboard, no
// Redis: in-memory event bus, locking and workflow engine). The database comes from
// DATABASE_URL, set by test/support/medusa.ts.
const { defineConfig } = require('@medusajs/framework/utils')

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: '*',
      adminCors: '*',
      authCors: '*',
      jwtSecret: 'tote-tests-only',
      cookieSecret: 'tote-tests-only',
    },
  },
  admin: { disable: true },
})
