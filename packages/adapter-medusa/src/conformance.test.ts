import { toDecimalString } from '@tote/core/adapter'
import { describeAdapterConformance } from '@tote/testing/conformance'
import { afterAll, beforeAll, describe } from 'vitest'
import {
  MEDUSA_SKIP_REASON,
  MEDUSA_VERSION,
  type MedusaServer,
  medusaSuiteName,
  startMedusa,
} from '../../../test/support/medusa.ts'
import { createMedusaAdapter, createMedusaRecoveryLink } from './index.ts'

const KEY = 'tote-conformance-recovery-key'

// One real Medusa for the file; each test puts back the stock and prices it changed.
describe.skipIf(MEDUSA_SKIP_REASON !== null)(medusaSuiteName(`Medusa ${MEDUSA_VERSION}`), () => {
  let medusa: MedusaServer
  beforeAll(async () => {
    medusa = await startMedusa()
  }, 180_000)
  afterAll(async () => {
    await medusa?.stop()
  })

  // Skipped by the suite itself, each with its reason: `note` (Medusa carts have no note),
  // `expired` (Medusa carts do not expire, so there is no expireCart) and
  // `idempotency-conflict` (the Store API takes no idempotency key).
  describeAdapterConformance('medusa', () => ({
    adapter: createMedusaAdapter({
      baseUrl: medusa.url,
      publishableKey: medusa.publishableKey,
      regionId: medusa.regionId,
      recovery: { key: KEY },
    }),
    control: {
      merchandiseIds: [medusa.variants.toteNatural, medusa.variants.toteBlack],
      unknownMerchandiseId: 'variant_01TOTECONFORMANCEUNKNOWN0',
      missingCartId: 'cart_01TOTECONFORMANCEMISSING00',
      setStock: (id, quantity) => medusa.setStock(id, quantity),
      setPrice: (id, price) => medusa.setPrice(id, Number(toDecimalString(price))),
      // A real checkout: shipping address, shipping method, payment session, complete.
      completeCart: (cartId) => medusa.completeCart(cartId),
      recoveryLink: (cartId) =>
        createMedusaRecoveryLink({ url: 'https://shop.example/recover', cartId, key: KEY }),
      teardown: () => medusa.restore(),
    },
  }))
})
