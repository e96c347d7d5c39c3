// Seeds the Medusa server Tote's tests run against: run by `medusa exec` inside .cache/medusa
// (scripts/medusa/setup.mjs copies it there). Every name below is what test/support/medusa.ts
// looks up; change both together.
const { ContainerRegistrationKeys, Modules, ProductStatus } = require('@medusajs/framework/utils')
const {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createPromotionsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} = require('@medusajs/medusa/core-flows')

const ADMIN = { email: 'admin@tote.test', password: 'tote-medusa-admin' }
const COUNTRIES = ['de', 'fr', 'nl']

/** Products: title, handle, and variants with SKU, price in EUR (major units) and stock. */
const PRODUCTS = [
  {
    title: 'Canvas tote',
    handle: 'canvas-tote',
    option: 'Colour',
    variants: [
      { title: 'Natural', sku: 'TOTE-NATURAL', price: 24.9, stock: 100 },
      { title: 'Black', sku: 'TOTE-BLACK', price: 24.9, stock: 100 },
    ],
  },
  {
    title: 'Enamel mug',
    handle: 'enamel-mug',
    option: 'Glaze',
    // The low-stock variant.
    variants: [{ title: 'Speckled', sku: 'MUG-SPECKLED', price: 12.5, stock: 2 }],
  },
  {
    title: 'Notebook A5',
    handle: 'notebook-a5',
    option: 'Ruling',
    variants: [{ title: 'Dot grid', sku: 'NOTEBOOK-A5', price: 9.95, stock: 50 }],
  },
  {
    title: 'Sticker sheet',
    handle: 'sticker-sheet',
    option: 'Theme',
    // Inventory not managed: always available.
    variants: [{ title: 'Botanical', sku: 'STICKERS', price: 3.99, stock: null }],
  },
]

async function seed({ container }) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)
  const auth = container.resolve(Modules.AUTH)
  const userModule = container.resolve(Modules.USER)

  const [store] = await storeModule.listStores()
  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: 'Tote tests' }] },
  })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        supported_currencies: [{ currency_code: 'eur', is_default: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: 'Europe',
          currency_code: 'eur',
          countries: COUNTRIES,
          payment_providers: ['pp_system_default'],
        },
      ],
    },
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: 'Berlin warehouse',
          address: { address_1: 'Hof 1', city: 'Berlin', country_code: 'DE' },
        },
      ],
    },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: 'manual_manual' },
  })

  const profiles = await fulfillment.listShippingProfiles({ type: 'default' })
  const profile =
    profiles[0] ??
    (
      await createShippingProfilesWorkflow(container).run({
        input: { data: [{ name: 'Default', type: 'default' }] },
      })
    ).result[0]
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: 'Berlin deliveries',
    type: 'shipping',
    service_zones: [
      {
        name: 'Europe',
        geo_zones: COUNTRIES.map((country_code) => ({ country_code, type: 'country' })),
      },
    ],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: 'Standard',
        price_type: 'flat',
        provider_id: 'manual_manual',
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: 'Standard', description: 'Two to four days', code: 'standard' },
        prices: [
          { currency_code: 'eur', amount: 4.9 },
          { region_id: region.id, amount: 4.9 },
        ],
        rules: [
          { attribute: 'enabled_in_store', value: 'true', operator: 'eq' },
          { attribute: 'is_return', value: 'false', operator: 'eq' },
        ],
      },
    ],
  })

  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: 'Tote tests', type: 'publishable', created_by: '' }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [channel.id] },
  })

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: PRODUCTS.map((product) => ({
        title: product.title,
        handle: product.handle,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: product.option, values: product.variants.map((v) => v.title) }],
        variants: product.variants.map((variant) => ({
          title: variant.title,
          sku: variant.sku,
          manage_inventory: variant.stock !== null,
          options: { [product.option]: variant.title },
          prices: [{ currency_code: 'eur', amount: variant.price }],
        })),
        sales_channels: [{ id: channel.id }],
      })),
    },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: 'variant',
    fields: ['id', 'sku', 'inventory_items.inventory_item_id'],
    filters: { product_id: products.map((product) => product.id) },
  })
  const stockBySku = new Map(
    PRODUCTS.flatMap((product) => product.variants.map((variant) => [variant.sku, variant.stock])),
  )
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: variants.flatMap((variant) => {
        const stock = stockBySku.get(variant.sku)
        return stock === null
          ? []
          : variant.inventory_items.map((item) => ({
              inventory_item_id: item.inventory_item_id,
              location_id: location.id,
              stocked_quantity: stock,
            }))
      }),
    },
  })

  await createPromotionsWorkflow(container).run({
    input: {
      promotionsData: [
        {
          code: 'WELCOME10',
          type: 'standard',
          status: 'active',
          is_automatic: false,
          application_method: {
            type: 'percentage',
            target_type: 'items',
            allocation: 'across',
            value: 10,
          },
        },
      ],
    },
  })

  const user = await userModule.createUsers({ email: ADMIN.email })
  const { authIdentity, error } = await auth.register('emailpass', {
    body: { email: ADMIN.email, password: ADMIN.password },
  })
  if (error) throw new Error(error)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })

  logger.info(
    `Tote's Medusa seed: region ${region.id}, key ${key.token}, ${variants.length} variants`,
  )
}

// `medusa exec` reads the default export.
exports.default = seed
