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

const ADDRESS_FIELDS =
  'firstName lastName company address1 address2 city provinceCode zip countryCode phone'.split(' ')

/** What each detail must be, as a refusal says it. */
const EXPECTED: Record<CartDetailName, string> = {
  deliveryAddress:
    'an address with address1, city and a countryCode such as "US" (string fields only), or null',
  buyerPhone: 'a phone number in E.164 such as "+16135551111", or null',
  giftCardCodes: 'an array of non-empty codes',
  metafields: 'string keys and string values',
}

const isText = (value: unknown): value is string => typeof value === 'string'
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Why a value is not a valid `name` detail, or `null` when it is. The one check of details:
 * the cart's actions, `assertOps` and stored state all use it.
 *
 * @example
 * detailProblem('buyerPhone', '555') // 'expected an E.164 number ("+16135551111") or null'
 */
export function detailProblem(name: string, value: unknown): string | null {
  const valid =
    name === 'deliveryAddress'
      ? value === null ||
        (isRecord(value) &&
          Object.entries(value).every(
            ([key, field]) => ADDRESS_FIELDS.includes(key) && isText(field),
          ) &&
          isText(value.address1) &&
          value.address1.trim() !== '' &&
          isText(value.city) &&
          value.city.trim() !== '' &&
          /^[A-Z]{2}$/.test(String(value.countryCode)))
      : name === 'buyerPhone'
        ? value === null || (isText(value) && /^\+[1-9]\d{6,14}$/.test(value))
        : name === 'giftCardCodes'
          ? Array.isArray(value) && value.every((code) => isText(code) && code.trim() !== '')
          : name === 'metafields'
            ? isRecord(value) && Object.values(value).every(isText)
            : null
  if (valid === null) return `unknown cart detail ${name}`
  return valid ? null : `expected ${EXPECTED[name as CartDetailName]}`
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
