// The conformance suite imports vitest, so it lives at `@tote/testing/conformance`; only its
// types are exported here, keeping this entry free of test-runner code.
export type {
  ConformanceCase,
  ConformanceControl,
  ConformanceFixture,
  ConformanceOptions,
  ConformanceSetup,
} from './conformance/index.ts'
export { demoCatalogue } from './demo-catalogue/index.ts'
export type {
  Fault,
  FaultRecord,
  FaultType,
  FaultyAdapter,
  FaultyAdapterOptions,
  FaultyCall,
  HeldResponses,
  Scheduler,
} from './faulty-adapter/index.ts'
export { createFaultyAdapter, createHeldResponses } from './faulty-adapter/index.ts'
export type {
  AdapterMethod,
  Latency,
  MemoryAdapter,
  MemoryAdapterCall,
  MemoryAdapterOptions,
} from './memory-adapter/index.ts'
export { createMemoryAdapter } from './memory-adapter/index.ts'
export type {
  CatalogueEntry,
  Clock,
  DiscountRule,
  MemoryBackend,
  MemoryBackendOptions,
  MemoryCartRecord,
  PermalinkLine,
  SetCurrencyOptions,
  WriteOptions,
} from './memory-backend/index.ts'
export { createMemoryBackend } from './memory-backend/index.ts'
export type { SetLineOpOptions } from './ops/index.ts'
export { setLineOp } from './ops/index.ts'
export type { TestCartOptions } from './test-cart/index.ts'
export { createTestCart } from './test-cart/index.ts'
