import { reactRouter } from '@react-router/dev/vite'
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite'

// `pnpm dev` serves the shop on http://127.0.0.1:5173 and passes the cart API (`/v1/...`) and
// the product pictures on to the reference server, so pages and API share one origin, as
// they would behind one domain in production.
const toteServer = process.env.TOTE_SERVER ?? 'http://127.0.0.1:8787'
const proxy = { '/v1': toteServer, '/assets/products': toteServer }

// Inside the Tote repository the @tote/* packages resolve to their TypeScript sources, so
// nothing needs building first; the server build bundles them. A copy of this example
// outside it can drop `resolve` and `ssr`.
const source = '@tote/source'

export default defineConfig({
  plugins: [reactRouter()],
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: {
    noExternal: [/^@tote\//],
    resolve: { conditions: [source, ...defaultServerConditions] },
  },
  server: { host: '127.0.0.1', port: 5173, proxy },
})
