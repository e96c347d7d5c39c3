import { defaultClientConditions, defineConfig } from 'vite'

// `pnpm dev` serves the page on http://127.0.0.1:5173 and passes the cart API (`/v1/...`) and
// the product pictures on to the reference server, so pages and API share one origin, as
// they would behind one domain in production.
const toteServer = process.env.TOTE_SERVER ?? 'http://127.0.0.1:8787'
const proxy = { '/v1': toteServer, '/assets/products': toteServer }

export default defineConfig({
  // Inside the Tote repository the @tote/* packages resolve to their TypeScript sources, so
  // nothing needs building first. A copy of this example outside it can drop this line.
  resolve: { conditions: ['@tote/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, proxy },
  preview: { host: '127.0.0.1', port: 5173, proxy },
})
