// Run by test/packaging/packages.test.ts inside a blank project with the packed tarballs
// installed: @tote/testing's README examples as written (the cart without a server, then the
// faulty adapter over the same backend). The conformance suite's example needs vitest, which a
// blank project does not have; its entry point is checked by the README type check instead.
import { createCart } from '@tote/core'
import {
  createFaultyAdapter,
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
} from '@tote/testing'

const backend = createMemoryBackend({ catalogue: demoCatalogue() })
const cart = createCart({ adapter: createMemoryAdapter(backend, { latency: 200 }) })
cart.add({ merchandiseId: 'mug-speckled', quantity: 2 })
await cart.settled()
const before = cart.$count.get()
backend.setStock('mug-speckled', 0) // the backend changes under the shopper

const adapter = createFaultyAdapter(createMemoryAdapter(backend), {
  faults: ['ackLost', { type: 'rateLimited', retryAfterMs: 2000 }],
  methods: ['create', 'apply'],
})
cart.destroy()
console.log(JSON.stringify({ before, faultyAdapter: typeof adapter.apply }))
