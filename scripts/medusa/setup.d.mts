// Types of setup.mjs, for test/support/medusa.ts.

/** The Medusa version the tests run against. */
export declare const MEDUSA_VERSION: string
/** Where the Medusa server is installed (.cache/medusa). */
export declare const MEDUSA_DIR: string
/** A hash of scripts/medusa/server: what the template database was made from. */
export declare function serverHash(): string
/** The name of the template database for these server files. */
export declare function templateName(): string
/** Whether .cache/medusa holds the install the pinned package.json and lockfile ask for. */
export declare function installed(): boolean
/** Copies the server files to .cache/medusa and runs `npm ci` there. */
export declare function install(): void
/** A URL of the same PostgreSQL server with another database. */
export declare function databaseUrl(base: string, database: string): string
/** Builds the template database unless it exists; resolves to its name. */
export declare function prepareDatabase(base?: string): Promise<string>
