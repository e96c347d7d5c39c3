import type { CartAdapter } from '@tote/core/adapter'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createMedusaAdapter,
  createMedusaRecoveryLink,
  type MedusaAdapterOptions,
  type RecoveryLinkCheck,
  verifyMedusaRecoveryLink,
} from './index.ts'

describe('public API', () => {
  it('creates a CartAdapter from a URL, a publishable key and a region', () => {
    expectTypeOf(createMedusaAdapter).returns.toEqualTypeOf<CartAdapter>()
    expectTypeOf(createMedusaAdapter).toBeCallableWith({
      baseUrl: 'https://shop.example.com',
      publishableKey: 'pk_1',
      regionId: 'reg_1',
    })
    // @ts-expect-error the region is required: it sets the cart's currency
    createMedusaAdapter({ baseUrl: 'https://shop.example.com', publishableKey: 'pk_1' })
  })

  it('opens recovery links with keys or with a check the app gives', () => {
    expectTypeOf<{ key: string }>().toExtend<NonNullable<MedusaAdapterOptions['recovery']>>()
    expectTypeOf<{ key: readonly string[] }>().toExtend<
      NonNullable<MedusaAdapterOptions['recovery']>
    >()
    expectTypeOf<{ verify: (link: string) => Promise<string | null> }>().toExtend<
      NonNullable<MedusaAdapterOptions['recovery']>
    >()
    expectTypeOf(createMedusaRecoveryLink).returns.resolves.toEqualTypeOf<string>()
    expectTypeOf(verifyMedusaRecoveryLink).returns.resolves.toEqualTypeOf<RecoveryLinkCheck>()
  })
})
