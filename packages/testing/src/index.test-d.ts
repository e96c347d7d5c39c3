import type { CartAdapter, CartSnapshot, CartWriteResult, Money } from '@tote/core/adapter'
import { describe, expectTypeOf, it } from 'vitest'
import { describeAdapterConformance } from './conformance/index.ts'
import {
  type ConformanceControl,
  type ConformanceSetup,
  createFaultyAdapter,
  createMemoryAdapter,
  createMemoryBackend,
  demoCatalogue,
  type Fault,
  type MemoryAdapterCall,
} from './index.ts'

describe('@tote/testing types', () => {
  it('makes adapters that are CartAdapters', () => {
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    expectTypeOf(createMemoryAdapter(backend)).toExtend<CartAdapter>()
    expectTypeOf(createFaultyAdapter(createMemoryAdapter(backend))).toExtend<CartAdapter>()
    expectTypeOf(createMemoryAdapter(backend).calls).toEqualTypeOf<MemoryAdapterCall[]>()
  })

  it('returns core shapes from the backend', () => {
    const backend = createMemoryBackend()
    expectTypeOf(backend.getCart).returns.toEqualTypeOf<CartSnapshot | null>()
    expectTypeOf(backend.applyOps).returns.toEqualTypeOf<CartWriteResult>()
    expectTypeOf(backend.setPrice).parameter(1).toEqualTypeOf<Money>()
  })

  it('takes faults by name or with options, and refuses unknown ones', () => {
    expectTypeOf<'ackLost'>().toExtend<Fault>()
    expectTypeOf<{ type: 'delay'; ms: number }>().toExtend<Fault>()
    expectTypeOf<'explode'>().not.toExtend<Fault>()
  })

  it('lets control members be sync or async', () => {
    expectTypeOf<{
      merchandiseIds: string[]
      setStock: () => Promise<void>
      completeCart: () => void
    }>().toExtend<ConformanceControl>()
    expectTypeOf(describeAdapterConformance).parameter(1).toEqualTypeOf<ConformanceSetup>()
  })
})
