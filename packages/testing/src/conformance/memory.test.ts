import { demoCatalogue } from '../demo-catalogue/index.ts'
import { createMemoryAdapter } from '../memory-adapter/index.ts'
import { createMemoryBackend } from '../memory-backend/index.ts'
import { describeAdapterConformance } from './index.ts'

describeAdapterConformance('memory', () => {
  const backend = createMemoryBackend({ catalogue: demoCatalogue() })
  return {
    adapter: createMemoryAdapter(backend),
    control: {
      merchandiseIds: ['tee-black-m', 'tote-natural'],
      setStock: (id, quantity) => backend.setStock(id, quantity),
      setPrice: (id, price) => backend.setPrice(id, price),
      completeCart: (cartId) => {
        backend.completeCart(cartId)
      },
      deleteCart: (cartId) => backend.deleteCart(cartId),
      expireCart: (cartId) => backend.expireCart(cartId),
      recoveryLink: (cartId) => backend.createRecoveryLink(cartId),
    },
  }
})

describeAdapterConformance(
  'memory without deleteCart',
  () => {
    const backend = createMemoryBackend({ catalogue: demoCatalogue() })
    return {
      adapter: createMemoryAdapter(backend),
      control: {
        merchandiseIds: ['gift-card-50', 'pin-fox'],
        missingCartId: 'cart-404',
        setStock: (id, quantity) => backend.setStock(id, quantity),
        completeCart: (cartId) => {
          backend.completeCart(cartId)
        },
      },
    }
  },
  { skip: ['attributes-apart'] },
)
