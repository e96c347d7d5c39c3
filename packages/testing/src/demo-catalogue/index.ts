import type { CatalogueEntry } from '../memory-backend/index.ts'

const eur = (amount: number) => ({ amount, currency: 'EUR' })

/**
 * A small shop to fill a memory backend with: eight products in EUR with images, one
 * variant with little stock left (`mug-speckled`, 2 units) and one whose stock is not
 * tracked (`gift-card-50`). Each call returns fresh objects.
 *
 * @example
 * const backend = createMemoryBackend({ catalogue: demoCatalogue() })
 */
export function demoCatalogue(): CatalogueEntry[] {
  return [
    {
      id: 'tote-natural',
      productId: 'tote-bag',
      productTitle: 'Linen tote bag',
      title: 'Natural',
      image: { url: '/images/tote-natural.svg', alt: 'A natural linen tote bag' },
      options: [{ name: 'Colour', value: 'Natural' }],
      price: eur(2900),
      quantityAvailable: 25,
    },
    {
      id: 'tee-black-m',
      productId: 'organic-tee',
      productTitle: 'Organic cotton tee',
      title: 'Black / M',
      image: { url: '/images/tee-black.svg', alt: 'A black cotton tee' },
      options: [
        { name: 'Colour', value: 'Black' },
        { name: 'Size', value: 'M' },
      ],
      price: eur(2500),
      compareAtPrice: eur(3200),
      quantityAvailable: 40,
    },
    {
      id: 'tee-black-l',
      productId: 'organic-tee',
      productTitle: 'Organic cotton tee',
      title: 'Black / L',
      image: { url: '/images/tee-black.svg', alt: 'A black cotton tee' },
      options: [
        { name: 'Colour', value: 'Black' },
        { name: 'Size', value: 'L' },
      ],
      price: eur(2500),
      compareAtPrice: eur(3200),
      quantityAvailable: 12,
    },
    {
      id: 'mug-speckled',
      productId: 'stoneware-mug',
      productTitle: 'Stoneware mug',
      title: 'Speckled',
      image: { url: '/images/mug-speckled.svg', alt: 'A speckled stoneware mug' },
      options: [{ name: 'Glaze', value: 'Speckled' }],
      price: eur(1800),
      quantityAvailable: 2,
    },
    {
      id: 'gift-card-50',
      productId: 'gift-card',
      productTitle: 'Gift card',
      title: '50 €',
      image: { url: '/images/gift-card.svg', alt: 'A gift card' },
      options: [{ name: 'Value', value: '50 €' }],
      price: eur(5000),
      quantityAvailable: null,
    },
    {
      id: 'beanie-forest',
      productId: 'wool-beanie',
      productTitle: 'Merino beanie',
      title: 'Forest green',
      image: { url: '/images/beanie-forest.svg', alt: 'A forest green beanie' },
      options: [{ name: 'Colour', value: 'Forest green' }],
      price: eur(2200),
      quantityAvailable: 30,
    },
    {
      id: 'notebook-a5',
      productId: 'dotted-notebook',
      productTitle: 'Dotted notebook',
      title: 'A5',
      image: { url: '/images/notebook-a5.svg', alt: 'A dotted A5 notebook' },
      options: [{ name: 'Size', value: 'A5' }],
      price: eur(1450),
      quantityAvailable: 60,
    },
    {
      id: 'pin-fox',
      productId: 'enamel-pin',
      productTitle: 'Enamel pin',
      title: 'Fox',
      image: { url: '/images/pin-fox.svg', alt: 'An enamel pin shaped like a fox' },
      options: [{ name: 'Design', value: 'Fox' }],
      price: eur(650),
      quantityAvailable: 100,
    },
    {
      id: 'poster-fjord',
      productId: 'fjord-poster',
      productTitle: 'Fjord poster',
      title: '50 × 70 cm',
      image: { url: '/images/poster-fjord.svg', alt: 'A poster of a fjord at dawn' },
      options: [{ name: 'Size', value: '50 × 70 cm' }],
      price: eur(3500),
      compareAtPrice: eur(3900),
      quantityAvailable: 8,
    },
  ]
}
