import { ToteArgumentError } from '../errors/index.ts'

/**
 * A delivery address for a cart (Shopify's `CartDeliveryAddressInput`): prefilled at checkout
 * and used to estimate shipping and taxes. `countryCode` is ISO 3166-1 alpha-2.
 *
 * @example
 * const address: DeliveryAddress = {
 *   address1: 'PSC 1234, Box 5678', city: 'APO', provinceCode: 'AE', zip: '09204', countryCode: 'US',
 * }
 */
export interface DeliveryAddress {
  firstName?: string
  lastName?: string
  company?: string
  address1: string
  address2?: string
  city: string
  /** A state or province code, such as `CA` or `AE`. */
  provinceCode?: string
  zip?: string
  countryCode: string
  /** E.164, such as `+16135551111`. */
  phone?: string
}

/**
 * Cart details some backends keep besides lines, note and attributes. An adapter lists the
 * ones it can set in `capabilities.details`; the cart refuses the others with `unsupported`.
 *
 * @example
 * const details: Partial<CartDetails> = { buyerPhone: '+4712345678' }
 */
export interface CartDetails {
  /** Where the order ships; `null` for none. */
  deliveryAddress: DeliveryAddress | null
  /** The buyer's phone number in E.164; `null` for none. */
  buyerPhone: string | null
  /**
   * Gift card codes applied to the cart. In a confirmed cart, backends that never give codes
   * back (Shopify) list the last characters of each applied card instead.
   */
  giftCardCodes: readonly string[]
  /** Cart metafields (`key` → value; Shopify's namespace is the app's), for apps and checkout. */
  metafields: Readonly<Record<string, string>>
}

/** The name of a cart detail. */
export type CartDetailName = keyof CartDetails

/** Every cart detail name. */
export const DETAIL_NAMES: readonly CartDetailName[] = [
  'deliveryAddress',
  'buyerPhone',
  'giftCardCodes',
  'metafields',
]

const ADDRESS_FIELDS = [
  'firstName',
  'lastName',
  'company',
  'address1',
  'address2',
  'city',
  'provinceCode',
  'zip',
  'countryCode',
  'phone',
]

const E164 = /^\+[1-9]\d{6,14}$/

/**
 * Why a value is not a valid `name` detail, or `null` when it is. The one check of details:
 * the cart's actions, `assertOps` and stored state all use it.
 *
 * @example
 * detailProblem('buyerPhone', '555') // 'expected a phone number in E.164, such as "+16135551111"'
 */
export function detailProblem(name: string, value: unknown): string | null {
  switch (name) {
    case 'deliveryAddress': {
      if (value === null) return null
      if (typeof value !== 'object' || Array.isArray(value)) return 'expected an address or null'
      const address = value as Record<string, unknown>
      for (const [key, field] of Object.entries(address)) {
        if (!ADDRESS_FIELDS.includes(key)) return `unknown address field ${JSON.stringify(key)}`
        if (typeof field !== 'string') return `expected ${key} to be a string`
      }
      for (const key of ['address1', 'city', 'countryCode']) {
        if (typeof address[key] !== 'string' || (address[key] as string).trim() === '') {
          return `expected a non-empty ${key}`
        }
      }
      if (!/^[A-Z]{2}$/.test(address.countryCode as string)) {
        return 'expected countryCode to be an ISO 3166-1 code such as "US"'
      }
      return null
    }
    case 'buyerPhone':
      return value === null || (typeof value === 'string' && E164.test(value))
        ? null
        : 'expected a phone number in E.164, such as "+16135551111", or null'
    case 'giftCardCodes':
      return Array.isArray(value) &&
        value.every((code) => typeof code === 'string' && code.trim() !== '')
        ? null
        : 'expected an array of non-empty codes'
    case 'metafields':
      return typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(([key, field]) => key !== '' && typeof field === 'string')
        ? null
        : 'expected string keys and string values'
    default:
      return `unknown cart detail; expected one of ${DETAIL_NAMES.join(', ')}`
  }
}

/** Throws a `ToteArgumentError` naming `argument` when the detail is not valid. */
export function assertDetail(argument: string, name: string, value: unknown): void {
  const problem = detailProblem(name, value)
  if (problem) throw new ToteArgumentError(argument, problem)
}

/**
 * The characters a gift card is known by once applied: Shopify gives back only the last
 * four of a code, so two codes that end alike are the same card to compare.
 *
 * @example
 * giftCardTail('ABCD-EFGH-1234') // '1234'
 */
export function giftCardTail(code: string): string {
  return code.replace(/[\s-]/g, '').slice(-4).toLowerCase()
}
