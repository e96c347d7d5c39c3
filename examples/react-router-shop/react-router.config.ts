import type { Config } from '@react-router/dev/config'

export default {
  // Every page is rendered on the server first; the cart is not (see app/cart.client.ts).
  ssr: true,
  buildDirectory: 'dist',
  // The client and the server are built by one `vite build` (Vite's environment API).
  future: { v8_viteEnvironmentApi: true },
} satisfies Config
