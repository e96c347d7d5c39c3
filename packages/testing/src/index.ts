export { demoCatalogue } from './demo-catalogue/index.ts'
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
