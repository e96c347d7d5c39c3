// The server's zod: `zod/mini`, as every Tote package uses, with English issue messages
// loaded. API clients and merchants read those messages (`details.issues`, option errors),
// and mini ships none by default ("Invalid input"). The server runs on Node only, so the
// locale's size does not matter; loading it sets zod's global config for this process.
import * as z from 'zod/mini'

z.config(z.locales.en())

export { z }
