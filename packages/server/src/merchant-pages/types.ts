// What the merchant pages read from the merchant API (docs/protocol/openapi.yaml): only the
// fields they show, so the API can grow without the pages changing.

/** Money as the API sends it. */
export interface MoneyValue {
  amount: number
  currency: string
}

/** `GET /v1/merchant/abandonment/stats` → `stats` (docs/domain.md R10). */
export interface MerchantStats {
  abandoned: number
  value: MoneyValue
  emailsSent: number
  recovered: number
  recoveredValue: MoneyValue
  recoveryRate: number
}

/** `GET /v1/merchant/abandonment/settings` → `settings` (docs/domain.md R5, R7, R8, R9). */
export interface MerchantSettings {
  enabled: boolean
  delayMinutes: number
  message: string
  enabledAt: string | null
  /** Who gets recovery emails, on servers that let the merchant choose. */
  recipients?: 'all' | 'consented'
  /** The most recovery emails one address gets a day, on servers that cap it. */
  maxEmailsPerAddressPerDay?: number
}

/** `GET /v1/merchant/carts` → `carts[]` (docs/domain.md R1, R2). */
export interface MerchantCart {
  id: string
  state: 'checkout' | 'abandoned'
  email: string
  checkoutStartedAt: string | null
  updatedAt: string
  total: MoneyValue
  lines: { merchandiseId: string; title: string; quantity: number }[]
  recoveryEmail: 'queued' | 'sent' | 'cancelled' | null
}

/** A variant as `POST /v1/merchandise/lookup` answers it. */
export interface MerchantVariant {
  id: string
  productId: string
  productTitle: string
  title: string
  image: { url: string; alt?: string } | null
  price: MoneyValue
  compareAtPrice: MoneyValue | null
  quantityAvailable: number | null
}

/** An issue of a refused request (`details.issues[]`). */
export interface ApiIssue {
  path: string
  message: string
}
