import { defineConfig } from 'tsup'

export default defineConfig({
  // One entry per `exports` subpath in package.json; code they share goes to shared chunks,
  // so a page importing two entries loads each module once.
  entry: {
    index: 'src/index.ts',
    adapter: 'src/adapter/index.ts',
    analytics: 'src/analytics/index.ts',
    'email-input': 'src/email-input/index.ts',
    address: 'src/address/index.ts',
    'messages/fr': 'src/messages/fr.ts',
    'messages/nb': 'src/messages/nb.ts',
    recovery: 'src/recovery/index.ts',
  },
  format: ['esm'],
  splitting: true,
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
})
