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
