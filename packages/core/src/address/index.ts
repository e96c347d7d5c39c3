/**
 * `@tote/core/address`: the address rules of docs/domain.md, opt-in so carts that never take
 * an address do not carry them. {@link checkMilitaryAddress} applies R16 (US military
 * addresses); {@link militaryAddressRules} refuses a broken one with a `ToteArgumentError`
 * that names the rule, for `createCart({ addressRules })` and adapters.
 *
 * @example
 * import { militaryAddressRules } from '@tote/core/address'
 * const cart = createCart({ adapter, addressRules: militaryAddressRules })
 * cart.setDeliveryAddress({ address1: 'PSC 1234, Box 5678', city: 'APO', provinceCode: 'AE', countryCode: 'US' })
 *
 * @module
 */
import type { DeliveryAddress } from '../details/index.ts'
import { ToteArgumentError } from '../errors/index.ts'

export type { DeliveryAddress } from '../details/index.ts'

/**
 * A rule an address breaks: which rule of docs/domain.md, the field at fault and what is wrong.
 *
 * @example
 * const problem: AddressProblem = { rule: 'R16', field: 'provinceCode', message: '…' }
 */
export interface AddressProblem {
  rule: 'R16'
  field: 'city' | 'provinceCode' | 'countryCode' | 'address1'
  message: string
}

const MILITARY_CITIES = ['APO', 'FPO', 'DPO']
const MILITARY_STATES = ['AA', 'AE', 'AP']

/**
 * Whether an address is a US military one: its city is APO, FPO or DPO, or its state is an
 * Armed Forces state (AA, AE, AP), however it is written.
 *
 * @example
 * isMilitaryAddress({ address1: 'Unit 2050 Box 4190', city: 'FPO', provinceCode: 'AP', countryCode: 'US' }) // true
 */
export function isMilitaryAddress(address: DeliveryAddress): boolean {
  const city = address.city.trim().toUpperCase()
  const state = (address.provinceCode ?? '').trim().toUpperCase()
  return MILITARY_CITIES.includes(city) || MILITARY_STATES.includes(state)
}

/**
 * The first rule of docs/domain.md R16 a US military address breaks, or `null` (also for an
 * address that is not a military one): the city is exactly APO, FPO or DPO; the state AA, AE
 * or AP; the country the US; an APO address has PSC and BOX numbers in its address line, an
 * FPO or DPO address UNIT and BOX numbers.
 *
 * @example
 * checkMilitaryAddress({ address1: 'Box 1', city: 'APO', provinceCode: 'AE', countryCode: 'US' })
 * // { rule: 'R16', field: 'address1', message: 'docs/domain.md R16: an APO address carries …' }
 */
export function checkMilitaryAddress(address: DeliveryAddress): AddressProblem | null {
  if (!isMilitaryAddress(address)) return null
  const problem = (field: AddressProblem['field'], message: string): AddressProblem => ({
    rule: 'R16',
    field,
    message: `docs/domain.md R16: ${message}`,
  })
  const { city } = address
  if (!MILITARY_CITIES.includes(city)) {
    return problem(
      'city',
      `a US military address has the city APO, FPO or DPO, exactly (got "${city}")`,
    )
  }
  if (!MILITARY_STATES.includes(address.provinceCode ?? '')) {
    return problem(
      'provinceCode',
      `a US military address has the state AA, AE or AP (got "${address.provinceCode ?? ''}")`,
    )
  }
  if (address.countryCode !== 'US') {
    return problem(
      'countryCode',
      `a US military address is in the United States, country US (got "${address.countryCode}")`,
    )
  }
  const line = `${address.address1} ${address.address2 ?? ''}`.toUpperCase()
  const box = /\bBOX\s*\d+/.test(line)
  if (city === 'APO' && !(/\bPSC\s*\d+/.test(line) && box)) {
    return problem('address1', 'an APO address carries its PSC and BOX numbers in the address line')
  }
  if (city !== 'APO' && !(/\bUNIT\s*\d+/.test(line) && box)) {
    return problem(
      'address1',
      `an ${city} address carries its UNIT and BOX numbers in the address line`,
    )
  }
  return null
}

/**
 * Refuses an address that breaks docs/domain.md R16 with a `ToteArgumentError` whose message
 * names the rule and the field, before anything is sent.
 *
 * @example
 * militaryAddressRules({ address1: 'PSC 1234, Box 5678', city: 'APO', provinceCode: 'AE', countryCode: 'US' }) // passes
 */
export function militaryAddressRules(address: DeliveryAddress, argument = 'address'): void {
  const problem = checkMilitaryAddress(address)
  if (problem) throw new ToteArgumentError(`${argument}.${problem.field}`, problem.message)
}
